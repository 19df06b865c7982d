// Registers the regularization layers for deserialization by class name.
export {};
