// 'hard_sigmoid' means two formulas: clip(0.2x + 0.5, 0, 1) in tfjs-layers and Keras 2 (so in
// tfjs-format and legacy .h5 files, where it is the default recurrent activation of LSTM and
// GRU), and relu6(x + 3) / 6 in Keras 3 (.keras files, and Strata's 'hardSigmoid').
// Readers and writers of the older formats translate, so each file keeps its own meaning:
//   in memory 'legacy_hard_sigmoid'  <->  'hard_sigmoid' in the file
//   in memory 'hard_sigmoid' (Keras 3) <->  'hard_sigmoid_keras3' in the file (a name tfjs-layers
//   rejects loudly instead of computing the other formula)
import type { JsonValue } from '../serialization.js';

const IN_FILE: Record<string, string> = { hard_sigmoid: 'legacy_hard_sigmoid', hardSigmoid: 'legacy_hard_sigmoid', hard_sigmoid_keras3: 'hard_sigmoid' };
const TO_FILE: Record<string, string> = { legacy_hard_sigmoid: 'hard_sigmoid', legacyHardSigmoid: 'hard_sigmoid', hard_sigmoid: 'hard_sigmoid_keras3', hardSigmoid: 'hard_sigmoid_keras3' };

function mapActivations(value: JsonValue | undefined, table: Record<string, string>): JsonValue | undefined {
  if (Array.isArray(value)) return value.map((v) => mapActivations(v, table) ?? null);
  if (value === null || typeof value !== 'object') return value;
  const out: { [key: string]: JsonValue | undefined } = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = /activation$/i.test(key) && typeof v === 'string' ? (table[v] ?? v) : mapActivations(v, table);
  }
  return out;
}

/** A topology read from a tfjs-format or legacy .h5 file, with activations in Strata's names. */
export function activationsFromLegacyFile(topology: JsonValue): JsonValue {
  return mapActivations(topology, IN_FILE) ?? null;
}

/** A topology about to be written to a tfjs-format or legacy .h5 file. */
export function activationsToLegacyFile(topology: JsonValue): JsonValue {
  return mapActivations(topology, TO_FILE) ?? null;
}
