// Registers the attention layers for deserialization by class name.
export {};
