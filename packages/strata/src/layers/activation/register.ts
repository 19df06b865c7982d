// Registers the activation layers for deserialization by class name.
export {};
