// Registers the built-in constraints and the names that resolve to them: the class names,
// Keras 3's snake_case names ('max_norm') and tfjs-layers' camelCase ones ('maxNorm').
import { registerClass, type SerializableClass } from '../saving/serialization.js';
import { CONSTRAINT_ALIASES } from './get-constraint.js';
import { NonNeg } from './non-neg.js';
import { MaxNorm, MinMaxNorm, UnitNorm } from './norm-constraints.js';

const BUILTIN_CONSTRAINTS: SerializableClass[] = [MaxNorm, UnitNorm, NonNeg, MinMaxNorm];

const NAMES: Array<[string, string]> = [
  ['maxNorm', 'MaxNorm'],
  ['max_norm', 'MaxNorm'],
  ['unitNorm', 'UnitNorm'],
  ['unit_norm', 'UnitNorm'],
  ['nonNeg', 'NonNeg'],
  ['non_neg', 'NonNeg'],
  ['minMaxNorm', 'MinMaxNorm'],
  ['min_max_norm', 'MinMaxNorm'],
];

for (const cls of BUILTIN_CONSTRAINTS) {
  registerClass(cls);
  CONSTRAINT_ALIASES.set(cls.className, cls.className);
}
for (const [name, className] of NAMES) CONSTRAINT_ALIASES.set(name, className);
