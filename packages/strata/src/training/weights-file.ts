// model.saveWeights / loadWeights (ModelCheckpoint's saveWeightsOnly): the weights alone, in
// tfjs' weights-manifest layout — `weights.json` (manifest) beside `weights.bin` in a directory.
// Node only; written atomically (temporary names, then renames) as model.save is.
import { tf, type Tensor } from '../runtime/tf.js';
import { ModelFileError } from '../errors.js';
import type { Weight } from '../engine/weight.js';
import { formatShape } from '../errors.js';
import { localPath, nodeFs } from './callbacks/node-fs.js';

export const WEIGHTS_MANIFEST = 'weights.json';
const WEIGHTS_BIN = 'weights.bin';
const FORMAT = 'strata-weights';

type WeightsJson = { format: string; modelName: string; weightsManifest: tf.io.WeightsManifestConfig };

export async function saveWeightsFile(modelName: string, weights: readonly Weight[], target: string): Promise<void> {
  const { fs, path } = await nodeFs('saveWeights()');
  const dir = localPath(target);
  const named: tf.NamedTensorMap = {};
  for (const w of weights) named[w.name] = w.read();
  const { data, specs } = await tf.io.encodeWeights(named);
  const json: WeightsJson = { format: FORMAT, modelName, weightsManifest: [{ paths: [WEIGHTS_BIN], weights: specs }] };
  await fs.mkdir(dir, { recursive: true });
  const suffix = `.tmp-${process.pid}-${Date.now()}`;
  const binPath = path.join(dir, WEIGHTS_BIN);
  const jsonPath = path.join(dir, WEIGHTS_MANIFEST);
  const bytes = data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(0);
  await fs.writeFile(binPath + suffix, bytes);
  await fs.writeFile(jsonPath + suffix, JSON.stringify(json));
  await fs.rename(binPath + suffix, binPath);
  await fs.rename(jsonPath + suffix, jsonPath);
}

export async function loadWeightsFile(modelName: string, weights: readonly Weight[], target: string): Promise<void> {
  const { fs, path } = await nodeFs('loadWeights()');
  const dir = localPath(target);
  const jsonPath = path.join(dir, WEIGHTS_MANIFEST);
  let json: WeightsJson;
  try {
    json = JSON.parse(await fs.readFile(jsonPath, 'utf8')) as WeightsJson;
  } catch (e) {
    throw new ModelFileError(`loadWeights(): cannot read '${jsonPath}': ${(e as Error).message}`);
  }
  if (json?.format !== FORMAT || !Array.isArray(json.weightsManifest)) {
    throw new ModelFileError(`loadWeights(): '${jsonPath}' is not a Strata weights file (expected format '${FORMAT}').`);
  }
  const specs = json.weightsManifest.flatMap((g) => g.weights);
  const buffers = await Promise.all(json.weightsManifest.flatMap((g) => g.paths).map((p) => fs.readFile(path.join(dir, p))));
  const total = buffers.reduce((n, b) => n + b.byteLength, 0);
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const b of buffers) {
    bytes.set(b, offset);
    offset += b.byteLength;
  }
  let decoded: tf.NamedTensorMap;
  try {
    decoded = tf.io.decodeWeights(bytes.buffer, specs);
  } catch (e) {
    throw new ModelFileError(`loadWeights(): the weights in '${dir}' cannot be decoded (truncated or mismatched file): ${(e as Error).message}`);
  }
  try {
    const known = new Set(weights.map((w) => w.name));
    const extra = Object.keys(decoded).filter((n) => !known.has(n));
    if (extra.length > 0) throw new ModelFileError(`loadWeights(): '${dir}' has weights model '${modelName}' does not: ${extra.join(', ')}.`);
    const values: Tensor[] = weights.map((w) => {
      const value = decoded[w.name];
      if (!value) throw new ModelFileError(`loadWeights(): weight '${w.name}' of model '${modelName}' is missing from '${dir}'.`);
      if (!tf.util.arraysEqual(value.shape, w.shape)) {
        throw new ModelFileError(`loadWeights(): weight '${w.name}' has shape ${formatShape(value.shape)} in '${dir}', but the model expects ${formatShape(w.shape)}.`);
      }
      return value;
    });
    weights.forEach((w, i) => w.write(values[i]));
  } finally {
    tf.dispose(Object.values(decoded));
  }
}
