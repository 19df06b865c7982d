// The native format: tfjs' layers-model artifacts (model.json topology + binary weights), so
// tfjs-layers loads Strata models and Strata loads tfjs-layers models.
import { tf, type Tensor } from '../../runtime/tf.js';
import { ModelFileError, ValueError, formatShape } from '../../errors.js';
import type { Model } from '../../engine/model.js';
import { fromKerasKeys, toKerasKeys } from '../keras-case.js';
import { deserialize, type JsonObject, type JsonValue, type SerializedObject } from '../serialization.js';
import { STRATA_VERSION } from '../../version.js';

export const FORMAT = 'layers-model';

export async function modelToArtifacts(model: Model): Promise<tf.io.ModelArtifacts> {
  const weights = model.weights;
  const named: tf.NamedTensorMap = {};
  for (const w of weights) named[w.name] = w.read();
  const { data, specs } = await tf.io.encodeWeights(named);
  const topology = {
    class_name: model.getClassName(),
    config: toKerasKeys(model.getConfig()),
    keras_version: `strata ${STRATA_VERSION}`,
    backend: 'tensor_flow.js',
  };
  return {
    modelTopology: topology,
    format: FORMAT,
    generatedBy: `Strata v${STRATA_VERSION}`,
    convertedBy: null,
    weightSpecs: specs,
    weightData: data,
  };
}

/** Reads both flavours: `{class_name, config}` (tfjs-layers) and the converter's `{model_config}` wrapper. */
function topologyOf(artifacts: tf.io.ModelArtifacts, source: string): SerializedObject {
  let topology = artifacts.modelTopology as JsonObject | ArrayBuffer | undefined;
  if (!topology || topology instanceof ArrayBuffer) {
    throw new ModelFileError(`${source}: the model has no JSON topology (found ${topology ? 'a binary graph' : 'none'}).`);
  }
  if (topology.model_config && typeof topology.model_config === 'object') topology = topology.model_config as JsonObject;
  const converted = fromKerasKeys(topology as JsonValue) as JsonObject;
  if (typeof converted.className !== 'string') {
    throw new ModelFileError(`${source}: the topology has no 'class_name'.`);
  }
  return { className: converted.className, config: (converted.config ?? {}) as JsonObject };
}

export async function artifactsToModel(artifacts: tf.io.ModelArtifacts, source: string): Promise<Model> {
  const serialized = topologyOf(artifacts, source);
  let model: Model;
  try {
    model = deserialize<Model>(serialized, 'model class');
  } catch (e) {
    throw new ModelFileError(`${source}: cannot rebuild the model: ${(e as Error).message}`);
  }
  if (!model.built) {
    model.dispose();
    throw new ModelFileError(`${source}: the topology gives no input shape, so its weights cannot be placed.`);
  }
  try {
    loadWeights(model, artifacts, source);
  } catch (e) {
    model.dispose();
    throw e;
  }
  return model;
}

function loadWeights(model: Model, artifacts: tf.io.ModelArtifacts, source: string): void {
  const specs = artifacts.weightSpecs ?? [];
  const data = artifacts.weightData as ArrayBuffer | undefined;
  const expectedBytes = specs.reduce((n, s) => n + byteSize(s), 0);
  const foundBytes = data?.byteLength ?? 0;
  if (expectedBytes !== foundBytes) {
    throw new ModelFileError(
      `${source}: the weights manifest describes ${expectedBytes} bytes, but the weight data has ${foundBytes} bytes (truncated or mismatched file).`,
    );
  }
  const decoded: tf.NamedTensorMap = data ? tf.io.decodeWeights(data, specs) : {};
  try {
    const weights = model.weights;
    const known = new Set(weights.map((w) => w.name));
    const extra = Object.keys(decoded).filter((name) => !known.has(name));
    if (extra.length > 0) {
      throw new ModelFileError(`${source}: the file has weights the model does not: ${extra.join(', ')}.`);
    }
    const values: Tensor[] = weights.map((w) => {
      const value = decoded[w.name];
      if (!value) throw new ModelFileError(`${source}: weight '${w.name}' is missing from the file.`);
      if (!tf.util.arraysEqual(value.shape, w.shape)) {
        throw new ModelFileError(
          `${source}: weight '${w.name}' has shape ${formatShape(value.shape)} in the file, but the model expects ${formatShape(w.shape)}.`,
        );
      }
      return value;
    });
    weights.forEach((w, i) => w.write(values[i]));
  } finally {
    tf.dispose(Object.values(decoded));
  }
}

function byteSize(spec: tf.io.WeightsManifestEntry): number {
  const count = spec.shape.reduce((a, b) => a * b, 1);
  if (spec.quantization) {
    const bytes = spec.quantization.dtype === 'uint8' ? 1 : 2;
    return count * bytes;
  }
  const perElement: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };
  const size = perElement[spec.dtype];
  if (size === undefined) throw new ValueError(`Weight '${spec.name}' has unsupported dtype '${spec.dtype}'.`);
  return count * size;
}
