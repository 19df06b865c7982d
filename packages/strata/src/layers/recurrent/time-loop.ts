// The time loop every recurrent layer runs (Keras' backend.rnn): per-sequence work once, then one
// cell step per timestep on tfjs ops, with masking and reverse order. Unrolling is implicit: the
// loop is JavaScript, so each step is recorded for autodiff as it runs.
import { tf, type Tensor } from '../../runtime/tf.js';
import type { CellRun } from './rnn-cell.js';

export type TimeLoopArgs = {
  run: CellRun;
  /** [batch, time, ...features] */
  sequence: Tensor;
  initialStates: Tensor[];
  /** [batch, time], bool or numeric (non-zero = keep); masked steps carry state and output over. */
  mask: Tensor | null;
  goBackwards: boolean;
  returnSequences: boolean;
  /** Masked steps output zeros instead of the previous output. */
  zeroOutputForMask: boolean;
};

export type TimeLoopResult = {
  /** The output of the last processed step. */
  lastOutput: Tensor;
  /** [batch, time, ...] in processing order (reversed for goBackwards), when asked for. */
  outputs: Tensor | null;
  states: Tensor[];
};

export function runTimeLoop(args: TimeLoopArgs): TimeLoopResult {
  const { run, sequence } = args;
  // One projection for all timesteps, then one slice per step (a single Unpack op).
  // Time-major once ([time, batch, ...]): per-step slices are then contiguous (a cheap Unpack on
  // every backend), and the cell's input projection runs on all timesteps in one op.
  const perm = [1, 0, ...Array.from({ length: sequence.rank - 2 }, (_, i) => i + 2)];
  // Copies of the lists: the gradient tape holds the arrays tfjs returned, so they must not be
  // reordered in place.
  const steps = [...tf.unstack(run.prepare(tf.transpose(sequence, perm)), 0)];
  const stepMasks = args.mask ? maskSteps(args.mask, sequence.rank - 1) : null;
  if (args.goBackwards) {
    steps.reverse();
    stepMasks?.reverse();
  }
  let states = args.initialStates;
  const outputs: Tensor[] = [];
  let previous: Tensor | null = null;
  for (let t = 0; t < steps.length; t++) {
    const result = run.step(steps[t], states);
    let output = result.output;
    if (stepMasks) {
      const keep = stepMasks[t];
      const fallback: Tensor = args.zeroOutputForMask || !previous ? tf.zerosLike(output) : previous;
      output = tf.where(keep, output, fallback);
      states = result.states.map((s, i) => tf.where(keep, s, states[i]));
    } else {
      states = result.states;
    }
    previous = output;
    if (args.returnSequences) outputs.push(output);
  }
  return {
    lastOutput: previous!,
    outputs: args.returnSequences ? tf.stack(outputs, 1) : null,
    states,
  };
}

/** The mask as one bool tensor per timestep, shaped [batch, 1, ...] to broadcast over a step's values. */
function maskSteps(mask: Tensor, stepRank: number): Tensor[] {
  const bool = mask.dtype === 'bool' ? mask : tf.notEqual(mask, 0);
  const [batch, time] = mask.shape;
  const timeMajor = tf.reshape(tf.transpose(bool), [time, batch, ...Array<number>(stepRank - 1).fill(1)]);
  return [...tf.unstack(timeMajor, 0)];
}
