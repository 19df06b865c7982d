// Registers the convolutional layers for deserialization by class name.
import { registerClass, type SerializableClass } from '../../saving/serialization.js';
import { Conv1D, Conv2D, Conv3D } from './conv.js';
import { Conv1DTranspose, Conv2DTranspose, Conv3DTranspose } from './conv-transpose.js';
import { DepthwiseConv1D, DepthwiseConv2D } from './depthwise-conv.js';
import { SeparableConv1D, SeparableConv2D } from './separable-conv.js';

for (const cls of [
  Conv1D,
  Conv2D,
  Conv3D,
  Conv1DTranspose,
  Conv2DTranspose,
  Conv3DTranspose,
  DepthwiseConv1D,
  DepthwiseConv2D,
  SeparableConv1D,
  SeparableConv2D,
]) {
  registerClass(cls);
}
// Keras' alias class names.
const aliases: Array<[string, SerializableClass]> = [
  ['Convolution1D', Conv1D],
  ['Convolution2D', Conv2D],
  ['Convolution3D', Conv3D],
  ['Convolution2DTranspose', Conv2DTranspose],
  ['Convolution3DTranspose', Conv3DTranspose],
  ['SeparableConvolution1D', SeparableConv1D],
  ['SeparableConvolution2D', SeparableConv2D],
];
for (const [name, cls] of aliases) registerClass(cls, { name });
