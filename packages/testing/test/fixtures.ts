// Small custom layers for testing the harness itself: one correct layer, and variants that each
// break exactly one thing a check is meant to catch.
import * as st from 'strata';

const { tf } = st;

type ScaleArgs = st.LayerArgs & { offset?: number };
type ScaleConfig = st.LayerConfig & { offset: number };

function one(inputs: st.Tensor | st.Tensor[]): st.Tensor {
  return Array.isArray(inputs) ? inputs[0] : inputs;
}

/** y = x * w + offset, with w of shape [lastDim]: a correct layer. */
export class Scale extends st.Layer {
  static override readonly className: string = 'Scale';
  readonly offset: number;
  w: st.Weight | null = null;

  constructor(args: ScaleArgs = {}) {
    super(args);
    this.offset = args.offset ?? 0;
  }

  override build(inputShape: st.Shape | st.Shape[]): void {
    const shape = inputShape as st.Shape;
    this.w = this.addWeight({ name: 'w', shape: [shape[shape.length - 1]!], initializer: 'ones' });
    this.built = true;
  }

  call(inputs: st.Tensor | st.Tensor[]): st.Tensor {
    return tf.add(tf.mul(one(inputs), this.w!.read()), this.offset);
  }

  override getConfig(): st.JsonObject {
    const config: ScaleConfig = { ...(super.getConfig() as st.LayerConfig), offset: this.offset };
    return config;
  }

  static fromConfig(config: st.JsonObject): Scale {
    return new this(config as ScaleConfig);
  }
}

/** Claims one more output unit than it produces. */
export class WrongShapeScale extends Scale {
  static override readonly className = 'WrongShapeScale';
  override computeOutputShape(inputShape: st.Shape | st.Shape[]): st.Shape {
    const s = inputShape as st.Shape;
    const last = s[s.length - 1];
    return [...s.slice(0, -1), last === null ? null : last + 1];
  }
}

/** Remembers the batch size of its first call and reshapes every later input to it. */
export class BatchBakingScale extends Scale {
  static override readonly className = 'BatchBakingScale';
  private batch: number | null = null;
  override call(inputs: st.Tensor | st.Tensor[]): st.Tensor {
    const x = one(inputs);
    this.batch ??= x.shape[0];
    return tf.reshape(super.call(x), [this.batch, -1]);
  }
}

/** Forgets `offset` in its config. */
export class ForgetfulScale extends Scale {
  static override readonly className = 'ForgetfulScale';
  override getConfig(): st.JsonObject {
    const { offset: _dropped, ...rest } = super.getConfig();
    return rest;
  }
}

/** Its custom gradient for the input is twice the true one. */
export class WrongGradScale extends Scale {
  static override readonly className = 'WrongGradScale';
  override call(inputs: st.Tensor | st.Tensor[]): st.Tensor {
    const w = this.w!.read();
    const f = tf.customGrad((...args: Array<st.Tensor | st.tf.GradSaveFunc>) => {
      const x = args[0] as st.Tensor;
      return { value: tf.mul(x, w), gradFunc: (dy: st.Tensor) => tf.mul(tf.mul(dy, w), 2) };
    });
    return tf.add(f(one(inputs)) as st.Tensor, this.offset);
  }
}

/** Passes gradients to its input but none to its weight (a detached weight). */
export class DetachedScale extends Scale {
  static override readonly className = 'DetachedScale';
  override call(inputs: st.Tensor | st.Tensor[]): st.Tensor {
    // A fresh tensor with the weight's values: autodiff cannot see the variable through it.
    const w = tf.tensor(this.w!.read().dataSync(), this.w!.shape);
    return tf.add(tf.mul(one(inputs), w), this.offset);
  }
}

/** Keeps one tensor alive per call. */
export class LeakyScale extends Scale {
  static override readonly className = 'LeakyScale';
  readonly kept: st.Tensor[] = [];
  override call(inputs: st.Tensor | st.Tensor[]): st.Tensor {
    this.kept.push(tf.keep(tf.scalar(1)));
    return super.call(inputs);
  }
}

export const FIXTURE_CLASSES = [Scale, WrongShapeScale, BatchBakingScale, ForgetfulScale, WrongGradScale, DetachedScale, LeakyScale];
for (const cls of FIXTURE_CLASSES) st.registerClass(cls, { package: 'HarnessTest' });
