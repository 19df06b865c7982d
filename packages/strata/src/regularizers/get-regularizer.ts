// Resolves what users and configs pass for a regularizer: an instance, a serialized
// `{className, config}`, or a name ('l1', 'l2', 'l1l2' / 'l1_l2').
import { UnknownNameError } from '../errors.js';
import { deserialize, type SerializedObject } from '../saving/serialization.js';
import type { Regularizer } from './regularizer.js';

export type RegularizerIdentifier = Regularizer | SerializedObject | string;

/** Name → registered class name. Filled by the regularizer catalog's register.ts. */
export const REGULARIZER_ALIASES = new Map<string, string>();

function isRegularizer(x: RegularizerIdentifier): x is Regularizer {
  return typeof x === 'object' && typeof (x as Regularizer).apply === 'function';
}

export function getRegularizer(id: RegularizerIdentifier | null | undefined): Regularizer | null {
  if (id === null || id === undefined) return null;
  if (typeof id === 'string') {
    const className = REGULARIZER_ALIASES.get(id);
    if (!className) throw new UnknownNameError('regularizer', id, [...REGULARIZER_ALIASES.keys()]);
    return deserialize<Regularizer>({ className, config: {} }, 'regularizer');
  }
  return isRegularizer(id) ? id : deserialize<Regularizer>(id, 'regularizer');
}
