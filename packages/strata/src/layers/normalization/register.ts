// Registers the normalization layers for deserialization by class name.
export {};
