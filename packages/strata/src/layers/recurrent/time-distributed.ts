// TimeDistributed: applies a layer to every timestep of [batch, time, ...features] by folding the
// time axis into the batch (one call on [batch·time, ...features], not one call per step).
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError, formatShape } from '../../errors.js';
import { InputSpec } from '../../engine/input-spec.js';
import { Layer, singleInput, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import { deserialize, serialize, type JsonObject, type SerializedObject } from '../../saving/serialization.js';
import { buildInScope } from './weight-scope.js';

export type TimeDistributedArgs = LayerArgs & { layer: Layer };
export type TimeDistributedConfig = LayerConfig & { layer: SerializedObject };

export class TimeDistributed extends Layer {
  static override readonly className = 'TimeDistributed';
  readonly layer: Layer;

  constructor(args: TimeDistributedArgs) {
    if (!(args.layer instanceof Layer)) {
      throw new ValueError(`TimeDistributed${args.name ? ` '${args.name}'` : ''}: layer must be a Layer, found ${JSON.stringify(args.layer)}.`);
    }
    super(args);
    this.layer = args.layer;
    this.subLayers.push(this.layer);
    this.inputSpec = [new InputSpec({ minNdim: 3 })];
    this.supportsMasking = true;
  }

  override build(inputShape: Shape): void {
    // Built in this layer's scope: its weights are 'time_distributed/kernel', as in tfjs-layers.
    if (!this.layer.built) buildInScope(this, this.layer, null, [null, ...inputShape.slice(2)]);
    this.built = true;
  }

  call(inputs: LayerInputs, options: CallOptions): Tensor {
    const x = singleInput(inputs, this.name);
    const [batch, time, ...rest] = x.shape;
    const y = this.layer.apply(tf.reshape(x, [batch * time, ...rest]), { training: options.training });
    if (Array.isArray(y)) {
      throw new ValueError(`TimeDistributed '${this.name}': the wrapped layer '${this.layer.name}' returned ${y.length} outputs; it must return one.`);
    }
    return tf.reshape(y, [batch, time, ...y.shape.slice(1)]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const [batch, time, ...rest] = inputShape;
    const folded = batch === null || time === null ? null : batch * time;
    const inner = this.layer.computeOutputShape([folded, ...rest]);
    if (Array.isArray(inner[0])) {
      throw new ValueError(`TimeDistributed '${this.name}': the wrapped layer '${this.layer.name}' has several outputs for input ${formatShape(inputShape)}.`);
    }
    return [batch, time, ...(inner as Shape).slice(1)];
  }

  override getConfig(): JsonObject {
    const config: TimeDistributedConfig = { ...(super.getConfig() as LayerConfig), layer: serialize(this.layer) };
    return config;
  }

  static fromConfig(config: JsonObject): TimeDistributed {
    const c = config as TimeDistributedConfig;
    return new TimeDistributed({ ...c, layer: deserialize<Layer>(c.layer, 'layer') });
  }
}

export function timeDistributed(args: TimeDistributedArgs): TimeDistributed {
  return new TimeDistributed(args);
}
