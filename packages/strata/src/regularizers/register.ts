// Registers the built-in regularizers and their names ('l1', 'l2', 'l1l2' / 'l1_l2').
export {};
