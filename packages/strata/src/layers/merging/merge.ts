// The base of the element-wise merge layers (Add, Subtract, Multiply, Average, Maximum,
// Minimum): checks that the inputs form a list of broadcast-compatible shapes, gives lower-rank
// inputs new axes after the batch axis (Keras' rule), then folds them with one binary op.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError, formatShape } from '../../errors.js';
import { Layer, type LayerArgs, type LayerInputs } from '../../engine/layer.js';

export type MergeArgs = LayerArgs;

export abstract class Merge extends Layer {
  /** Fewest and most inputs the layer takes. */
  protected readonly minInputs: number = 1;
  protected readonly maxInputs: number = Infinity;

  constructor(args: MergeArgs = {}) {
    super(args);
    this.supportsMasking = true;
  }

  /** Folds inputs of equal rank (broadcasting as tfjs does) into the output. */
  protected abstract merge(inputs: Tensor[]): Tensor;

  override build(inputShape: Shape | Shape[]): void {
    this.computeOutputShape(inputShape);
    this.built = true;
  }

  call(inputs: LayerInputs): Tensor {
    const list = this.inputList(inputs);
    this.computeOutputShape(list.map((t) => t.shape));
    const rank = Math.max(...list.map((t) => t.rank));
    // [batch, 4] merged with [batch, 3, 4]: the lower-rank input becomes [batch, 1, 4].
    const sameRank = list.map((t) => (t.rank === rank ? t : tf.reshape(t, [t.shape[0], ...new Array<number>(rank - t.rank).fill(1), ...t.shape.slice(1)])));
    // One input: a copy, so a caller disposing the output leaves the input alive.
    return sameRank.length === 1 ? tf.clone(sameRank[0]) : this.merge(sameRank);
  }

  /** Merged masks are not available: the engine hands multi-input layers no per-input masks. */
  override computeMask(): Tensor | null {
    return null;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = this.shapeList(inputShape);
    let sample: Shape = shapes[0].slice(1);
    for (let i = 1; i < shapes.length; i++) sample = this.broadcastSample(sample, shapes[i].slice(1), shapes, i);
    const batches = [...new Set(shapes.map((s) => s[0]).filter((b) => b !== null))];
    if (batches.length > 1) {
      throw new ValueError(`${this.where()}: cannot merge tensors with different batch sizes; input shapes ${shapes.map(formatShape).join(', ')}.`);
    }
    return [batches[0] ?? null, ...sample];
  }

  /** The broadcast of two sample shapes, aligned from the last axis; sizes must match or be 1. */
  private broadcastSample(a: Shape, b: Shape, shapes: Shape[], index: number): Shape {
    const [long, short] = a.length >= b.length ? [a, b] : [b, a];
    const out = long.slice(0, long.length - short.length);
    short.forEach((j, k) => {
      const i = long[long.length - short.length + k];
      if (i === null || j === null) out.push(null);
      else if (i === 1) out.push(j);
      else if (j === 1 || i === j) out.push(i);
      else {
        const previous = index === 1 ? `input 0 has shape ${formatShape(shapes[0])}` : `inputs 0..${index - 1} merge to sample shape ${formatShape(a)}`;
        throw new ValueError(
          `${this.where()}: input ${index} has shape ${formatShape(shapes[index])}, which does not broadcast with the others: ` +
            `${previous}. Non-batch sizes must be equal or 1 (aligned from the last axis).`,
        );
      }
    });
    return out;
  }

  protected inputList<T>(inputs: T | T[]): T[] {
    if (!Array.isArray(inputs)) {
      throw new ValueError(`${this.where()} must be called on a list of tensors, e.g. layer.apply([a, b]); found a single tensor.`);
    }
    if (inputs.length < this.minInputs || inputs.length > this.maxInputs) {
      const expected = this.minInputs === this.maxInputs ? `exactly ${this.minInputs}` : `at least ${this.minInputs}`;
      throw new ValueError(`${this.where()} must be called on ${expected} input(s), found ${inputs.length}.`);
    }
    return inputs;
  }

  protected shapeList(inputShape: Shape | Shape[]): Shape[] {
    const isList = inputShape.length > 0 && inputShape.every((s) => Array.isArray(s));
    if (!isList) this.inputList(null); // throws: a single shape means a single tensor
    return this.inputList(inputShape as Shape[]);
  }

  protected where(): string {
    return `${this.getClassName()} '${this.name}'`;
  }
}
