// What `compile()` was given, written next to a model so that loading can compile it again:
// tfjs / Keras 2 `training_config` ({loss, metrics, optimizer_config, loss_weights}) and Keras 3
// `compile_config` ({optimizer, loss, metrics, loss_weights, ...}). Both read back into
// CompileArgs for `model.compile`.
import { ValueError } from '../../errors.js';
import type { Model } from '../../engine/model.js';
import type { CompileArgs, CompiledState } from '../../training/compile.js';
import { Loss, deserializeLoss, type LossIdentifier } from '../../losses/index.js';
import { Metric, type MetricIdentifier } from '../../metrics/index.js';
import { deserializeMetric } from '../../metrics/get-metric.js';
import { BaseOptimizer, getOptimizer } from '../../optimizers/index.js';
import { camelToSnake, fromKerasKeys, toKerasKeys } from '../keras-case.js';
import { serialize, type JsonObject, type JsonValue, type SerializedObject } from '../serialization.js';
import { keras3Object, optimizerConfigToKeras3, stripKeras3Object } from './keras3-objects.js';

export type ConfigStyle = 'tfjs' | 'keras3';

/** The compiled state of a model (the engine keeps it protected; saving needs to read it). */
export function compiledStateOf(model: Model): CompiledState | null {
  return (model as unknown as { compiled: CompiledState | null }).compiled;
}

/** The Strata optimizer of a compiled model, or null. */
export function strataOptimizerOf(model: Model): BaseOptimizer | null {
  return compiledStateOf(model)?.strataOptimizer ?? null;
}

function snakeName(name: string): string {
  return /[a-z][A-Z]/.test(name) ? camelToSnake(name) : name;
}

function lossToJson(id: LossIdentifier, style: ConfigStyle): JsonValue {
  if (typeof id === 'string') return snakeName(id);
  if (id instanceof Loss) return style === 'keras3' ? keras3Object(serialize(id), 'keras.losses') : toKerasKeys(tfjsObject(serialize(id)));
  throw new ValueError('Cannot save the compile configuration: a loss given as a function has no serializable name; pass a loss name or a Loss object.');
}

function metricToJson(id: MetricIdentifier, style: ConfigStyle): JsonValue {
  if (typeof id === 'string') return snakeName(id);
  if (id instanceof Metric) return style === 'keras3' ? keras3Object(serialize(id), 'keras.metrics') : toKerasKeys(tfjsObject(serialize(id)));
  throw new ValueError(`Cannot save the compile configuration: unsupported metric ${String(id)}.`);
}

function tfjsObject(s: SerializedObject): JsonObject {
  return { className: s.className, config: s.config };
}

function perOutput<T>(value: T | T[] | T[][] | Record<string, T | T[]>, map: (v: T) => JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map((v) => (Array.isArray(v) ? v.map(map) : map(v as T)));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(value as Record<string, T | T[]>)) out[k] = Array.isArray(v) ? v.map(map) : map(v);
    return out;
  }
  return map(value as T);
}

/**
 * The compile configuration of `model` in the given style, or null when the model is not
 * compiled with a Strata optimizer (a tfjs-core optimizer has no state Strata can save).
 */
export function compileConfigOf(model: Model, style: ConfigStyle): JsonObject | null {
  const compiled = compiledStateOf(model);
  if (!compiled?.strataOptimizer) return null;
  const { args } = compiled;
  const optimizer = serialize(compiled.strataOptimizer);
  const loss = args.loss === undefined ? null : perOutput<LossIdentifier>(args.loss as LossIdentifier | LossIdentifier[], (l) => lossToJson(l, style));
  const metrics = args.metrics === undefined ? null : perOutput<MetricIdentifier>(args.metrics, (m) => metricToJson(m, style));
  const lossWeights = (args.lossWeights ?? null) as JsonValue;
  if (style === 'tfjs') {
    return {
      loss,
      metrics,
      optimizer_config: { class_name: optimizer.className, config: toKerasKeys(optimizer.config) },
      ...(lossWeights !== null ? { loss_weights: lossWeights } : {}),
    };
  }
  return {
    optimizer: keras3Object({ className: optimizer.className, config: optimizerConfigToKeras3(optimizer.config) }, 'keras.optimizers', { convertKeys: false }),
    loss,
    loss_weights: lossWeights,
    metrics,
    weighted_metrics: null,
    run_eagerly: false,
    steps_per_execution: 1,
    jit_compile: false,
  };
}

// ---- reading ---------------------------------------------------------------------------------

/** Keras 2 optimizer keys that are inert at their default values. */
const INERT_KERAS2_KEYS: Record<string, (v: JsonValue | undefined) => boolean> = {
  decay: (v) => v === 0 || v === 0.0,
  jit_compile: () => true,
  is_legacy_optimizer: (v) => v === false,
};

function readOptimizer(value: JsonValue | undefined, where: string): BaseOptimizer {
  if (typeof value === 'string') return getOptimizer(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof value.class_name !== 'string') {
    throw new ValueError(`${where}: the optimizer should be a name or {class_name, config}, found ${JSON.stringify(value)?.slice(0, 100)}.`);
  }
  const stripped = stripKeras3Object(value) as JsonObject;
  const config = { ...((stripped.config ?? {}) as JsonObject) };
  for (const [key, inert] of Object.entries(INERT_KERAS2_KEYS)) if (key in config && inert(config[key])) delete config[key];
  const camel = fromKerasKeys(config) as JsonObject;
  return getOptimizer({ className: stripped.class_name as string, config: camel });
}

function readLoss(value: JsonValue, where: string): LossIdentifier {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.class_name === 'string') {
    const s = fromKerasKeys(stripKeras3Object(value)) as JsonObject;
    return deserializeLoss({ className: s.className as string, config: (s.config ?? {}) as JsonObject });
  }
  throw new ValueError(`${where}: unsupported loss ${JSON.stringify(value)?.slice(0, 100)}.`);
}

function readMetric(value: JsonValue, where: string): MetricIdentifier {
  if (typeof value === 'string') return value;
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.class_name === 'string') {
    const config = (value.config ?? {}) as JsonObject;
    // Keras 2 wraps string metrics as MeanMetricWrapper {name, fn}; the name is what compile got.
    if (value.class_name === 'MeanMetricWrapper' && typeof config.name === 'string') return config.name;
    const s = fromKerasKeys(stripKeras3Object(value)) as JsonObject;
    return deserializeMetric({ className: s.className as string, config: (s.config ?? {}) as JsonObject });
  }
  throw new ValueError(`${where}: unsupported metric ${JSON.stringify(value)?.slice(0, 100)}.`);
}

function mapPerOutput<T>(value: JsonValue, read: (v: JsonValue) => T): T | T[] | Record<string, T> {
  if (Array.isArray(value)) return value.map(read);
  if (value !== null && typeof value === 'object' && typeof value.class_name !== 'string') {
    const out: Record<string, T> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = read(v);
    return out;
  }
  return read(value);
}

/** CompileArgs from a tfjs/Keras 2 training_config or a Keras 3 compile_config. Throws ValueError when unusable. */
export function compileArgsFrom(config: JsonObject, where: string): CompileArgs {
  const optimizer = readOptimizer(config.optimizer ?? config.optimizer_config, where);
  try {
    if (config.loss === undefined || config.loss === null) throw new ValueError(`${where}: the compile configuration has no loss.`);
    const loss = mapPerOutput(config.loss, (v) => readLoss(v, where)) as CompileArgs['loss'];
    const args: CompileArgs = { optimizer, loss };
    if (config.metrics !== undefined && config.metrics !== null) {
      const readOne = (v: JsonValue): MetricIdentifier | MetricIdentifier[] =>
        Array.isArray(v) ? v.map((m) => readMetric(m, where)) : readMetric(v, where);
      args.metrics = mapPerOutput(config.metrics, readOne) as CompileArgs['metrics'];
    }
    if (Array.isArray(config.loss_weights) || (config.loss_weights && typeof config.loss_weights === 'object')) {
      args.lossWeights = config.loss_weights as CompileArgs['lossWeights'];
    }
    return args;
  } catch (e) {
    optimizer.dispose();
    throw e;
  }
}
