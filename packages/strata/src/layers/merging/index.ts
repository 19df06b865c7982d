// st.layers.* of the merging family (classes and tfjs-layers-style factories). Every merge
// layer takes a list: `st.layers.add().apply([a, b])`.
export { Merge, type MergeArgs } from './merge.js';
export { Add, add, type AddArgs } from './add.js';
export { Subtract, subtract, type SubtractArgs } from './subtract.js';
export { Multiply, multiply, type MultiplyArgs } from './multiply.js';
export { Average, average, type AverageArgs } from './average.js';
export { Maximum, maximum, type MaximumArgs } from './maximum.js';
export { Minimum, minimum, type MinimumArgs } from './minimum.js';
export { Concatenate, concatenate, type ConcatenateArgs, type ConcatenateConfig } from './concatenate.js';
export { Dot, dot, type DotArgs, type DotConfig } from './dot.js';
