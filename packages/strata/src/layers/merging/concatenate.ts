// Concatenate: joins its inputs along `axis` (default -1, the features); every other axis must
// have the same size in all inputs.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError, formatShape } from '../../errors.js';
import type { LayerConfig, LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { Merge, type MergeArgs } from './merge.js';

export type ConcatenateArgs = MergeArgs & { axis?: number };
export type ConcatenateConfig = LayerConfig & { axis: number };

export class Concatenate extends Merge {
  static override readonly className = 'Concatenate';
  readonly axis: number;

  constructor(args: ConcatenateArgs = {}) {
    super(args);
    const axis = args.axis ?? -1;
    if (!Number.isInteger(axis)) {
      throw new ValueError(`Concatenate '${this.name}': axis must be an integer, found ${JSON.stringify(axis)}.`);
    }
    this.axis = axis;
  }

  protected merge(inputs: Tensor[]): Tensor {
    return tf.concat(inputs, this.resolveAxis(inputs[0].rank, inputs[0].shape));
  }

  override call(inputs: LayerInputs): Tensor {
    const list = this.inputList(inputs);
    this.computeOutputShape(list.map((t) => t.shape));
    return list.length === 1 ? tf.clone(list[0]) : this.merge(list);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = this.shapeList(inputShape);
    const rank = shapes[0].length;
    const axis = this.resolveAxis(rank, shapes[0]);
    const mismatch = () =>
      new ValueError(
        `${this.where()}: inputs must have the same shape except on the concatenation axis ${this.axis}; ` +
          `found shapes ${shapes.map(formatShape).join(', ')}.`,
      );
    if (shapes.some((s) => s.length !== rank)) throw mismatch();
    const out = [...shapes[0]];
    for (let a = 0; a < rank; a++) {
      const sizes = shapes.map((s) => s[a]);
      if (a === axis) {
        out[a] = sizes.includes(null) ? null : (sizes as number[]).reduce((x, y) => x + y, 0);
        continue;
      }
      const known = [...new Set(sizes.filter((d) => d !== null))];
      if (known.length > 1) throw mismatch();
      out[a] = known[0] ?? null;
    }
    return out;
  }

  private resolveAxis(rank: number, shape: Shape): number {
    const axis = this.axis < 0 ? rank + this.axis : this.axis;
    if (axis < 1 || axis >= rank) {
      throw new ValueError(
        `${this.where()}: axis ${this.axis} is not a non-batch axis of an input of shape ${formatShape(shape)} (rank ${rank}).`,
      );
    }
    return axis;
  }

  override getConfig(): JsonObject {
    const config: ConcatenateConfig = { ...(super.getConfig() as LayerConfig), axis: this.axis };
    return config;
  }

  static fromConfig(config: JsonObject): Concatenate {
    return new Concatenate(config as ConcatenateConfig);
  }
}

export function concatenate(args: ConcatenateArgs = {}): Concatenate {
  return new Concatenate(args);
}
