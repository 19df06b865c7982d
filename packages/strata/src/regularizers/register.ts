// Registers the built-in regularizers and the names that resolve to them: Keras 3's
// ('l1', 'l2', 'l1_l2', 'orthogonal_regularizer', and the class names) and tfjs-layers' ('l1l2').
import { registerClass, type SerializableClass } from '../saving/serialization.js';
import { REGULARIZER_ALIASES } from './get-regularizer.js';
import { L1, L1L2, L2 } from './l1-l2.js';
import { OrthogonalRegularizer } from './orthogonal-regularizer.js';

const BUILTIN_REGULARIZERS: SerializableClass[] = [L1, L2, L1L2, OrthogonalRegularizer];

const NAMES: Array<[string, string]> = [
  ['l1', 'L1'],
  ['l2', 'L2'],
  ['l1l2', 'L1L2'],
  ['l1_l2', 'L1L2'],
  ['orthogonal_regularizer', 'OrthogonalRegularizer'],
  ['orthogonalRegularizer', 'OrthogonalRegularizer'],
];

for (const cls of BUILTIN_REGULARIZERS) {
  registerClass(cls);
  REGULARIZER_ALIASES.set(cls.className, cls.className);
}
for (const [name, className] of NAMES) REGULARIZER_ALIASES.set(name, className);
