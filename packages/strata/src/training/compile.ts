// What `model.compile()` resolves: the optimizer, the loss, the metrics and the loss tracker.
import { tf, type Tensor } from '../runtime/tf.js';
import { getLoss, type Loss, type LossIdentifier } from '../losses/index.js';
import { Mean, getMetric, type Metric, type MetricIdentifier } from '../metrics/index.js';
import { BaseOptimizer, getOptimizer } from '../optimizers/index.js';
import { ValueError } from '../errors.js';

/** tfjs-layers accepts a tfjs-core optimizer (`tf.train.adam(1e-3)`); so does Strata. */
export type OptimizerIdentifier = string | BaseOptimizer | tf.Optimizer;

export type CompileArgs = {
  optimizer: OptimizerIdentifier;
  loss: LossIdentifier;
  metrics?: MetricIdentifier[];
};

/** The one thing the train step needs of an optimizer. */
export interface StepOptimizer {
  applyGradients(pairs: ReadonlyArray<{ variable: tf.Variable; gradient: Tensor }>): void;
  dispose(): void;
}

export type CompiledState = {
  optimizer: StepOptimizer;
  /** The Strata optimizer when one was given (null for a wrapped tfjs-core optimizer). */
  strataOptimizer: BaseOptimizer | null;
  loss: Loss;
  metrics: Metric[];
  /** Running mean of the total loss over the epoch, weighted by batch size (as Keras). */
  lossTracker: Mean;
  args: CompileArgs;
};

export function resolveCompileArgs(args: CompileArgs): CompiledState {
  if (!args || args.optimizer === undefined || args.loss === undefined) {
    throw new ValueError(`compile() needs {optimizer, loss}; found ${JSON.stringify(Object.keys(args ?? {}))}.`);
  }
  const loss = getLoss(args.loss);
  const metrics = (args.metrics ?? []).map((m) => getMetric(m, { loss }));
  const names = metrics.map((m) => m.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) throw new ValueError(`compile(): the metric '${duplicate}' is listed twice.`);
  const { optimizer, strataOptimizer } = resolveOptimizer(args.optimizer);
  return { optimizer, strataOptimizer, loss, metrics, lossTracker: new Mean({ name: 'loss' }), args };
}

function resolveOptimizer(id: OptimizerIdentifier): { optimizer: StepOptimizer; strataOptimizer: BaseOptimizer | null } {
  if (id instanceof tf.Optimizer) return { optimizer: new TfjsOptimizerAdapter(id), strataOptimizer: null };
  const strata = getOptimizer(id);
  return { optimizer: strata, strataOptimizer: strata };
}

/** Lets a tfjs-core optimizer drive Strata's train step (gradients keyed by variable name). */
class TfjsOptimizerAdapter implements StepOptimizer {
  constructor(private readonly inner: tf.Optimizer) {}

  applyGradients(pairs: ReadonlyArray<{ variable: tf.Variable; gradient: Tensor }>): void {
    this.inner.applyGradients(pairs.map(({ variable, gradient }) => ({ name: variable.name, tensor: gradient })));
  }

  dispose(): void {
    this.inner.dispose();
  }
}
