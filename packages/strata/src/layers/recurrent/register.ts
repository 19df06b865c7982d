// Registers the recurrent layers for deserialization by class name.
export {};
