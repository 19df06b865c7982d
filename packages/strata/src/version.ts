// Strata's version, written into saved files.
export const STRATA_VERSION = '0.1.0';
