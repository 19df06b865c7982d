// The tensor runtime Strata computes with: tfjs-core ops, the pure-JS CPU backend, and the
// gradient registrations that plain Node would otherwise miss (see DESIGN §9).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import 'strata/vendor/register-gradients';

export { tf };
export type Tensor = tf.Tensor;
export type Rank = tf.Rank;
export type DataType = tf.DataType;
/** A shape whose entries may be unknown (`null`), e.g. the batch dimension. */
export type Shape = (number | null)[];
