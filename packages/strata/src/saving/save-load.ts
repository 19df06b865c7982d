// `model.save(target)` and `loadLayersModel(target)`: the tfjs layers-model format through any
// tfjs-core IOHandler.
import type { tf } from '../runtime/tf.js';
import type { Model } from '../engine/model.js';
import { ModelFileError } from '../errors.js';
import { artifactsToModel, modelToArtifacts } from './formats/tfjs-layers-model.js';
import { resolveLoadHandler, resolveSaveHandler, type ModelTarget } from './io/handlers.js';

export async function saveModel(model: Model, target: ModelTarget): Promise<tf.io.SaveResult> {
  const handler = resolveSaveHandler(target);
  const artifacts = await modelToArtifacts(model);
  return handler.save!(artifacts);
}

export async function loadLayersModel(target: ModelTarget): Promise<Model> {
  const handler = resolveLoadHandler(target);
  const source = typeof target === 'string' ? target : 'the given IOHandler';
  let artifacts: tf.io.ModelArtifacts;
  try {
    artifacts = await handler.load!();
  } catch (e) {
    if (e instanceof ModelFileError) throw e;
    throw new ModelFileError(`${source}: cannot load the model: ${(e as Error).message}`);
  }
  return artifactsToModel(artifacts, source);
}
