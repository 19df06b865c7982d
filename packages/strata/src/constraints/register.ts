// Registers the built-in constraints and their names.
export {};
