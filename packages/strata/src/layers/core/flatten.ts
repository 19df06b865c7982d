// Flatten: [batch, d1, d2, ...] -> [batch, d1*d2*...]. channels-first input is transposed to
// channels-last first so the element order matches Keras.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { InputSpec } from '../../engine/input-spec.js';
import { Layer, singleInput, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { dataFormatConfig, dataFormatOf, type DataFormat, type DataFormatConfig, type DataFormatName } from '../data-format.js';

export type FlattenArgs = LayerArgs & { dataFormat?: DataFormatName };
export type FlattenConfig = LayerConfig & { dataFormat: DataFormatConfig };

export class Flatten extends Layer {
  static override readonly className = 'Flatten';
  readonly dataFormat: DataFormat;

  constructor(args: FlattenArgs = {}) {
    super(args);
    this.dataFormat = dataFormatOf(args.dataFormat, this.name);
    this.inputSpec = [new InputSpec({ minNdim: 1 })];
  }

  call(inputs: LayerInputs): Tensor {
    let x = singleInput(inputs, this.name);
    if (this.dataFormat === 'channelsFirst' && x.rank > 2) {
      const perm = [0, ...Array.from({ length: x.rank - 2 }, (_, i) => i + 2), 1];
      x = tf.transpose(x, perm);
    }
    return tf.reshape(x, [x.shape[0], -1]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const rest = inputShape.slice(1);
    const known = rest.every((d): d is number => d !== null);
    return [inputShape[0], known ? rest.reduce((a, b) => a * b, 1) : null];
  }

  override getConfig(): JsonObject {
    const config: FlattenConfig = { ...(super.getConfig() as LayerConfig), dataFormat: dataFormatConfig(this.dataFormat) };
    return config;
  }

  static fromConfig(config: JsonObject): Flatten {
    return new Flatten(config as FlattenConfig);
  }
}

export function flatten(args: FlattenArgs = {}): Flatten {
  return new Flatten(args);
}
