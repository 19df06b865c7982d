// Cropping1D/2D/3D: removes (before, after) entries from each spatial axis. One rank-generic
// base; the subclasses only fix the number of spatial axes and their defaults.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError, formatShape } from '../../errors.js';
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
export type CroppingSpec = number | number[] | Pair[];

abstract class BaseCropping extends Layer {
  readonly cropping: Pair[];
  readonly dataFormat: DataFormat;

  constructor(args: LayerArgs & { cropping?: CroppingSpec; dataFormat?: DataFormatName }, dims: number, defaultCropping: number) {
    super(args);
    const where = `${(this.constructor as typeof Layer).className} '${this.name}'`;
    this.cropping = parsePairs(args.cropping ?? defaultCropping, dims, 'cropping', where);
    this.dataFormat = dataFormatOf(args.dataFormat, this.name);
    this.inputSpec = [new InputSpec({ ndim: dims + 2 })];
  }

  call(inputs: LayerInputs): Tensor {
    const x = singleInput(inputs, this.name);
    const outShape = this.computeOutputShape(x.shape) as number[];
    const begin = x.shape.map(() => 0);
    spatialAxes(this.cropping.length, this.dataFormat).forEach((axis, i) => (begin[axis] = this.cropping[i][0]));
    return tf.slice(x, begin, outShape);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const out = [...inputShape];
    spatialAxes(this.cropping.length, this.dataFormat).forEach((axis, i) => {
      const size = inputShape[axis];
      if (size === null) return;
      const [before, after] = this.cropping[i];
      if (before + after >= size) {
        throw new ValueError(
          `${this.getClassName()} '${this.name}': cropping [${before}, ${after}] on axis ${axis} must leave at least one entry of ${size}; input shape ${formatShape(inputShape)}.`,
        );
      }
      out[axis] = size - before - after;
    });
    return out;
  }
}

export type Cropping1DArgs = LayerArgs & { cropping?: number | Pair };
export type Cropping1DConfig = LayerConfig & { cropping: Pair };

/** Crops axis 1 of [batch, steps, features]. Default cropping [1, 1]. */
export class Cropping1D extends BaseCropping {
  static override readonly className = 'Cropping1D';
  constructor(args: Cropping1DArgs = {}) {
    super(args, 1, 1);
  }
  override getConfig(): JsonObject {
    const config: Cropping1DConfig = { ...(super.getConfig() as LayerConfig), cropping: this.cropping[0] };
    return config;
  }
  static fromConfig(config: JsonObject): Cropping1D {
    return new Cropping1D(config as Cropping1DConfig);
  }
}

export type Cropping2DArgs = LayerArgs & { cropping?: CroppingSpec; dataFormat?: DataFormatName };
export type Cropping2DConfig = LayerConfig & { cropping: Pair[]; dataFormat: DataFormatConfig };

/** Crops height and width. Default cropping [[0, 0], [0, 0]]. */
export class Cropping2D extends BaseCropping {
  static override readonly className = 'Cropping2D';
  constructor(args: Cropping2DArgs = {}) {
    super(args, 2, 0);
  }
  override getConfig(): JsonObject {
    const config: Cropping2DConfig = { ...(super.getConfig() as LayerConfig), cropping: this.cropping, dataFormat: dataFormatConfig(this.dataFormat) };
    return config;
  }
  static fromConfig(config: JsonObject): Cropping2D {
    return new Cropping2D(config as Cropping2DConfig);
  }
}

export type Cropping3DArgs = Cropping2DArgs;
export type Cropping3DConfig = Cropping2DConfig;

/** Crops depth, height and width. Default cropping [[1, 1], [1, 1], [1, 1]]. */
export class Cropping3D extends BaseCropping {
  static override readonly className = 'Cropping3D';
  constructor(args: Cropping3DArgs = {}) {
    super(args, 3, 1);
  }
  override getConfig(): JsonObject {
    const config: Cropping3DConfig = { ...(super.getConfig() as LayerConfig), cropping: this.cropping, dataFormat: dataFormatConfig(this.dataFormat) };
    return config;
  }
  static fromConfig(config: JsonObject): Cropping3D {
    return new Cropping3D(config as Cropping3DConfig);
  }
}

export const cropping1d = (args: Cropping1DArgs = {}): Cropping1D => new Cropping1D(args);
export const cropping2d = (args: Cropping2DArgs = {}): Cropping2D => new Cropping2D(args);
export const cropping3d = (args: Cropping3DArgs = {}): Cropping3D => new Cropping3D(args);
