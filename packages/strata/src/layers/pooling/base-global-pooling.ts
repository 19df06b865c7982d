// BaseGlobalPooling: reduces every spatial axis at once (1-D to 3-D), behind GlobalMaxPooling
// and GlobalAveragePooling. Output [batch, channels], or with keepdims the input's rank with
// size-1 spatial axes (in the input's data format).
import type { Shape, Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { InputSpec } from '../../engine/input-spec.js';
import { Layer, singleInput, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { dataFormatConfig, dataFormatOf, type DataFormat, type DataFormatConfig, type DataFormatName } from '../convolutional/conv-args.js';
import { fromConfigOf } from '../convolutional/from-config.js';

export type GlobalPoolingArgs = LayerArgs & {
  dataFormat?: DataFormatName;
  /** Keep the spatial axes with size 1 (default false). */
  keepdims?: boolean;
};

export type GlobalPoolingConfig = LayerConfig & { dataFormat: DataFormatConfig; keepdims: boolean };

export abstract class BaseGlobalPooling extends Layer {
  /** Rebuilds a layer of the calling class (Conv2D.fromConfig gives a Conv2D) from its config. */
  static fromConfig<T>(this: new (config: never) => T, config: JsonObject): T {
    return fromConfigOf(this, config);
  }

  readonly rank: number;
  readonly dataFormat: DataFormat;
  readonly keepdims: boolean;

  constructor(args: GlobalPoolingArgs, rank: number) {
    super(args);
    this.rank = rank;
    this.dataFormat = dataFormatOf(args.dataFormat, this.name);
    const keepdims = args.keepdims ?? false;
    if (typeof keepdims !== 'boolean') {
      throw new ValueError(
        `${(this.constructor as typeof Layer).className} '${this.name}': keepdims must be true or false, found ${JSON.stringify(keepdims)}.`,
      );
    }
    this.keepdims = keepdims;
    this.inputSpec = [new InputSpec({ ndim: rank + 2 })];
  }

  /** The spatial axes of the input: 1..rank channels-last, 2..rank+1 channels-first. */
  protected get spatialAxes(): number[] {
    const first = this.dataFormat === 'channelsLast' ? 1 : 2;
    return Array.from({ length: this.rank }, (_, i) => first + i);
  }

  /** The reduction over `spatialAxes`; `mask` is the [batch, steps] mask where one is supported. */
  protected abstract reduce(x: Tensor, mask: Tensor | null): Tensor;

  call(inputs: LayerInputs, options: CallOptions = {}): Tensor {
    return this.reduce(singleInput(inputs, this.name), options.mask ?? null);
  }

  /** The spatial axes are gone: no mask follows. */
  override computeMask(_inputs: LayerInputs, _mask: Tensor | null): Tensor | null {
    return null;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const axes = new Set(this.spatialAxes);
    if (this.keepdims) return inputShape.map((d, i) => (axes.has(i) ? 1 : d));
    return inputShape.filter((_, i) => !axes.has(i));
  }

  override getConfig(): JsonObject {
    const config: GlobalPoolingConfig = {
      ...(super.getConfig() as LayerConfig),
      dataFormat: dataFormatConfig(this.dataFormat),
      keepdims: this.keepdims,
    };
    return config;
  }
}
