// Keras and tfjs-layers number the calls of a nested functional model from 1 (node 0 is the
// model's own input node); Strata's in-memory config numbers them from 0. Writers of the Keras-2
// layout (tfjs model.json, legacy .h5) shift references up; readers shift them down
// (keras-topology-read.ts, option kerasNestedNodeOffset).
import type { JsonObject, JsonValue } from '../serialization.js';

/** A snake_case `{class_name, config}` topology with nested-model references in Keras' numbering. */
export function withKerasNodeOffsets(topology: JsonObject): JsonObject {
  const config = topology.config as JsonObject;
  if (topology.class_name !== 'Functional' || !Array.isArray(config.layers)) return topology;
  const nested = new Set(config.layers.filter((l) => (l as JsonObject).class_name === 'Functional').map((l) => (l as JsonObject).name as string));
  const shift = (ref: JsonValue): JsonValue => (Array.isArray(ref) && nested.has(ref[0] as string) ? [ref[0], (ref[1] as number) + 1, ...ref.slice(2)] : ref);
  const layers = config.layers.map((l) => {
    const layer = l as JsonObject;
    const nodes = (layer.inbound_nodes as JsonValue[]).map((node) => (Array.isArray(node) ? node.map(shift) : node));
    return { ...layer, inbound_nodes: nodes };
  });
  const refs = (v: JsonValue | undefined) => (Array.isArray(v) ? v.map(shift) : v);
  return { ...topology, config: { ...config, layers, input_layers: refs(config.input_layers), output_layers: refs(config.output_layers) } };
}

