// Registers the reshaping layers for deserialization by class name.
export {};
