// Plain-JS reference math for the recurrent tests, written from the Keras 3 equations
// (keras/src/layers/rnn/{simple_rnn,lstm,gru}.py), independent of Strata's code.

export type Matrix = number[][];
export type Sequence = Matrix[]; // [batch][time][features]

export const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
export const tanh = Math.tanh;

/** row · W for a row vector and a matrix [in, out]. */
export function vecMat(row: number[], w: Matrix): number[] {
  return w[0].map((_, j) => row.reduce((s, v, i) => s + v * w[i][j], 0));
}

const add = (a: number[], b: number[]): number[] => a.map((v, i) => v + b[i]);
const mul = (a: number[], b: number[]): number[] => a.map((v, i) => v * b[i]);
const slice = (a: number[], block: number, units: number): number[] => a.slice(block * units, (block + 1) * units);

export type StepFn = (x: number[], states: number[][]) => { output: number[]; states: number[][] };

export function simpleRNNStep(kernel: Matrix, recurrent: Matrix, bias: number[]): StepFn {
  return (x, [h]) => {
    const next = add(add(vecMat(x, kernel), bias), vecMat(h, recurrent)).map(tanh);
    return { output: next, states: [next] };
  };
}

/** LSTM, gate blocks i, f, c, o; sigmoid recurrent activation, tanh activation. */
export function lstmStep(kernel: Matrix, recurrent: Matrix, bias: number[], act: (v: number) => number = tanh, recAct = sigmoid): StepFn {
  const units = recurrent.length;
  return (x, [h, c]) => {
    const z = add(add(vecMat(x, kernel), vecMat(h, recurrent)), bias);
    const i = slice(z, 0, units).map(recAct);
    const f = slice(z, 1, units).map(recAct);
    const g = slice(z, 2, units).map(act);
    const o = slice(z, 3, units).map(recAct);
    const carry = add(mul(f, c), mul(i, g));
    const next = mul(o, carry.map(act));
    return { output: next, states: [next, carry] };
  };
}

/**
 * GRU, gate blocks z, r, h. resetAfter: bias is [inputBias, recurrentBias] and
 * hh = tanh(x·W_h + b_h + r ⊙ (h·U_h + b'_h)); otherwise hh = tanh(x·W_h + b_h + (r ⊙ h)·U_h).
 */
export function gruStep(kernel: Matrix, recurrent: Matrix, bias: number[] | Matrix, resetAfter: boolean): StepFn {
  const units = recurrent.length;
  const inputBias = resetAfter ? (bias as Matrix)[0] : (bias as number[]);
  const recurrentBias = resetAfter ? (bias as Matrix)[1] : new Array<number>(3 * units).fill(0);
  const recurrentBlock = (block: number): Matrix => recurrent.map((row) => slice(row, block, units));
  return (x, [h]) => {
    const xw = add(vecMat(x, kernel), inputBias);
    const hu = add(vecMat(h, recurrent), recurrentBias);
    const z = add(slice(xw, 0, units), slice(hu, 0, units)).map(sigmoid);
    const r = add(slice(xw, 1, units), slice(hu, 1, units)).map(sigmoid);
    const recurrentH = resetAfter ? mul(r, slice(hu, 2, units)) : vecMat(mul(r, h), recurrentBlock(2));
    const hh = add(slice(xw, 2, units), recurrentH).map(tanh);
    const next = h.map((hv, k) => z[k] * hv + (1 - z[k]) * hh[k]);
    return { output: next, states: [next] };
  };
}

export type RunOptions = { goBackwards?: boolean; mask?: boolean[][]; zeroOutputForMask?: boolean };

/**
 * Runs a step function over each sample of a batch (Keras' backend.rnn): returns the outputs in
 * processing order and the final states. Masked steps carry the previous state and output over.
 */
export function runSequence(step: StepFn, x: Sequence, initial: number[][][], options: RunOptions = {}) {
  const outputs: Matrix[] = [];
  const finals: number[][][] = [];
  x.forEach((sample, b) => {
    const order = sample.map((_, t) => t);
    if (options.goBackwards) order.reverse();
    let states = initial[b];
    let previous: number[] | null = null;
    const out: Matrix = [];
    for (const t of order) {
      const result = step(sample[t], states);
      const keep = options.mask ? options.mask[b][t] : true;
      const zeros = result.output.map(() => 0);
      const output: number[] = keep ? result.output : options.zeroOutputForMask ? zeros : (previous ?? zeros);
      states = keep ? result.states : states;
      previous = output;
      out.push(output);
    }
    outputs.push(out);
    finals.push(states);
  });
  return { outputs, last: outputs.map((o) => o[o.length - 1]), states: finals };
}

/** Zero initial states: `count` states of `units` per sample. */
export function zeroStates(batch: number, count: number, units: number): number[][][] {
  return Array.from({ length: batch }, () => Array.from({ length: count }, () => new Array<number>(units).fill(0)));
}

/** Deterministic values in [-scale, scale] (a small LCG), for weights and inputs. */
export function values(count: number, seed: number, scale = 0.5): number[] {
  let state = seed >>> 0;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return ((state / 2 ** 32) * 2 - 1) * scale;
  });
}

export function matrix(rows: number, cols: number, seed: number, scale = 0.5): Matrix {
  const flat = values(rows * cols, seed, scale);
  return Array.from({ length: rows }, (_, i) => flat.slice(i * cols, (i + 1) * cols));
}

export function sequence(batch: number, time: number, features: number, seed: number): Sequence {
  const flat = values(batch * time * features, seed, 1);
  return Array.from({ length: batch }, (_, b) =>
    Array.from({ length: time }, (_, t) => flat.slice((b * time + t) * features, (b * time + t + 1) * features)),
  );
}
