// What a layer accepts: rank bounds and fixed sizes on given axes. Checked by `Layer.apply`
// so that a wrong input fails with the layer's name and both shapes, not deep in an op.
import { ValueError, formatShape } from '../errors.js';
import type { DataType, Shape } from '../runtime/tf.js';

export type InputSpecArgs = {
  ndim?: number;
  minNdim?: number;
  maxNdim?: number;
  dtype?: DataType;
  /** Fixed sizes by axis (negative axes count from the end), e.g. {[-1]: 784}. */
  axes?: Record<number, number>;
};

export class InputSpec {
  readonly ndim?: number;
  readonly minNdim?: number;
  readonly maxNdim?: number;
  readonly dtype?: DataType;
  readonly axes?: Record<number, number>;

  constructor(args: InputSpecArgs) {
    Object.assign(this, args);
  }

  /** Throws a ValueError naming the layer if `shape` does not satisfy this spec. */
  assertCompatible(shape: Shape, layerName: string, inputIndex = 0): void {
    const where = `Input ${inputIndex} of layer '${layerName}'`;
    const rank = shape.length;
    if (this.ndim !== undefined && rank !== this.ndim) {
      throw new ValueError(`${where} expected rank ${this.ndim}, found rank ${rank} (shape ${formatShape(shape)}).`);
    }
    if (this.minNdim !== undefined && rank < this.minNdim) {
      throw new ValueError(`${where} expected rank >= ${this.minNdim}, found rank ${rank} (shape ${formatShape(shape)}).`);
    }
    if (this.maxNdim !== undefined && rank > this.maxNdim) {
      throw new ValueError(`${where} expected rank <= ${this.maxNdim}, found rank ${rank} (shape ${formatShape(shape)}).`);
    }
    for (const [axisText, size] of Object.entries(this.axes ?? {})) {
      const axis = Number(axisText);
      const dim = shape[axis < 0 ? rank + axis : axis];
      if (dim !== null && dim !== undefined && dim !== size) {
        throw new ValueError(
          `${where} expected axis ${axis} to have size ${size}, found ${dim} (shape ${formatShape(shape)}).`,
        );
      }
    }
  }
}
