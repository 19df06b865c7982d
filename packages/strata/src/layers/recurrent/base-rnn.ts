// BaseRNN: runs a cell over the time axis of [batch, time, ...features]. It owns everything that
// is not the per-step math: the input contract, initial states (zeros, given as extra inputs,
// or carried over by a stateful layer), masking, reverse order, and the output/state shapes.
// SimpleRNN, LSTM, GRU, ConvLSTM2D and the generic RNN are thin classes over it.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError, formatShape } from '../../errors.js';
import type { JsonObject } from '../../saving/serialization.js';
import { InputSpec } from '../../engine/input-spec.js';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { RNNCell } from './rnn-cell.js';
import { runTimeLoop } from './time-loop.js';
import { buildInScope } from './weight-scope.js';

export type RNNOptions = {
  /** Return the output of every timestep [batch, time, units] instead of the last [batch, units]. */
  returnSequences?: boolean;
  /** Also return the final states: the output becomes [output, ...states]. */
  returnState?: boolean;
  /** Process the sequence from its end; the returned sequence is in processing order (reversed). */
  goBackwards?: boolean;
  /** Carry the final states of a batch over as the initial states of the next (fixed batch size). */
  stateful?: boolean;
  /** Accepted for compatibility: the loop is always unrolled in JavaScript. */
  unroll?: boolean;
  /** Masked timesteps output zeros instead of repeating the previous output (Keras 3). */
  zeroOutputForMask?: boolean;
};

export type RNNOptionsConfig = {
  returnSequences: boolean;
  returnState: boolean;
  goBackwards: boolean;
  stateful: boolean;
  unroll: boolean;
  zeroOutputForMask: boolean;
};

export type BaseRNNConfig = LayerConfig & RNNOptionsConfig;

export type BaseRNNArgs = LayerArgs &
  RNNOptions & {
    /** tfjs-layers shorthand: inputShape = [inputLength, inputDim]. */
    inputDim?: number;
    inputLength?: number;
  };

function withInputShape(args: BaseRNNArgs): LayerArgs {
  if (args.inputShape || args.batchInputShape || args.inputDim === undefined) return args;
  return { ...args, inputShape: [args.inputLength ?? null, args.inputDim] };
}

export abstract class BaseRNN extends Layer {
  readonly cell: RNNCell;
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly goBackwards: boolean;
  readonly stateful: boolean;
  readonly unroll: boolean;
  zeroOutputForMask: boolean;
  /** Rank of the sequence input: 3 for [batch, time, features], 5 for ConvLSTM2D. */
  protected readonly sequenceRank: number;
  private stepShape: Shape | null = null;
  /** A stateful layer's current states (kept outside any tidy scope), null until first needed. */
  private carried: Tensor[] | null = null;

  protected constructor(args: BaseRNNArgs, cell: RNNCell, sequenceRank = 3) {
    super(withInputShape(args));
    this.cell = cell;
    this.returnSequences = args.returnSequences ?? false;
    this.returnState = args.returnState ?? false;
    this.goBackwards = args.goBackwards ?? false;
    this.stateful = args.stateful ?? false;
    this.unroll = args.unroll ?? false;
    this.zeroOutputForMask = args.zeroOutputForMask ?? false;
    this.sequenceRank = sequenceRank;
    this.supportsMasking = true;
    this.inputSpec = [new InputSpec({ ndim: sequenceRank })];
    this.subLayers.push(cell);
    if (this.stateful && this.batchInputShape && this.batchInputShape[0] === null) {
      throw new ValueError(
        `${this.getClassName()} '${this.name}': a stateful layer needs a fixed batch size; found batchInputShape ${formatShape(this.batchInputShape)}. Pass batchInputShape with a batch size.`,
      );
    }
  }

  /** Only the sequence is checked against the spec; the initial states are checked in `call`. */
  protected override assertInputCompatible(shapes: Shape[]): void {
    super.assertInputCompatible(shapes.slice(0, 1));
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = sequenceShape(inputShape);
    if (shape.length !== this.sequenceRank) {
      throw new ValueError(
        `${this.getClassName()} '${this.name}' expects inputs of rank ${this.sequenceRank} [batch, time, ...features], found shape ${formatShape(shape)}.`,
      );
    }
    if (this.stateful && shape[0] === null) {
      throw new ValueError(
        `${this.getClassName()} '${this.name}': a stateful layer needs a fixed batch size, found input shape ${formatShape(shape)}. ` +
          'Give the model a batchInputShape (or inputShape with batchSize).',
      );
    }
    const step: Shape = [shape[0], ...shape.slice(2)];
    // The cell's weights belong to this layer and are named after it ('lstm/kernel'), as tfjs-layers does.
    if (!this.cell.built) buildInScope(this, this.cell, null, step);
    this.stepShape = step;
    this.inputSpec = [new InputSpec({ ndim: this.sequenceRank, axes: { [-1]: shape[shape.length - 1]! } })];
    this.built = true;
  }

  call(inputs: LayerInputs, options: CallOptions): Tensor | Tensor[] {
    const [sequence, ...given] = Array.isArray(inputs) ? inputs : [inputs];
    const [batch, time] = sequence.shape;
    if (time === 0) throw new ValueError(`${this.getClassName()} '${this.name}': the sequence has no timesteps (shape ${formatShape(sequence.shape)}).`);
    const stepShape = [batch, ...sequence.shape.slice(2)];
    const initialStates = given.length > 0 ? this.checkedStates(given, stepShape) : this.stateful ? this.carriedStates(batch) : this.cell.getInitialState(batch, stepShape);
    const mask = options.mask ?? null;
    if (mask && (mask.rank !== 2 || mask.shape[0] !== batch || mask.shape[1] !== time)) {
      throw new ValueError(
        `${this.getClassName()} '${this.name}': the mask must have shape [batch, time] = ${formatShape([batch, time])}, found ${formatShape(mask.shape)}.`,
      );
    }
    const result = runTimeLoop({
      run: this.cell.begin(stepShape, options.training ?? false),
      sequence,
      initialStates,
      mask,
      goBackwards: this.goBackwards,
      returnSequences: this.returnSequences,
      zeroOutputForMask: this.zeroOutputForMask,
    });
    if (this.stateful) this.carry(result.states);
    const output = result.outputs ?? result.lastOutput;
    return this.returnState ? [output, ...result.states] : output;
  }

  private checkedStates(states: Tensor[], stepShape: number[]): Tensor[] {
    const expected = this.cell.stateShapes(stepShape).map((s) => [stepShape[0], ...s]);
    if (states.length !== expected.length) {
      throw new ValueError(
        `${this.getClassName()} '${this.name}' takes ${expected.length} initial state(s) after the sequence, but it received ${states.length}.`,
      );
    }
    states.forEach((s, i) => {
      if (!tf.util.arraysEqual(s.shape, expected[i] as number[])) {
        throw new ValueError(
          `${this.getClassName()} '${this.name}': initial state ${i} must have shape ${formatShape(expected[i])}, found ${formatShape(s.shape)}.`,
        );
      }
    });
    return states;
  }

  // ---- stateful layers ---------------------------------------------------------------------

  private carriedStates(batch: number): Tensor[] {
    if (!this.carried) this.resetStates();
    const states = this.carried!;
    if (states[0].shape[0] !== batch) {
      throw new ValueError(
        `${this.getClassName()} '${this.name}' is stateful with batch size ${states[0].shape[0]}, but it received a batch of ${batch}. ` +
          'A stateful layer needs every batch to have the same size.',
      );
    }
    return states;
  }

  private carry(states: Tensor[]): void {
    const previous = this.carried;
    // Copies, kept past the tidy scope of apply(): the outputs themselves belong to the caller.
    this.carried = states.map((s) => tf.keep(tf.clone(s)));
    if (previous) tf.dispose(previous);
  }

  /** The states a stateful layer carries (null before its first batch). Do not dispose them. */
  get states(): Tensor[] | null {
    return this.carried;
  }

  /** Resets a stateful layer's states to zeros, or to the given values (Keras' reset_state). */
  resetStates(states?: Tensor | Tensor[]): void {
    if (!this.stateful) throw new ValueError(`${this.getClassName()} '${this.name}': resetStates() needs a stateful layer.`);
    if (!this.built || !this.stepShape || this.stepShape[0] === null) {
      throw new ValueError(`${this.getClassName()} '${this.name}': resetStates() needs a built layer with a fixed batch size.`);
    }
    const step = this.stepShape as number[];
    const values = states === undefined ? null : Array.isArray(states) ? states : [states];
    const next = tf
      .tidy(() => (values ? this.checkedStates(values, step).map((s) => tf.clone(s)) : this.cell.getInitialState(step[0], step)))
      .map((s) => tf.keep(s)); // may run inside apply()'s tidy scope
    if (this.carried) tf.dispose(this.carried);
    this.carried = next;
  }

  // ---- shapes, masks, config -----------------------------------------------------------------

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const shape = sequenceShape(inputShape);
    const [batch, time] = shape;
    const step: Shape = [batch, ...shape.slice(2)];
    const out = this.cell.outputShape(step);
    const output = this.returnSequences ? [batch, time, ...out] : [batch, ...out];
    if (!this.returnState) return output;
    return [output, ...this.cell.stateShapes(step).map((s) => [batch, ...s])];
  }

  /** The input mask if the output keeps the time axis, else none (Keras). */
  override computeMask(_inputs: LayerInputs, mask: Tensor | null): Tensor | null {
    return this.returnSequences ? mask : null;
  }

  protected rnnOptionsConfig(): RNNOptionsConfig {
    return {
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      goBackwards: this.goBackwards,
      stateful: this.stateful,
      unroll: this.unroll,
      zeroOutputForMask: this.zeroOutputForMask,
    };
  }

  override getConfig(): JsonObject {
    const config: BaseRNNConfig = { ...(super.getConfig() as LayerConfig), ...this.rnnOptionsConfig() };
    return config;
  }

  override dispose(): void {
    if (this.carried) tf.dispose(this.carried);
    this.carried = null;
    super.dispose();
  }
}

function sequenceShape(inputShape: Shape | Shape[]): Shape {
  return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
}
