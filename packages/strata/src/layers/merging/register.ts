// Registers the merging layers for deserialization by class name.
export {};
