// BaseConv: the rank-generic convolution behind Conv1D, Conv2D and Conv3D.
// kernel [...kernelSize, inputChannels / groups, filters], bias [filters] (Keras' layout).
import { ValueError } from '../../errors.js';
import type { Tensor } from '../../runtime/tf.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { ConstraintIdentifier } from '../../constraints/get-constraint.js';
import type { RegularizerIdentifier } from '../../regularizers/get-regularizer.js';
import type { Weight } from '../../engine/weight.js';
import type { OptionalSerialized } from '../../saving/optional.js';
import type { JsonObject, SerializedObject } from '../../saving/serialization.js';
import { convOutputLength, positiveInteger } from './conv-args.js';
import { convolve } from './conv-ops.js';
import { SpatialConv, type SpatialConvArgs, type SpatialConvConfig } from './spatial-conv.js';
import { serializeSlot, weightSlot, type WeightSlot } from './weight-slot.js';

export type ConvArgs = SpatialConvArgs & {
  /** Number of output channels. */
  filters: number;
  /** Channel groups convolved separately (Keras 3); inputs and filters must divide by it. */
  groups?: number;
  kernelInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
};

export type ConvConfig = SpatialConvConfig & {
  filters: number;
  groups: number;
  kernelInitializer: SerializedObject;
  kernelRegularizer: OptionalSerialized;
  kernelConstraint: OptionalSerialized;
};

export abstract class BaseConv extends SpatialConv {
  readonly filters: number;
  readonly groups: number;
  protected readonly kernelSlot: WeightSlot;
  kernel: Weight | null = null;

  constructor(args: ConvArgs, rank: number) {
    super(args, rank, rank === 1);
    this.filters = positiveInteger(args.filters, 'filters', this.where);
    this.groups = positiveInteger(args.groups ?? 1, 'groups', this.where);
    if (this.filters % this.groups !== 0) {
      throw new ValueError(`${this.where}: filters must be divisible by groups, found filters ${this.filters} and groups ${this.groups}.`);
    }
    this.kernelSlot = weightSlot(args.kernelInitializer, 'glorotUniform', args.kernelRegularizer, args.kernelConstraint);
  }

  protected outputChannels(): number {
    return this.filters;
  }

  protected outputLength(n: number | null, axis: number): number | null {
    return convOutputLength(n, this.kernelSize[axis], this.padding, this.strides[axis], this.dilationRate[axis]);
  }

  protected buildKernels(inputChannels: number): void {
    if (inputChannels % this.groups !== 0) {
      throw new ValueError(
        `${this.where}: the input channels must be divisible by groups, found ${inputChannels} channels and groups ${this.groups}.`,
      );
    }
    this.kernel = this.addWeight({
      name: 'kernel',
      shape: [...this.kernelSize, inputChannels / this.groups, this.filters],
      ...this.kernelSlot,
    });
  }

  protected convolve(x: Tensor): Tensor {
    return convolve(x, this.kernel!.read(), this.spec, this.groups);
  }

  override getConfig(): JsonObject {
    const kernel = serializeSlot(this.kernelSlot);
    const config: ConvConfig = {
      ...(super.getConfig() as SpatialConvConfig),
      filters: this.filters,
      groups: this.groups,
      kernelInitializer: kernel.initializer,
      kernelRegularizer: kernel.regularizer,
      kernelConstraint: kernel.constraint,
    };
    return config;
  }
}
