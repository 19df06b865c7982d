// Registers the convolutional layers for deserialization by class name.
export {};
