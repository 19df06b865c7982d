// st.layers.* of the activation family: the advanced activations as layers (classes and
// tfjs-layers-style factories; `elu` and `prelu` are tfjs-layers' spellings of eLU and pReLU).
export { ReLU, reLU, type ReLUArgs, type ReLUConfig } from './relu.js';
export { LeakyReLU, leakyReLU, type LeakyReLUArgs, type LeakyReLUConfig } from './leaky-relu.js';
export { PReLU, pReLU, pReLU as prelu, type PReLUArgs, type PReLUConfig } from './prelu.js';
export { ELU, eLU, eLU as elu, type ELUArgs, type ELUConfig } from './elu.js';
export { ThresholdedReLU, thresholdedReLU, type ThresholdedReLUArgs, type ThresholdedReLUConfig } from './thresholded-relu.js';
export { Softmax, softmax, type SoftmaxArgs, type SoftmaxConfig } from './softmax.js';
