// ZeroPadding1D/2D/3D: adds (before, after) zeros on each spatial axis. One rank-generic base.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { InputSpec } from '../../engine/input-spec.js';
import { Layer, singleInput, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import {
  dataFormatConfig,
  dataFormatOf,
  parsePairs,
  spatialAxes,
  type DataFormat,
  type DataFormatConfig,
  type DataFormatName,
  type Pair,
} from './spatial-args.js';

/** n, [n per axis] or [[before, after] per axis] (1D: n or [before, after]). */
export type PaddingSpec = number | number[] | Pair[];

abstract class BaseZeroPadding extends Layer {
  readonly padding: Pair[];
  readonly dataFormat: DataFormat;

  constructor(args: LayerArgs & { padding?: PaddingSpec; dataFormat?: DataFormatName }, dims: number) {
    super(args);
    const where = `${(this.constructor as typeof Layer).className} '${this.name}'`;
    this.padding = parsePairs(args.padding ?? 1, dims, 'padding', where);
    this.dataFormat = dataFormatOf(args.dataFormat, this.name);
    this.inputSpec = [new InputSpec({ ndim: dims + 2 })];
  }

  call(inputs: LayerInputs): Tensor {
    const x = singleInput(inputs, this.name);
    const pads: Array<[number, number]> = x.shape.map(() => [0, 0]);
    spatialAxes(this.padding.length, this.dataFormat).forEach((axis, i) => (pads[axis] = this.padding[i]));
    return tf.pad(x, pads);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const out = [...inputShape];
    spatialAxes(this.padding.length, this.dataFormat).forEach((axis, i) => {
      const size = inputShape[axis];
      out[axis] = size === null ? null : size + this.padding[i][0] + this.padding[i][1];
    });
    return out;
  }
}

export type ZeroPadding1DArgs = LayerArgs & { padding?: number | Pair };
export type ZeroPadding1DConfig = LayerConfig & { padding: Pair };

/** Pads axis 1 of [batch, steps, features]. Default padding [1, 1]. */
export class ZeroPadding1D extends BaseZeroPadding {
  static override readonly className = 'ZeroPadding1D';
  constructor(args: ZeroPadding1DArgs = {}) {
    super(args, 1);
  }
  override getConfig(): JsonObject {
    const config: ZeroPadding1DConfig = { ...(super.getConfig() as LayerConfig), padding: this.padding[0] };
    return config;
  }
  static fromConfig(config: JsonObject): ZeroPadding1D {
    return new ZeroPadding1D(config as ZeroPadding1DConfig);
  }
}

export type ZeroPadding2DArgs = LayerArgs & { padding?: PaddingSpec; dataFormat?: DataFormatName };
export type ZeroPadding2DConfig = LayerConfig & { padding: Pair[]; dataFormat: DataFormatConfig };

/** Pads height and width. Default padding [[1, 1], [1, 1]]. */
export class ZeroPadding2D extends BaseZeroPadding {
  static override readonly className = 'ZeroPadding2D';
  constructor(args: ZeroPadding2DArgs = {}) {
    super(args, 2);
  }
  override getConfig(): JsonObject {
    const config: ZeroPadding2DConfig = { ...(super.getConfig() as LayerConfig), padding: this.padding, dataFormat: dataFormatConfig(this.dataFormat) };
    return config;
  }
  static fromConfig(config: JsonObject): ZeroPadding2D {
    return new ZeroPadding2D(config as ZeroPadding2DConfig);
  }
}

export type ZeroPadding3DArgs = ZeroPadding2DArgs;
export type ZeroPadding3DConfig = ZeroPadding2DConfig;

/** Pads depth, height and width. Default padding [[1, 1], [1, 1], [1, 1]]. */
export class ZeroPadding3D extends BaseZeroPadding {
  static override readonly className = 'ZeroPadding3D';
  constructor(args: ZeroPadding3DArgs = {}) {
    super(args, 3);
  }
  override getConfig(): JsonObject {
    const config: ZeroPadding3DConfig = { ...(super.getConfig() as LayerConfig), padding: this.padding, dataFormat: dataFormatConfig(this.dataFormat) };
    return config;
  }
  static fromConfig(config: JsonObject): ZeroPadding3D {
    return new ZeroPadding3D(config as ZeroPadding3DConfig);
  }
}

export const zeroPadding1d = (args: ZeroPadding1DArgs = {}): ZeroPadding1D => new ZeroPadding1D(args);
export const zeroPadding2d = (args: ZeroPadding2DArgs = {}): ZeroPadding2D => new ZeroPadding2D(args);
export const zeroPadding3d = (args: ZeroPadding3DArgs = {}): ZeroPadding3D => new ZeroPadding3D(args);
