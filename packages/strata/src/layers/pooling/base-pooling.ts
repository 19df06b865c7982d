// BasePooling: the rank-generic window pooling behind MaxPooling, AveragePooling and LPPooling
// (1-D to 3-D). Channels-first input is transposed around the channels-last computation.
import type { Shape, Tensor } from '../../runtime/tf.js';
import { InputSpec } from '../../engine/input-spec.js';
import { Layer, singleInput, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import {
  checkOutputLengths,
  convOutputLength,
  dataFormatConfig,
  dataFormatOf,
  fromChannelsLastShape,
  normalizePadding,
  normalizeTuple,
  toChannelsLastShape,
  type DataFormat,
  type DataFormatConfig,
  type DataFormatName,
} from '../convolutional/conv-args.js';
import { toChannelsFirst, toChannelsLast } from '../convolutional/conv-ops.js';
import type { PoolPadding, PoolSpec } from './pool-ops.js';
import { fromConfigOf } from '../convolutional/from-config.js';

export type PoolingArgs = LayerArgs & {
  /** Window size: one integer for every spatial axis, or one per axis (default 2). */
  poolSize?: number | number[];
  /** Step between windows (default: poolSize, i.e. windows that do not overlap). */
  strides?: number | number[] | null;
  padding?: PoolPadding | 'VALID' | 'SAME';
  dataFormat?: DataFormatName;
};

export type PoolingConfig = LayerConfig & {
  poolSize: number[];
  strides: number[];
  padding: PoolPadding;
  dataFormat: DataFormatConfig;
};

export abstract class BasePooling extends Layer {
  /** Rebuilds a layer of the calling class (Conv2D.fromConfig gives a Conv2D) from its config. */
  static fromConfig<T>(this: new (config: never) => T, config: JsonObject): T {
    return fromConfigOf(this, config);
  }

  readonly rank: number;
  readonly poolSize: number[];
  readonly strides: number[];
  readonly padding: PoolPadding;
  readonly dataFormat: DataFormat;

  constructor(args: PoolingArgs, rank: number) {
    super(args);
    this.rank = rank;
    const where = this.where;
    this.poolSize = normalizeTuple(args.poolSize ?? 2, rank, 'poolSize', where);
    this.strides = args.strides === undefined || args.strides === null ? [...this.poolSize] : normalizeTuple(args.strides, rank, 'strides', where);
    this.padding = normalizePadding(args.padding ?? 'valid', false, where) as PoolPadding;
    this.dataFormat = dataFormatOf(args.dataFormat, this.name);
    this.inputSpec = [new InputSpec({ ndim: rank + 2 })];
  }

  protected get where(): string {
    return `${(this.constructor as typeof Layer).className} '${this.name}'`;
  }

  protected get spec(): PoolSpec {
    return { poolSize: this.poolSize, strides: this.strides, padding: this.padding };
  }

  /** Pools a channels-last input. */
  protected abstract pool(x: Tensor): Tensor;

  override build(inputShape: Shape): void {
    this.computeOutputShape(inputShape); // rejects inputs smaller than the window
    this.built = true;
  }

  call(inputs: LayerInputs): Tensor {
    const x = singleInput(inputs, this.name);
    if (this.dataFormat === 'channelsLast') return this.pool(x);
    return toChannelsFirst(this.pool(toChannelsLast(x)));
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const last = toChannelsLastShape(inputShape, this.dataFormat);
    const spatial = last.slice(1, -1).map((n, i) => convOutputLength(n, this.poolSize[i], this.padding, this.strides[i]));
    checkOutputLengths(spatial, inputShape, this.where);
    return fromChannelsLastShape([last[0], ...spatial, last[last.length - 1]], this.dataFormat);
  }

  override getConfig(): JsonObject {
    const config: PoolingConfig = {
      ...(super.getConfig() as LayerConfig),
      poolSize: this.poolSize,
      strides: this.strides,
      padding: this.padding,
      dataFormat: dataFormatConfig(this.dataFormat),
    };
    return config;
  }
}
