// Norm constraints of Keras 3: after each optimizer step, rescale each slice of a weight (the
// entries sharing an index outside `axis`) so its L2 norm lies in a range. For a Dense kernel
// [in, out], axis 0 constrains the incoming weights of each unit; for a Conv2D kernel use
// axis [0, 1, 2]. Formulas: w · desired / (epsilon + ‖w‖), epsilon = 1e-7 (Keras' backend epsilon).
import { ValueError } from '../errors.js';
import { tf, type Tensor } from '../runtime/tf.js';
import type { Constraint } from './constraint.js';

const EPSILON = 1e-7;

export type ConstraintAxis = number | number[];

function readAxis(value: unknown, owner: string): ConstraintAxis {
  if (value === undefined || value === null) return 0;
  const ok = (a: unknown) => typeof a === 'number' && Number.isInteger(a);
  if (ok(value)) return value as number;
  if (Array.isArray(value) && value.length > 0 && value.every(ok)) return [...(value as number[])];
  throw new ValueError(`${owner}: argument 'axis' must be an integer or a non-empty list of integers, found ${JSON.stringify(value)}.`);
}

function readNonNegative(value: unknown, name: string, owner: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
    throw new ValueError(`${owner}: argument '${name}' must be a finite, non-negative number, found ${shown}.`);
  }
  return value;
}

/** The L2 norm over `axis`, kept as size-1 axes so it broadcasts against the weight. */
function norms(w: Tensor, axis: ConstraintAxis): Tensor {
  return tf.sqrt(tf.sum(tf.square(w), axis, true));
}

function rescale(w: Tensor, norm: Tensor, desired: Tensor): Tensor {
  return tf.mul(w, tf.div(desired, tf.add(norm, EPSILON)));
}

export type MaxNormConfig = { maxValue?: number; axis?: ConstraintAxis };

/** Caps the norm of each slice at `maxValue` (Keras default 2). */
export class MaxNorm implements Constraint {
  static readonly className = 'MaxNorm';
  readonly maxValue: number;
  readonly axis: ConstraintAxis;

  constructor(args: MaxNormConfig = {}) {
    this.maxValue = readNonNegative(args.maxValue, 'maxValue', 'MaxNorm', 2);
    this.axis = readAxis(args.axis, 'MaxNorm');
  }

  apply(weight: Tensor): Tensor {
    return tf.tidy(() => {
      const n = norms(weight, this.axis);
      return rescale(weight, n, tf.clipByValue(n, 0, this.maxValue));
    });
  }

  getClassName(): string {
    return MaxNorm.className;
  }

  getConfig(): { maxValue: number; axis: ConstraintAxis } {
    return { maxValue: this.maxValue, axis: this.axis };
  }

  static fromConfig(config: MaxNormConfig): MaxNorm {
    return new MaxNorm(config);
  }
}

export type UnitNormConfig = { axis?: ConstraintAxis };

/** Rescales each slice to norm 1. */
export class UnitNorm implements Constraint {
  static readonly className = 'UnitNorm';
  readonly axis: ConstraintAxis;

  constructor(args: UnitNormConfig = {}) {
    this.axis = readAxis(args.axis, 'UnitNorm');
  }

  apply(weight: Tensor): Tensor {
    return tf.tidy(() => tf.div(weight, tf.add(norms(weight, this.axis), EPSILON)));
  }

  getClassName(): string {
    return UnitNorm.className;
  }

  getConfig(): { axis: ConstraintAxis } {
    return { axis: this.axis };
  }

  static fromConfig(config: UnitNormConfig): UnitNorm {
    return new UnitNorm(config);
  }
}

export type MinMaxNormConfig = { minValue?: number; maxValue?: number; rate?: number; axis?: ConstraintAxis };

/**
 * Moves each slice's norm into [minValue, maxValue]: desired = rate·clip(‖w‖) + (1 - rate)·‖w‖,
 * so rate 1 enforces the range at once and a smaller rate moves towards it gradually.
 */
export class MinMaxNorm implements Constraint {
  static readonly className = 'MinMaxNorm';
  readonly minValue: number;
  readonly maxValue: number;
  readonly rate: number;
  readonly axis: ConstraintAxis;

  constructor(args: MinMaxNormConfig = {}) {
    this.minValue = readNonNegative(args.minValue, 'minValue', 'MinMaxNorm', 0);
    this.maxValue = readNonNegative(args.maxValue, 'maxValue', 'MinMaxNorm', 1);
    if (this.minValue > this.maxValue) {
      throw new ValueError(`MinMaxNorm: argument 'minValue' (${this.minValue}) must not exceed 'maxValue' (${this.maxValue}).`);
    }
    this.rate = readNonNegative(args.rate, 'rate', 'MinMaxNorm', 1);
    if (this.rate > 1) throw new ValueError(`MinMaxNorm: argument 'rate' must be in [0, 1], found ${this.rate}.`);
    this.axis = readAxis(args.axis, 'MinMaxNorm');
  }

  apply(weight: Tensor): Tensor {
    return tf.tidy(() => {
      const n = norms(weight, this.axis);
      const clipped = tf.clipByValue(n, this.minValue, this.maxValue);
      const desired = this.rate === 1 ? clipped : tf.add(tf.mul(clipped, this.rate), tf.mul(n, 1 - this.rate));
      return rescale(weight, n, desired);
    });
  }

  getClassName(): string {
    return MinMaxNorm.className;
  }

  getConfig(): { minValue: number; maxValue: number; rate: number; axis: ConstraintAxis } {
    return { minValue: this.minValue, maxValue: this.maxValue, rate: this.rate, axis: this.axis };
  }

  static fromConfig(config: MinMaxNormConfig): MinMaxNorm {
    return new MinMaxNorm(config);
  }
}

// tfjs-layers-style factories: st.constraints.maxNorm({maxValue: 3, axis: 0}).
export const maxNorm = (args: MaxNormConfig = {}): MaxNorm => new MaxNorm(args);
export const unitNorm = (args: UnitNormConfig = {}): UnitNorm => new UnitNorm(args);
export const minMaxNorm = (args: MinMaxNormConfig = {}): MinMaxNorm => new MinMaxNorm(args);
