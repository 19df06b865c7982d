// The contract of a recurrent cell: the math of one timestep, which an RNN layer runs over the
// time axis. A cell is a Layer (Keras semantics): its weights are created in `build` for the
// shape of one step's input, [batch, ...features].
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError, formatShape } from '../../errors.js';
import { Layer, type CallOptions, type LayerInputs } from '../../engine/layer.js';

export type StepResult = { output: Tensor; states: Tensor[] };

/**
 * A cell running over one sequence: the per-sequence work is done (input projections, dropout
 * masks drawn once and reused at every timestep, as Keras does), the steps remain.
 */
export interface CellRun {
  /**
   * The part of a step that does not depend on the state, on one step [batch, ...features] or on
   * a whole time-major sequence [time, batch, ...features] at once: one matMul for all timesteps
   * instead of one per step. The RNN calls it once on the sequence and slices the result per step.
   */
  prepare(inputs: Tensor): Tensor;
  /** One timestep, on one timestep's slice of what `prepare` returned. */
  step(prepared: Tensor, states: Tensor[]): StepResult;
}

export abstract class RNNCell extends Layer {
  static override readonly className: string = 'RNNCell';

  /** Shapes of the states without the batch axis, for a step input of shape [batch, ...features]. */
  abstract stateShapes(stepInputShape: Shape): Shape[];

  /** Shape of the step output without the batch axis. */
  abstract outputShape(stepInputShape: Shape): Shape;

  /**
   * One timestep on a raw step input, as Keras' `cell.call(inputs, states)`. A custom cell
   * implements this (and may leave `begin` alone); the built-in cells implement `begin`.
   */
  abstract step(input: Tensor, states: Tensor[], training: boolean): StepResult;

  /** Starts a sequence. The default prepares nothing and calls `step` at each timestep. */
  begin(_stepInputShape: number[], training: boolean): CellRun {
    return { prepare: (x) => x, step: (x, states) => this.step(x, states, training) };
  }

  /** Zero states for a batch, as Keras' `get_initial_state`. */
  getInitialState(batchSize: number, stepInputShape: Shape): Tensor[] {
    return this.stateShapes(stepInputShape).map((shape) => {
      if (shape.some((d) => d === null)) {
        throw new ValueError(
          `Cell '${this.name}': cannot make an initial state of unknown shape ${formatShape(shape)}.`,
        );
      }
      return tf.zeros([batchSize, ...(shape as number[])], this.dtype);
    });
  }

  /** Standalone use: `cell.apply([input, ...states])` returns `[output, ...newStates]`. */
  call(inputs: LayerInputs, options: CallOptions): Tensor[] {
    const list = Array.isArray(inputs) ? inputs : [inputs];
    const [input, ...states] = list;
    const expected = this.stateShapes(input.shape).length;
    if (states.length !== expected) {
      throw new ValueError(
        `Cell '${this.name}' takes [input, ...states] with ${expected} state(s), but it received ${states.length}.`,
      );
    }
    const { output, states: next } = this.step(input, states, options.training ?? false);
    return [output, ...next];
  }

  override build(inputShape: Shape | Shape[]): void {
    this.buildStep(stepShapeOf(inputShape));
    this.built = true;
  }

  /** Creates the weights for a step input of shape [batch, ...features]. */
  protected buildStep(_stepInputShape: Shape): void {}

  override computeOutputShape(inputShape: Shape | Shape[]): Shape[] {
    const step = stepShapeOf(inputShape);
    const batch = step[0];
    return [[batch, ...this.outputShape(step)], ...this.stateShapes(step).map((s) => [batch, ...s])];
  }
}

/** The step input's shape when a cell is called standalone with [input, ...states]. */
function stepShapeOf(inputShape: Shape | Shape[]): Shape {
  return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
}
