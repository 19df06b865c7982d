// Resolves a URL or IOHandler to a tfjs-core IOHandler: `file://` (and bare paths) in Node go to
// Strata's file handler; anything else (indexeddb://, localstorage://, downloads://, http(s)://)
// goes to the routers tfjs-core registers.
import { tf } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { FileSystemHandler } from './file-handler.js';
import { isLocalPath } from './binary-file.js';

export type ModelTarget = string | tf.io.IOHandler;

function fileHandlerFor(url: string): tf.io.IOHandler | null {
  return isLocalPath(url) ? new FileSystemHandler(url) : null;
}

export function resolveSaveHandler(target: ModelTarget): tf.io.IOHandler {
  if (typeof target !== 'string') return target;
  const handler = fileHandlerFor(target) ?? tf.io.getSaveHandlers(target)[0];
  if (!handler?.save) {
    throw new ValueError(`Cannot save to '${target}': no save handler for this URL scheme (expected file://, indexeddb://, localstorage:// or downloads://).`);
  }
  return handler;
}

export function resolveLoadHandler(target: ModelTarget): tf.io.IOHandler {
  if (typeof target !== 'string') return target;
  const handler = fileHandlerFor(target) ?? tf.io.getLoadHandlers(target)[0];
  if (!handler?.load) {
    throw new ValueError(`Cannot load from '${target}': no load handler for this URL scheme (expected file://, http(s)://, indexeddb:// or localstorage://).`);
  }
  return handler;
}
