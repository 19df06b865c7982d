// Shared pieces for the callback tests: a tiny model, and callbacks that inject a scripted
// number into the epoch logs or record what happened.
import * as st from 'strata';

const tf = st.tf;

/** Dense(1) on 1 feature, kernel 0 and no bias unless told: predictions and losses are known by hand. */
export function linearModel(options: { learningRate?: number; useBias?: boolean; optimizer?: st.BaseOptimizer } = {}): st.Sequential {
  const model = st.sequential({
    layers: [st.layers.dense({ units: 1, inputShape: [1], kernelInitializer: 'zeros', useBias: options.useBias ?? false })],
  });
  model.compile({ optimizer: options.optimizer ?? new st.SGD({ learningRate: options.learningRate ?? 0.1 }), loss: 'mse' });
  return model;
}

/** x = 1, y = 1: with kernel w the loss is (w - 1)^2 and one SGD step moves w by 2·lr·(1 - w). */
export function onePoint() {
  return { x: tf.ones([1, 1]), y: tf.ones([1, 1]) };
}

/** Writes `values[epoch]` into the epoch logs under `key`, before the callbacks after it run. */
export class Inject extends st.Callback {
  constructor(
    private readonly key: string,
    private readonly values: number[],
  ) {
    super();
  }
  override async onEpochEnd(epoch: number, logs: st.Logs): Promise<void> {
    logs[this.key] = this.values[epoch];
  }
}

/** Records the model's weights (as plain arrays) and the learning rate at every epoch end. */
export class Recorder extends st.Callback {
  readonly weights: number[][][] = [];
  readonly ratesAtBegin: number[] = [];
  readonly logs: st.Logs[] = [];
  override async onEpochBegin(): Promise<void> {
    if (this.model?.optimizer) this.ratesAtBegin.push(this.model.optimizer.learningRate);
  }
  override async onEpochEnd(_epoch: number, logs: st.Logs): Promise<void> {
    const values = this.model!.getWeights();
    this.weights.push(values.map((v) => Array.from(v.dataSync())));
    tf.dispose(values);
    this.logs.push({ ...logs });
  }
}

export function currentWeights(model: st.Model): number[][] {
  const values = model.getWeights();
  const out = values.map((v) => Array.from(v.dataSync()));
  tf.dispose(values);
  return out;
}
