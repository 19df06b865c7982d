// The Metric base class: state that accumulates on the device over an epoch (Keras 3 Metric).
import { tf, type Tensor } from '../runtime/tf.js';
import { StateError } from '../errors.js';
import type { Serializable } from '../saving/serialization.js';
import { toSnakeCase } from '../engine/names.js';

export type MetricConfig = { name?: string };

export abstract class Metric implements Serializable {
  /** Subclasses set their own; it is the registry key and the Keras `class_name`. */
  static readonly className: string = 'Metric';
  readonly name: string;
  private readonly stateVariables: tf.Variable[] = [];
  private disposed = false;

  constructor(config: MetricConfig = {}) {
    this.name = config.name ?? toSnakeCase((this.constructor as typeof Metric).className);
  }

  /** Accumulates one batch. Reads no data back from the device. */
  abstract updateState(yTrue: Tensor, yPred: Tensor, sampleWeight?: Tensor): void;

  /** The value over everything seen since the last reset, as a new scalar (caller disposes). */
  abstract result(): Tensor;

  /** Sets every state variable back to zero. */
  resetState(): void {
    this.assertUsable();
    tf.tidy(() => {
      for (const v of this.stateVariables) v.assign(tf.zerosLike(v));
    });
  }

  get variables(): readonly tf.Variable[] {
    return this.stateVariables;
  }

  /** Frees the state variables; the metric cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    for (const v of this.stateVariables) v.dispose();
    this.stateVariables.length = 0;
    this.disposed = true;
  }

  get isDisposed(): boolean {
    return this.disposed;
  }

  getClassName(): string {
    return (this.constructor as typeof Metric).className;
  }

  getConfig(): MetricConfig {
    return { name: this.name };
  }

  /**
   * A float32 state variable of `shape` (a scalar by default) starting at zero. No explicit
   * name: tfjs variable names are global, and its automatic names are unique. Metrics whose
   * shape depends on the data (F1Score's classes) may add variables on their first update.
   */
  protected addVariable(shape: number[] = []): tf.Variable {
    const v = tf.tidy(() => tf.variable(tf.zeros(shape), false));
    this.stateVariables.push(v);
    return v;
  }

  protected assertUsable(): void {
    if (this.disposed) throw new StateError(`Metric '${this.name}' was disposed; create a new one.`);
  }
}
