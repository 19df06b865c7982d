// Config fields that hold an optional serializable object (a regularizer, a constraint).
import { serialize, type Serializable, type SerializedObject } from './serialization.js';

export type OptionalSerialized = SerializedObject | null;

export function serializeOptional(obj: Serializable | null | undefined): OptionalSerialized {
  return obj ? serialize(obj) : null;
}
