// UpSampling1D/2D/3D: repeats each entry `size` times along each spatial axis (nearest
// neighbour); UpSampling2D can also interpolate bilinearly, with TF2 / Keras 3 half-pixel
// centres. Both are written as plain tiles and matrix products so every backend runs and
// differentiates them (the cpu ResizeBilinearGrad kernel ignores halfPixelCenters).
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { InputSpec } from '../../engine/input-spec.js';
import { Layer, singleInput, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';
import { dataFormatConfig, dataFormatOf, parseSizes, spatialAxes, type DataFormat, type DataFormatConfig, type DataFormatName } from './spatial-args.js';

export type Interpolation = 'nearest' | 'bilinear';

abstract class BaseUpSampling extends Layer {
  readonly size: number[];
  readonly dataFormat: DataFormat;
  readonly interpolation: Interpolation = 'nearest';

  constructor(args: LayerArgs & { size?: number | number[]; dataFormat?: DataFormatName }, dims: number) {
    super(args);
    const where = `${(this.constructor as typeof Layer).className} '${this.name}'`;
    this.size = parseSizes(args.size ?? 2, dims, 'size', where);
    this.dataFormat = dataFormatOf(args.dataFormat, this.name);
    this.inputSpec = [new InputSpec({ ndim: dims + 2 })];
  }

  call(inputs: LayerInputs): Tensor {
    let x = singleInput(inputs, this.name);
    spatialAxes(this.size.length, this.dataFormat).forEach((axis, i) => {
      x = this.interpolation === 'bilinear' ? interpolateAxis(x, axis, this.size[i]) : repeatAxis(x, axis, this.size[i]);
    });
    return x;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const out = [...inputShape];
    spatialAxes(this.size.length, this.dataFormat).forEach((axis, i) => {
      const d = inputShape[axis];
      out[axis] = d === null ? null : d * this.size[i];
    });
    return out;
  }
}

/** Each entry along `axis` repeated `times` times: [a, b] -> [a, a, b, b]. */
function repeatAxis(x: Tensor, axis: number, times: number): Tensor {
  if (times === 1) return x;
  const shape = x.shape;
  const expanded = tf.reshape(x, [...shape.slice(0, axis + 1), 1, ...shape.slice(axis + 1)]);
  // concat of copies rather than tile or broadcastTo: tfjs' Tile gradient (which broadcastTo
  // also records) stops at rank 4; concat's (a split) has no limit.
  const repeated = tf.concat(new Array<Tensor>(times).fill(expanded), axis + 1);
  const merged = [...shape];
  merged[axis] = shape[axis] * times;
  return tf.reshape(repeated, merged);
}

/**
 * The [in*scale, in] matrix of half-pixel-centre bilinear interpolation (TF2's
 * tf.image.resize): output o samples the input at (o + 0.5) / scale - 0.5, clamped to the edges.
 */
export function bilinearMatrix(size: number, scale: number): number[][] {
  return Array.from({ length: size * scale }, (_, o) => {
    const row = new Array<number>(size).fill(0);
    const src = (o + 0.5) / scale - 0.5;
    const lower = Math.floor(src);
    const frac = src - lower;
    const clamp = (i: number) => Math.min(Math.max(i, 0), size - 1);
    row[clamp(lower)] += 1 - frac;
    row[clamp(lower + 1)] += frac;
    return row;
  });
}

/** Bilinear upsampling along one axis: move it first, multiply by the interpolation matrix, move it back. */
function interpolateAxis(x: Tensor, axis: number, scale: number): Tensor {
  if (scale === 1) return x;
  const n = x.shape[axis];
  const perm = [axis, ...x.shape.map((_, i) => i).filter((i) => i !== axis)];
  const moved = tf.transpose(x, perm);
  const flat = tf.reshape(moved, [n, -1]);
  const weights = tf.tensor2d(bilinearMatrix(n, scale));
  const resized = tf.reshape(tf.matMul(weights, flat), [n * scale, ...moved.shape.slice(1)]);
  const inverse = perm.map((_, i) => perm.indexOf(i));
  return tf.transpose(resized, inverse);
}

export type UpSampling1DArgs = LayerArgs & { size?: number };
export type UpSampling1DConfig = LayerConfig & { size: number };

/** Repeats each step of [batch, steps, features] `size` times (default 2). */
export class UpSampling1D extends BaseUpSampling {
  static override readonly className = 'UpSampling1D';
  constructor(args: UpSampling1DArgs = {}) {
    super(args, 1);
  }
  override getConfig(): JsonObject {
    const config: UpSampling1DConfig = { ...(super.getConfig() as LayerConfig), size: this.size[0] };
    return config;
  }
  static fromConfig(config: JsonObject): UpSampling1D {
    return new UpSampling1D(config as UpSampling1DConfig);
  }
}

export type UpSampling2DArgs = LayerArgs & { size?: number | number[]; dataFormat?: DataFormatName; interpolation?: Interpolation };
export type UpSampling2DConfig = LayerConfig & { size: number[]; dataFormat: DataFormatConfig; interpolation: Interpolation };

/** Upsamples height and width by `size` (default [2, 2]); interpolation 'nearest' or 'bilinear'. */
export class UpSampling2D extends BaseUpSampling {
  static override readonly className = 'UpSampling2D';
  override readonly interpolation: Interpolation;
  constructor(args: UpSampling2DArgs = {}) {
    super(args, 2);
    const interpolation = args.interpolation ?? 'nearest';
    if (interpolation !== 'nearest' && interpolation !== 'bilinear') {
      throw new ValueError(`UpSampling2D '${this.name}': interpolation must be 'nearest' or 'bilinear', found ${JSON.stringify(interpolation)}.`);
    }
    this.interpolation = interpolation;
  }
  override getConfig(): JsonObject {
    const config: UpSampling2DConfig = {
      ...(super.getConfig() as LayerConfig),
      size: this.size,
      dataFormat: dataFormatConfig(this.dataFormat),
      interpolation: this.interpolation,
    };
    return config;
  }
  static fromConfig(config: JsonObject): UpSampling2D {
    return new UpSampling2D(config as UpSampling2DConfig);
  }
}

export type UpSampling3DArgs = LayerArgs & { size?: number | number[]; dataFormat?: DataFormatName };
export type UpSampling3DConfig = LayerConfig & { size: number[]; dataFormat: DataFormatConfig };

/** Repeats entries along depth, height and width by `size` (default [2, 2, 2]). */
export class UpSampling3D extends BaseUpSampling {
  static override readonly className = 'UpSampling3D';
  constructor(args: UpSampling3DArgs = {}) {
    super(args, 3);
  }
  override getConfig(): JsonObject {
    const config: UpSampling3DConfig = { ...(super.getConfig() as LayerConfig), size: this.size, dataFormat: dataFormatConfig(this.dataFormat) };
    return config;
  }
  static fromConfig(config: JsonObject): UpSampling3D {
    return new UpSampling3D(config as UpSampling3DConfig);
  }
}

export const upSampling1d = (args: UpSampling1DArgs = {}): UpSampling1D => new UpSampling1D(args);
export const upSampling2d = (args: UpSampling2DArgs = {}): UpSampling2D => new UpSampling2D(args);
export const upSampling3d = (args: UpSampling3DArgs = {}): UpSampling3D => new UpSampling3D(args);
