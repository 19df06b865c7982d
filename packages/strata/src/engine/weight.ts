// A layer weight: a tf.Variable plus what Keras keeps next to it (its path name, trainability,
// regularizer, constraint). tfjs registers variable names globally, so each variable gets a
// process-unique name while `name` keeps the Keras path ('dense/kernel') that files use.
import { tf, type DataType, type Tensor } from '../runtime/tf.js';
import type { Constraint } from '../constraints/constraint.js';
import type { Regularizer } from '../regularizers/regularizer.js';
import { ValueError, formatShape } from '../errors.js';

let variableCounter = 0;

export interface WeightOptions {
  /** Keras path name, e.g. 'dense/kernel'. */
  name: string;
  initialValue: Tensor;
  trainable: boolean;
  regularizer?: Regularizer | null;
  constraint?: Constraint | null;
}

export class Weight {
  readonly name: string;
  readonly variable: tf.Variable;
  readonly regularizer: Regularizer | null;
  readonly constraint: Constraint | null;
  private trainableFlag: boolean;

  constructor(options: WeightOptions) {
    this.name = options.name;
    this.trainableFlag = options.trainable;
    this.regularizer = options.regularizer ?? null;
    this.constraint = options.constraint ?? null;
    variableCounter += 1;
    this.variable = tf.variable(options.initialValue, options.trainable, `${options.name}_${variableCounter}`);
  }

  get shape(): number[] {
    return this.variable.shape;
  }
  get dtype(): DataType {
    return this.variable.dtype;
  }
  get trainable(): boolean {
    return this.trainableFlag;
  }
  set trainable(value: boolean) {
    this.trainableFlag = value;
    this.variable.trainable = value;
  }

  read(): tf.Variable {
    return this.variable;
  }

  /** Overwrites the value; the shape must match exactly. */
  write(value: Tensor, where = this.name): void {
    if (!tf.util.arraysEqual(value.shape, this.variable.shape)) {
      throw new ValueError(
        `Weight '${where}' has shape ${formatShape(this.variable.shape)}, but the value given has shape ${formatShape(value.shape)}.`,
      );
    }
    tf.tidy(() => this.variable.assign(value.dtype === this.dtype ? value : tf.cast(value, this.dtype)));
  }

  dispose(): void {
    this.variable.dispose();
  }
}
