// `st.io`: the IOHandlers models save to and load from. tfjs-core's handlers work as in tfjs
// (browser storage, downloads, HTTP, custom save functions); `fileSystem` is Strata's own for
// Node; modelToBytes / modelFromBytes carry .keras and .h5 files through any other storage.
import { tf } from '../../runtime/tf.js';

export { FileSystemHandler, fileSystem, SHARD_BYTES } from './file-handler.js';
export { modelToBytes, modelFromBytes } from '../save-load.js';
export { getUserDefinedMetadata } from '../formats/tfjs-layers-model.js';
export type { ModelTarget } from './handlers.js';

export const withSaveHandler = tf.io.withSaveHandler;
export const withSaveHandlerSync = tf.io.withSaveHandlerSync;
export const fromMemory = tf.io.fromMemory;
export const fromMemorySync = tf.io.fromMemorySync;
export const browserHTTPRequest = tf.io.browserHTTPRequest;
export const copyModel = tf.io.copyModel;
export const listModels = tf.io.listModels;
export const removeModel = tf.io.removeModel;
export const browserFiles = tf.io.browserFiles;
export const http = tf.io.http;
export type IOHandler = tf.io.IOHandler;
export type ModelArtifacts = tf.io.ModelArtifacts;
export type SaveResult = tf.io.SaveResult;
