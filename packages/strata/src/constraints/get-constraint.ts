// Resolves what users and configs pass for a constraint: an instance, a serialized
// `{className, config}`, or a name ('maxNorm' / 'max_norm', 'nonNeg' / 'non_neg', ...).
import { UnknownNameError } from '../errors.js';
import { deserialize, type SerializedObject } from '../saving/serialization.js';
import type { Constraint } from './constraint.js';

export type ConstraintIdentifier = Constraint | SerializedObject | string;

/** Name → registered class name. Filled by the constraint catalog's register.ts. */
export const CONSTRAINT_ALIASES = new Map<string, string>();

function isConstraint(x: ConstraintIdentifier): x is Constraint {
  return typeof x === 'object' && typeof (x as Constraint).apply === 'function';
}

export function getConstraint(id: ConstraintIdentifier | null | undefined): Constraint | null {
  if (id === null || id === undefined) return null;
  if (typeof id === 'string') {
    const className = CONSTRAINT_ALIASES.get(id);
    if (!className) throw new UnknownNameError('constraint', id, [...CONSTRAINT_ALIASES.keys()]);
    return deserialize<Constraint>({ className, config: {} }, 'constraint');
  }
  return isConstraint(id) ? id : deserialize<Constraint>(id, 'constraint');
}
