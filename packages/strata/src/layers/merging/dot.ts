// Dot: the per-sample dot product of two inputs along one axis of each (`axes`), optionally
// of L2-normalized inputs (cosine similarity). Keras' batch_dot, written with matMul:
// x's axis moved last and y's moved first (after the batch), then [B, m, k]·[B, k, n].
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError, formatShape } from '../../errors.js';
import type { LayerConfig, LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { Merge, type MergeArgs } from './merge.js';

export type DotArgs = MergeArgs & { axes: number | [number, number]; normalize?: boolean };
export type DotConfig = LayerConfig & { axes: number | [number, number]; normalize: boolean };

export class Dot extends Merge {
  static override readonly className = 'Dot';
  protected override readonly minInputs = 2;
  protected override readonly maxInputs = 2;
  readonly axes: number | [number, number];
  readonly normalize: boolean;

  constructor(args: DotArgs) {
    super(args);
    const axes = args.axes;
    const valid = Number.isInteger(axes) || (Array.isArray(axes) && axes.length === 2 && axes.every((a) => Number.isInteger(a)));
    if (!valid) {
      throw new ValueError(`Dot '${this.name}': axes must be an integer or a pair of integers [axisOfFirst, axisOfSecond], found ${JSON.stringify(axes)}.`);
    }
    if ((Array.isArray(axes) ? axes : [axes]).includes(0)) {
      throw new ValueError(`Dot '${this.name}': axes cannot include 0, the batch axis; found ${JSON.stringify(axes)}.`);
    }
    this.axes = Array.isArray(axes) ? [axes[0], axes[1]] : axes;
    this.normalize = args.normalize ?? false;
  }

  /** The two contracted axes, negative ones counted from each input's own rank. */
  private resolveAxes(shapes: Shape[]): [number, number] {
    const pair = Array.isArray(this.axes) ? this.axes : [this.axes, this.axes];
    return shapes.map((s, i) => {
      if (s.length < 2) throw new ValueError(`${this.where()}: input ${i} must have rank >= 2, found shape ${formatShape(s)}.`);
      const axis = pair[i] < 0 ? pair[i] + s.length : pair[i];
      if (axis < 1 || axis >= s.length) {
        throw new ValueError(`${this.where()}: axis ${pair[i]} is not a non-batch axis of input ${i} of shape ${formatShape(s)}.`);
      }
      return axis;
    }) as [number, number];
  }

  protected merge(inputs: Tensor[]): Tensor {
    const [a0, a1] = this.resolveAxes(inputs.map((t) => t.shape));
    let [x, y] = inputs;
    if (this.normalize) {
      x = l2Normalize(x, a0);
      y = l2Normalize(y, a1);
    }
    const batch = x.shape[0];
    const xRest = x.shape.filter((_, i) => i !== 0 && i !== a0);
    const yRest = y.shape.filter((_, i) => i !== 0 && i !== a1);
    const k = x.shape[a0];
    const xMoved = tf.transpose(x, [0, ...range(x.rank).filter((i) => i !== 0 && i !== a0), a0]);
    const yMoved = tf.transpose(y, [0, a1, ...range(y.rank).filter((i) => i !== 0 && i !== a1)]);
    const product = tf.matMul(tf.reshape(xMoved, [batch, -1, k]), tf.reshape(yMoved, [batch, k, -1]));
    const rest = [...xRest, ...yRest];
    return tf.reshape(product, [batch, ...(rest.length > 0 ? rest : [1])]);
  }

  override call(inputs: LayerInputs): Tensor {
    const list = this.inputList(inputs);
    this.computeOutputShape(list.map((t) => t.shape));
    return this.merge(list);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape {
    const shapes = this.shapeList(inputShape);
    const [a0, a1] = this.resolveAxes(shapes);
    const [s0, s1] = shapes;
    if (s0[a0] !== null && s1[a1] !== null && s0[a0] !== s1[a1]) {
      throw new ValueError(
        `${this.where()}: the contracted axes differ in size: axis ${a0} of input 0 has ${s0[a0]}, axis ${a1} of input 1 has ${s1[a1]}; ` +
          `input shapes ${formatShape(s0)} and ${formatShape(s1)}.`,
      );
    }
    if (s0[0] !== null && s1[0] !== null && s0[0] !== s1[0]) {
      throw new ValueError(`${this.where()}: the inputs have different batch sizes: shapes ${formatShape(s0)} and ${formatShape(s1)}.`);
    }
    const rest = [...s0.filter((_, i) => i !== 0 && i !== a0), ...s1.filter((_, i) => i !== 0 && i !== a1)];
    return [s0[0] ?? s1[0], ...(rest.length > 0 ? rest : [1])];
  }

  override getConfig(): JsonObject {
    const config: DotConfig = { ...(super.getConfig() as LayerConfig), axes: this.axes, normalize: this.normalize };
    return config;
  }

  static fromConfig(config: JsonObject): Dot {
    return new Dot(config as DotConfig);
  }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

/** x / ||x|| along `axis`, with the squared norm floored at 1e-12 (TF's l2_normalize). */
function l2Normalize(x: Tensor, axis: number): Tensor {
  const squares = tf.sum(tf.square(x), axis, true);
  return tf.mul(x, tf.rsqrt(tf.maximum(squares, 1e-12)));
}

export function dot(args: DotArgs): Dot {
  return new Dot(args);
}
