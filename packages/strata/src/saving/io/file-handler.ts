// A `file://` IOHandler for Node: model.json plus one weights file, written atomically (to
// temporary names, then renamed) so a crash mid-save never leaves a damaged model behind.
import type { tf } from '../../runtime/tf.js';
import { ModelFileError } from '../../errors.js';

type ModelArtifacts = tf.io.ModelArtifacts;
type SaveResult = tf.io.SaveResult;

export const WEIGHTS_FILE = 'weights.bin';

/** Node's fs/path, loaded on first use so that browsers never touch them. */
async function nodeModules() {
  const [fs, path] = await Promise.all([import('node:fs/promises'), import('node:path')]);
  return { fs, path };
}

function stripScheme(url: string): string {
  return url.startsWith('file://') ? url.slice('file://'.length) : url;
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

function weightBytes(data: tf.io.WeightData | undefined): Uint8Array {
  if (!data) return new Uint8Array(0);
  return concatBytes((Array.isArray(data) ? data : [data]).map((b) => new Uint8Array(b)));
}

export class FileSystemHandler implements tf.io.IOHandler {
  /** A directory for save; a directory or a model.json path for load. */
  readonly target: string;

  constructor(url: string) {
    this.target = stripScheme(url);
  }

  async save(artifacts: ModelArtifacts): Promise<SaveResult> {
    const { fs, path } = await nodeModules();
    const dir = this.target.endsWith('.json') ? path.dirname(this.target) : this.target;
    await fs.mkdir(dir, { recursive: true });
    const weights = weightBytes(artifacts.weightData);
    const modelJson: tf.io.ModelJSON = {
      modelTopology: artifacts.modelTopology as object,
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy ?? null,
      weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
    };
    if (artifacts.trainingConfig) modelJson.trainingConfig = artifacts.trainingConfig;
    if (artifacts.userDefinedMetadata) modelJson.userDefinedMetadata = artifacts.userDefinedMetadata;
    const suffix = `.tmp-${process.pid}-${Date.now()}`;
    const jsonPath = path.join(dir, 'model.json');
    const weightsPath = path.join(dir, WEIGHTS_FILE);
    // Weights first, model.json last: a model.json on disk always has its weights beside it.
    await fs.writeFile(weightsPath + suffix, weights);
    await fs.writeFile(jsonPath + suffix, JSON.stringify(modelJson));
    await fs.rename(weightsPath + suffix, weightsPath);
    await fs.rename(jsonPath + suffix, jsonPath);
    return {
      modelArtifactsInfo: {
        dateSaved: new Date(),
        modelTopologyType: 'JSON',
        modelTopologyBytes: JSON.stringify(modelJson.modelTopology).length,
        weightSpecsBytes: JSON.stringify(modelJson.weightsManifest).length,
        weightDataBytes: weights.byteLength,
      },
    };
  }

  async load(): Promise<ModelArtifacts> {
    const { fs, path } = await nodeModules();
    let jsonPath = this.target;
    const stat = await fs.stat(jsonPath).catch(() => null);
    if (!stat) throw new ModelFileError(`No model at '${this.target}': the path does not exist.`);
    if (stat.isDirectory()) jsonPath = path.join(jsonPath, 'model.json');
    let modelJson: tf.io.ModelJSON;
    try {
      modelJson = JSON.parse(await fs.readFile(jsonPath, 'utf8')) as tf.io.ModelJSON;
    } catch (e) {
      throw new ModelFileError(`Cannot read '${jsonPath}' as a model.json file: ${(e as Error).message}`);
    }
    if (!modelJson || typeof modelJson !== 'object' || !modelJson.modelTopology) {
      throw new ModelFileError(`'${jsonPath}' has no 'modelTopology'; it is not a tfjs layers-model file.`);
    }
    const dir = path.dirname(jsonPath);
    const specs: tf.io.WeightsManifestEntry[] = [];
    const buffers: Uint8Array[] = [];
    for (const group of modelJson.weightsManifest ?? []) {
      specs.push(...group.weights);
      for (const file of group.paths) {
        const filePath = path.join(dir, file);
        const bytes = await fs.readFile(filePath).catch((e: Error) => {
          throw new ModelFileError(`Weights file '${filePath}' listed in '${jsonPath}' cannot be read: ${e.message}`);
        });
        buffers.push(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      }
    }
    const weightData = concatBytes(buffers);
    return {
      modelTopology: modelJson.modelTopology,
      format: modelJson.format,
      generatedBy: modelJson.generatedBy,
      convertedBy: modelJson.convertedBy,
      trainingConfig: modelJson.trainingConfig,
      userDefinedMetadata: modelJson.userDefinedMetadata,
      weightSpecs: specs,
      weightData: weightData.buffer as ArrayBuffer,
    };
  }
}

export function fileSystem(url: string): FileSystemHandler {
  return new FileSystemHandler(url);
}
