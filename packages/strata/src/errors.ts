// Strata's error types. Every message says what was expected, what was found, and where.

/** A value a user passed is invalid (bad config, wrong shape, unknown name). */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** A name (activation, loss, optimizer, layer class...) is not known to the registry. */
export class UnknownNameError extends ValueError {
  override name = 'UnknownNameError';
  constructor(kind: string, found: string, known: readonly string[]) {
    super(`Unknown ${kind} '${found}'. Expected one of: ${[...known].sort().join(', ')}.`);
  }
}

/** Something was used before it was ready (e.g. fit before compile). */
export class StateError extends Error {
  override name = 'StateError';
}

/** A model file or weight is damaged, truncated or does not match what it claims. */
export class ModelFileError extends Error {
  override name = 'ModelFileError';
}

/** Formats a shape for messages: [null,784] → "[null, 784]". */
export function formatShape(shape: readonly (number | null)[]): string {
  return `[${shape.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;
}
