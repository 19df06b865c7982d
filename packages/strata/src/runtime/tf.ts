// The tensor runtime Strata computes with: tfjs-core ops, the pure-JS CPU backend, and the
// gradient registrations that plain Node would otherwise miss (see DESIGN §9).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import 'strata/vendor/register-gradients';

// Start on cpu (st.useBackend switches later). cpu initialises synchronously, so the instance
// is final once setBackend returns. Its first write prints a "you are running TensorFlow.js in
// Node.js" banner; Strata picks backends itself, so switch it off (`firstUse` is private).
void tf.setBackend('cpu');
const cpu = tf.engine().findBackend('cpu') as unknown as { firstUse?: boolean } | null;
if (cpu?.firstUse === true) cpu.firstUse = false;

export { tf };
export type Tensor = tf.Tensor;
export type Rank = tf.Rank;
export type DataType = tf.DataType;
/** A shape whose entries may be unknown (`null`), e.g. the batch dimension. */
export type Shape = (number | null)[];
