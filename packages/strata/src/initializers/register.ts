// Registers the built-in initializers with the serialization registry (imported for its effect
// by the package entry point). `getInitializer` does not need this: it resolves built-ins from
// its own table, so a layer class of the same name (Keras has an `Identity` layer) cannot shadow
// them there.
import { registerClass, type SerializableClass } from '../saving/serialization.js';
import { Identity } from './constant-initializers.js';
import { BUILTIN_INITIALIZERS } from './get-initializer.js';

let registered = false;

export function registerInitializers(): void {
  if (registered) return;
  registered = true;
  for (const cls of BUILTIN_INITIALIZERS) {
    // 'Identity' is left to the Identity layer in the shared registry; the initializer goes in
    // under Keras' other name for it.
    const name = cls === Identity ? 'IdentityInitializer' : cls.className;
    registerClass(cls as SerializableClass, { name });
  }
}

registerInitializers();
