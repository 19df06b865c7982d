// Registers the pooling layers for deserialization by class name, with Keras' alias names.
import { registerClass, type SerializableClass } from '../../saving/serialization.js';
import { AveragePooling1D, AveragePooling2D, AveragePooling3D } from './average-pooling.js';
import { GlobalAveragePooling1D, GlobalAveragePooling2D, GlobalAveragePooling3D } from './global-average-pooling.js';
import { GlobalMaxPooling1D, GlobalMaxPooling2D, GlobalMaxPooling3D } from './global-max-pooling.js';
import { LPPooling1D, LPPooling2D } from './lp-pooling.js';
import { MaxPooling1D, MaxPooling2D, MaxPooling3D } from './max-pooling.js';

const classes: Array<[SerializableClass, string | null]> = [
  [MaxPooling1D, 'MaxPool1D'],
  [MaxPooling2D, 'MaxPool2D'],
  [MaxPooling3D, 'MaxPool3D'],
  [AveragePooling1D, 'AvgPool1D'],
  [AveragePooling2D, 'AvgPool2D'],
  [AveragePooling3D, 'AvgPool3D'],
  [GlobalMaxPooling1D, 'GlobalMaxPool1D'],
  [GlobalMaxPooling2D, 'GlobalMaxPool2D'],
  [GlobalMaxPooling3D, 'GlobalMaxPool3D'],
  [GlobalAveragePooling1D, 'GlobalAvgPool1D'],
  [GlobalAveragePooling2D, 'GlobalAvgPool2D'],
  [GlobalAveragePooling3D, 'GlobalAvgPool3D'],
  [LPPooling1D, null],
  [LPPooling2D, null],
];
for (const [cls, alias] of classes) {
  registerClass(cls);
  if (alias) registerClass(cls, { name: alias });
}
