// The public API of Strata: `import * as st from 'strata'`.
export { tf } from './runtime/tf.js';
export * from './errors.js';
