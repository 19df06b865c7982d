// The norm penalties of Keras 3: L1 (l1·Σ|w|), L2 (l2·Σw²) and L1L2 (both). Class names and
// defaults are Keras 3's (L1(0.01), L2(0.01), L1L2(0, 0)); tfjs-layers writes every one of them
// as `L1L2 {l1, l2}`, which reads here as the same penalty.
import { ValueError } from '../errors.js';
import { tf, type Tensor } from '../runtime/tf.js';
import type { SerializedObject } from '../saving/serialization.js';
import type { Regularizer } from './regularizer.js';

/** Keras' check for a penalty factor: a finite, non-negative number (null means the default). */
export function readFactor(value: unknown, name: string, owner: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
    throw new ValueError(`${owner}: argument '${name}' must be a finite, non-negative number, found ${shown}.`);
  }
  return value;
}

function l1Penalty(w: Tensor, factor: number): Tensor {
  return tf.mul(tf.scalar(factor, w.dtype), tf.sum(tf.abs(w)));
}

function l2Penalty(w: Tensor, factor: number): Tensor {
  return tf.mul(tf.scalar(factor, w.dtype), tf.sum(tf.square(w)));
}

export type L1Config = { l1?: number | null };
export type L2Config = { l2?: number | null };
export type L1L2Config = { l1?: number | null; l2?: number | null };

export class L1 implements Regularizer {
  static readonly className = 'L1';
  readonly l1: number;

  constructor(args: L1Config = {}) {
    this.l1 = readFactor(args.l1, 'l1', 'L1', 0.01);
  }

  apply(weight: Tensor): Tensor {
    return tf.tidy(() => l1Penalty(weight, this.l1));
  }

  getClassName(): string {
    return L1.className;
  }

  getConfig(): { l1: number } {
    return { l1: this.l1 };
  }

  static fromConfig(config: L1Config): L1 {
    return new L1(config);
  }
}

export class L2 implements Regularizer {
  static readonly className = 'L2';
  readonly l2: number;

  constructor(args: L2Config = {}) {
    this.l2 = readFactor(args.l2, 'l2', 'L2', 0.01);
  }

  apply(weight: Tensor): Tensor {
    return tf.tidy(() => l2Penalty(weight, this.l2));
  }

  getClassName(): string {
    return L2.className;
  }

  getConfig(): { l2: number } {
    return { l2: this.l2 };
  }

  static fromConfig(config: L2Config): L2 {
    return new L2(config);
  }
}

export class L1L2 implements Regularizer {
  static readonly className = 'L1L2';
  readonly l1: number;
  readonly l2: number;

  /** Keras 3 defaults both factors to 0 (tfjs-layers to 0.01; its files always carry both). */
  constructor(args: L1L2Config = {}) {
    this.l1 = readFactor(args.l1, 'l1', 'L1L2', 0);
    this.l2 = readFactor(args.l2, 'l2', 'L1L2', 0);
  }

  apply(weight: Tensor): Tensor {
    return tf.tidy(() => {
      const terms: Tensor[] = [];
      if (this.l1 !== 0) terms.push(l1Penalty(weight, this.l1));
      if (this.l2 !== 0) terms.push(l2Penalty(weight, this.l2));
      if (terms.length === 0) return tf.scalar(0, weight.dtype);
      return terms.length === 1 ? terms[0] : tf.add(terms[0], terms[1]);
    });
  }

  getClassName(): string {
    return L1L2.className;
  }

  getConfig(): { l1: number; l2: number } {
    return { l1: this.l1, l2: this.l2 };
  }

  static fromConfig(config: L1L2Config): L1L2 {
    return new L1L2(config);
  }
}

// tfjs-layers-style factories: st.regularizers.l2({l2: 0.01}).
export const l1 = (args: L1Config = {}): L1 => new L1(args);
export const l2 = (args: L2Config = {}): L2 => new L2(args);
export const l1l2 = (args: L1L2Config = {}): L1L2 => new L1L2(args);

/**
 * The same penalty under the one class name tfjs-layers knows: L1 {l1} and L2 {l2} become
 * L1L2 {l1, l2}; anything else is returned unchanged. For writers of tfjs-format files, so
 * tfjs-layers can read a model whose weights use st.regularizers.l1/l2.
 */
export function asL1L2(serialized: SerializedObject): SerializedObject {
  const { className, config } = serialized;
  if (className === L1.className) return { className: L1L2.className, config: { l1: new L1(config as L1Config).l1, l2: 0 } };
  if (className === L2.className) return { className: L1L2.className, config: { l1: 0, l2: new L2(config as L2Config).l2 } };
  return serialized;
}
