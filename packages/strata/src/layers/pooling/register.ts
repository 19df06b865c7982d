// Registers the pooling layers for deserialization by class name.
export {};
