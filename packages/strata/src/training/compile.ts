// What `model.compile()` resolves: the optimizer, and for each model output its loss, loss
// weight and metrics; plus the running mean of the total loss.
import { tf, type Tensor } from '../runtime/tf.js';
import { getLoss, type Loss, type LossIdentifier } from '../losses/index.js';
import { Mean, getMetric, type Metric, type MetricIdentifier } from '../metrics/index.js';
import { BaseOptimizer, getOptimizer } from '../optimizers/index.js';
import { ValueError } from '../errors.js';

/** tfjs-layers accepts a tfjs-core optimizer (`tf.train.adam(1e-3)`); so does Strata. */
export type OptimizerIdentifier = string | BaseOptimizer | tf.Optimizer;

/** One value for every output, a list by output position, or a record by output name. */
export type PerOutput<T> = T | T[] | Record<string, T>;

export type CompileArgs = {
  /** Required unless the model overrides `trainStep` (a GAN keeps its own optimizers). */
  optimizer?: OptimizerIdentifier;
  /** Required unless the model overrides `trainStep` and `testStep`. */
  loss?: PerOutput<LossIdentifier>;
  /** Weights of each output's loss in the total (default 1 each). */
  lossWeights?: number[] | Record<string, number>;
  /** A list applied to every output, a list of lists by position, or a record by output name. */
  metrics?: MetricIdentifier[] | MetricIdentifier[][] | Record<string, MetricIdentifier[]>;
};

/** The one thing the train step needs of an optimizer. */
export interface StepOptimizer {
  applyGradients(pairs: ReadonlyArray<{ variable: tf.Variable; gradient: Tensor }>): void;
  dispose(): void;
}

export type OutputTarget = {
  /** The output's name (its layer's name); prefixes its logs when there are several outputs. */
  name: string;
  loss: Loss;
  weight: number;
  metrics: Metric[];
  /** Running mean of this output's loss; only when the model has several outputs. */
  lossTracker: Mean | null;
};

export type CompiledState = {
  /** Null when a model with its own trainStep was compiled without one. */
  optimizer: StepOptimizer | null;
  /** The Strata optimizer when one was given (null for a wrapped tfjs-core optimizer). */
  strataOptimizer: BaseOptimizer | null;
  /** Empty when compiled without a loss (custom train/test steps only). */
  outputs: OutputTarget[];
  /** Running mean of the total loss over the epoch, weighted by batch size (as Keras); null without a loss. */
  lossTracker: Mean | null;
  args: CompileArgs;
};

/** A plain `{outputName: value}` object (Loss and Metric instances have their own prototypes). */
function isRecord<T>(value: PerOutput<T> | undefined): value is Record<string, T> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

/** Picks the entry for output `index` named `name` from a per-output argument. */
function pick<T>(value: PerOutput<T>, index: number, name: string, outputNames: string[], what: string): T {
  if (Array.isArray(value)) {
    if (value.length !== outputNames.length) {
      throw new ValueError(`compile(): ${what} has ${value.length} entries, but the model has ${outputNames.length} output(s) (${outputNames.join(', ')}).`);
    }
    return value[index];
  }
  if (isRecord(value)) {
    const unknown = Object.keys(value).filter((k) => !outputNames.includes(k));
    if (unknown.length > 0) {
      throw new ValueError(`compile(): ${what} names unknown output(s) ${unknown.join(', ')}; the outputs are ${outputNames.join(', ')}.`);
    }
    if (!(name in value)) throw new ValueError(`compile(): ${what} has no entry for output '${name}'.`);
    return value[name];
  }
  return value;
}

function metricsFor(args: CompileArgs, index: number, name: string, outputNames: string[]): MetricIdentifier[] {
  const metrics = args.metrics;
  if (metrics === undefined) return [];
  if (Array.isArray(metrics) && metrics.some(Array.isArray)) {
    return pick(metrics as MetricIdentifier[][], index, name, outputNames, 'metrics');
  }
  if (Array.isArray(metrics)) return metrics as MetricIdentifier[];
  const unknown = Object.keys(metrics).filter((k) => !outputNames.includes(k));
  if (unknown.length > 0) {
    throw new ValueError(`compile(): metrics names unknown output(s) ${unknown.join(', ')}; the outputs are ${outputNames.join(', ')}.`);
  }
  return metrics[name] ?? [];
}

const COMPILE_KEYS = ['optimizer', 'loss', 'lossWeights', 'metrics'];

/**
 * Resolves compile()'s arguments. `customSteps` is true for a model that overrides trainStep:
 * then the optimizer and the loss may be left out (its step brings its own).
 */
export function resolveCompileArgs(args: CompileArgs, outputNames: string[], customSteps = false): CompiledState {
  const missing = !args || args.optimizer === undefined || args.loss === undefined;
  if (!args || typeof args !== 'object' || (missing && !customSteps)) {
    throw new ValueError(`compile() needs {optimizer, loss}; found ${JSON.stringify(Object.keys(args ?? {}))}.`);
  }
  const unknown = Object.keys(args).filter((k) => !COMPILE_KEYS.includes(k));
  if (unknown.length > 0) {
    throw new ValueError(`compile(): unknown option(s) ${unknown.join(', ')}; the options are ${COMPILE_KEYS.join(', ')}.`);
  }
  if (args.loss === undefined && args.metrics !== undefined) {
    throw new ValueError('compile(): metrics are computed against the compiled loss\'s targets; give a loss too, or track metrics in your trainStep.');
  }
  const lossArg = args.loss;
  const several = outputNames.length > 1;
  const outputs = lossArg === undefined ? [] : outputNames.map((name, i): OutputTarget => {
    const loss = getLoss(pick(lossArg, i, name, outputNames, 'loss'));
    const weight = args.lossWeights === undefined ? 1 : pick(args.lossWeights, i, name, outputNames, 'lossWeights');
    if (typeof weight !== 'number' || !Number.isFinite(weight)) {
      throw new ValueError(`compile(): the loss weight of output '${name}' must be a finite number, found ${String(weight)}.`);
    }
    const metrics = metricsFor(args, i, name, outputNames).map((m) => getMetric(m, { loss }));
    const names = metrics.map((m) => m.name);
    const duplicate = names.find((n, j) => names.indexOf(n) !== j);
    if (duplicate) throw new ValueError(`compile(): the metric '${duplicate}' is listed twice for output '${name}'.`);
    return { name, loss, weight, metrics, lossTracker: several ? new Mean({ name: `${name}_loss` }) : null };
  });
  // One metric object accumulates one output's numbers; shared, it would mix outputs.
  const seen = new Set<Metric>();
  for (const m of outputs.flatMap((o) => o.metrics)) {
    if (seen.has(m)) throw new ValueError(`compile(): the metric instance '${m.name}' is given for several outputs; pass its name, or one instance per output.`);
    seen.add(m);
  }
  const { optimizer, strataOptimizer } = args.optimizer === undefined ? { optimizer: null, strataOptimizer: null } : resolveOptimizer(args.optimizer);
  const lossTracker = lossArg === undefined ? null : new Mean({ name: 'loss' });
  return { optimizer, strataOptimizer, outputs, lossTracker, args };
}

/** Every running mean, in log order: total loss, per-output losses, then metrics. */
export function trackedMetrics(compiled: CompiledState): { name: string; metric: Metric }[] {
  const several = compiled.outputs.length > 1;
  return [
    ...(compiled.lossTracker ? [{ name: 'loss', metric: compiled.lossTracker }] : []),
    ...compiled.outputs.flatMap((o) => (o.lossTracker ? [{ name: `${o.name}_loss`, metric: o.lossTracker }] : [])),
    ...compiled.outputs.flatMap((o) => o.metrics.map((m) => ({ name: several ? `${o.name}_${m.name}` : m.name, metric: m }))),
  ];
}

/** The user's optimizer object behind a step optimizer (a wrapped tfjs-core one, or itself). */
function optimizerSource(optimizer: StepOptimizer | null | undefined): unknown {
  return optimizer instanceof TfjsOptimizerAdapter ? optimizer.inner : optimizer;
}

/**
 * Frees what `compiled` owns, except what `keep` (the state replacing it) reuses: compiling
 * again with the same optimizer or metric instance must not free it (Keras allows that).
 */
export function disposeCompiled(compiled: CompiledState, keep?: CompiledState): void {
  const kept = new Set<unknown>(keep ? [optimizerSource(keep.optimizer), ...trackedMetrics(keep).map((t) => t.metric)] : []);
  if (!kept.has(optimizerSource(compiled.optimizer))) compiled.optimizer?.dispose();
  for (const { metric } of trackedMetrics(compiled)) if (!kept.has(metric)) metric.dispose();
}

export function resolveOptimizer(id: OptimizerIdentifier): { optimizer: StepOptimizer; strataOptimizer: BaseOptimizer | null } {
  if (id instanceof tf.Optimizer) return { optimizer: new TfjsOptimizerAdapter(id), strataOptimizer: null };
  const strata = getOptimizer(id);
  return { optimizer: strata, strataOptimizer: strata };
}

/** A Strata optimizer as is, a tfjs-core one wrapped (the wrapper owns nothing of its own). */
export function toStepOptimizer(optimizer: BaseOptimizer | tf.Optimizer): StepOptimizer {
  return optimizer instanceof tf.Optimizer ? new TfjsOptimizerAdapter(optimizer) : optimizer;
}

/** Lets a tfjs-core optimizer drive Strata's train step (gradients keyed by variable name). */
class TfjsOptimizerAdapter implements StepOptimizer {
  constructor(readonly inner: tf.Optimizer) {}

  applyGradients(pairs: ReadonlyArray<{ variable: tf.Variable; gradient: Tensor }>): void {
    this.inner.applyGradients(pairs.map(({ variable, gradient }) => ({ name: variable.name, tensor: gradient })));
  }

  dispose(): void {
    this.inner.dispose();
  }
}
