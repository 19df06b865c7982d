// Small tensor helpers shared by the checks.
import * as st from 'strata';
import { LayerTestFailure } from './assertions.js';

/** The one output of a single-output layer (a layer returning a list fails clearly). */
export function single<T>(out: T | T[], what: string): T {
  if (Array.isArray(out)) {
    if (out.length !== 1) throw new LayerTestFailure(`${what}: expected one output, found ${out.length}.`);
    return out[0];
  }
  return out;
}

/** Disposes layer outputs, except a tensor that is one of the inputs (identity layers return their input). */
export function disposeOutput(output: st.Tensor | st.Tensor[], inputs: st.Tensor[]): void {
  for (const t of Array.isArray(output) ? output : [output]) if (!inputs.includes(t)) t.dispose();
}

/** Applies a built-or-not layer to a concrete tensor and returns the output values and shape. */
export function evaluateLayer(layer: st.Layer, x: st.Tensor, training: boolean): { values: number[]; shape: number[] } {
  const y = single(layer.apply(x, { training }), `layer '${layer.name}'`);
  const result = { values: Array.from(y.dataSync() as ArrayLike<number>), shape: [...y.shape] };
  disposeOutput(y, [x]);
  return result;
}

/** Snapshot of every weight value of a layer, by weight name. */
export function weightValues(layer: st.Layer): Map<string, number[]> {
  return new Map(layer.weights.map((w) => [w.name, Array.from(w.read().dataSync() as ArrayLike<number>)]));
}
