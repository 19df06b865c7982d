// BaseConvTranspose: the rank-generic transposed convolution ("deconvolution") behind
// Conv1DTranspose, Conv2DTranspose and Conv3DTranspose: the input-gradient of a convolution,
// mapping each input position to a window of the (larger) output.
// kernel [...kernelSize, filters, inputChannels] (Keras' layout: output channels first), bias [filters].
import { ValueError } from '../../errors.js';
import type { Tensor } from '../../runtime/tf.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { ConstraintIdentifier } from '../../constraints/get-constraint.js';
import type { RegularizerIdentifier } from '../../regularizers/get-regularizer.js';
import type { Weight } from '../../engine/weight.js';
import type { OptionalSerialized } from '../../saving/optional.js';
import type { JsonObject, SerializedObject } from '../../saving/serialization.js';
import { convOutputLength, normalizeTuple, positiveInteger, transposeOutputLength } from './conv-args.js';
import { convolveTranspose } from './conv-ops.js';
import { SpatialConv, type SpatialConvArgs, type SpatialConvConfig } from './spatial-conv.js';
import { serializeSlot, weightSlot, type WeightSlot } from './weight-slot.js';

export type ConvTransposeArgs = SpatialConvArgs & {
  filters: number;
  /**
   * Extra rows/cols added on the far side of the output, each < its stride; picks one of the
   * output sizes that map back to the input size. Default: none (Keras' default output size).
   */
  outputPadding?: number | number[] | null;
  kernelInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
};

export type ConvTransposeConfig = SpatialConvConfig & {
  filters: number;
  outputPadding: number[] | null;
  kernelInitializer: SerializedObject;
  kernelRegularizer: OptionalSerialized;
  kernelConstraint: OptionalSerialized;
};

export abstract class BaseConvTranspose extends SpatialConv {
  readonly filters: number;
  readonly outputPadding: number[] | null;
  protected readonly kernelSlot: WeightSlot;
  kernel: Weight | null = null;

  constructor(args: ConvTransposeArgs, rank: number) {
    super(args, rank, false);
    const where = this.where;
    this.filters = positiveInteger(args.filters, 'filters', where);
    const outputPadding = args.outputPadding ?? null;
    this.outputPadding = outputPadding === null ? null : normalizeTuple(outputPadding, rank, 'outputPadding', where, true);
    this.outputPadding?.forEach((p, i) => {
      if (p >= this.strides[i]) {
        throw new ValueError(
          `${where}: outputPadding must be smaller than strides on every axis, found outputPadding [${this.outputPadding}] and strides [${this.strides}].`,
        );
      }
    });
    this.kernelSlot = weightSlot(args.kernelInitializer, 'glorotUniform', args.kernelRegularizer, args.kernelConstraint);
  }

  protected outputChannels(): number {
    return this.filters;
  }

  protected outputLength(n: number | null, axis: number): number | null {
    const [k, s, d] = [this.kernelSize[axis], this.strides[axis], this.dilationRate[axis]];
    const length = transposeOutputLength(n, k, this.padding, s, d, this.outputPadding?.[axis] ?? null);
    // With outputPadding and an even kernel under 'same', Keras' size may not convolve back to
    // the input size, and no transposed convolution produces it.
    if (n !== null && length !== null && length >= 1 && convOutputLength(length, k, this.padding, s, d) !== n) {
      throw new ValueError(
        `${this.where}: outputPadding [${this.outputPadding}] gives an output length ${length} on spatial axis ${axis}, ` +
          `which does not convolve back to the input length ${n} (kernel ${k}, stride ${s}, padding '${this.padding}').`,
      );
    }
    return length;
  }

  protected buildKernels(inputChannels: number): void {
    this.kernel = this.addWeight({ name: 'kernel', shape: [...this.kernelSize, this.filters, inputChannels], ...this.kernelSlot });
  }

  protected convolve(x: Tensor): Tensor {
    const outSpatial = x.shape.slice(1, -1).map((n, axis) => this.outputLength(n, axis)!);
    return convolveTranspose(x, this.kernel!.read(), outSpatial, this.spec);
  }

  override getConfig(): JsonObject {
    const kernel = serializeSlot(this.kernelSlot);
    const config: ConvTransposeConfig = {
      ...(super.getConfig() as SpatialConvConfig),
      filters: this.filters,
      outputPadding: this.outputPadding,
      kernelInitializer: kernel.initializer,
      kernelRegularizer: kernel.regularizer,
      kernelConstraint: kernel.constraint,
    };
    return config;
  }
}
