// The entry point of a model: holds the batch input shape and produces the first symbolic tensor.
import type { DataType, Shape } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { Layer, type LayerConfig, type LayerInputs, type LayerOutputs } from '../../engine/layer.js';
import { SymbolicTensor } from '../../engine/symbolic-tensor.js';
import { Node } from '../../engine/symbolic-tensor.js';
import type { JsonObject } from '../../saving/serialization.js';

export type InputLayerArgs = {
  name?: string;
  dtype?: DataType;
  inputShape?: Shape;
  batchInputShape?: Shape;
  batchSize?: number;
  sparse?: boolean;
};

export type InputLayerConfig = LayerConfig & { batchInputShape: Shape; sparse: boolean };

export class InputLayer extends Layer {
  static override readonly className = 'InputLayer';
  /** The symbolic tensor this layer produces (the model's input). */
  readonly output: SymbolicTensor;

  constructor(args: InputLayerArgs) {
    if (!args.inputShape && !args.batchInputShape) {
      throw new ValueError(`InputLayer needs inputShape (e.g. [784]) or batchInputShape (e.g. [null, 784]).`);
    }
    super({ ...args, trainable: false });
    const shape = this.batchInputShape!;
    this.built = true;
    this.output = new SymbolicTensor(this.dtype, shape, this, 0, 0, this.name);
    this.inboundNodes.push(new Node(this, [], [this.output]));
  }

  call(inputs: LayerInputs): LayerOutputs {
    return inputs;
  }

  override getConfig(): JsonObject {
    const config: InputLayerConfig = {
      ...(super.getConfig() as LayerConfig),
      batchInputShape: this.batchInputShape!,
      sparse: false,
    };
    return config;
  }

  static fromConfig(config: JsonObject): InputLayer {
    const c = config as InputLayerConfig;
    return new InputLayer({ name: c.name, dtype: c.dtype, batchInputShape: c.batchInputShape });
  }
}

export function inputLayer(args: InputLayerArgs): InputLayer {
  return new InputLayer(args);
}
