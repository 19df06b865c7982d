// BaseSeparableConv: a depthwise convolution (each channel on its own, depthMultiplier filters
// each) followed by a pointwise (1×…×1) convolution that mixes channels, behind SeparableConv1D
// and SeparableConv2D. Weights in Keras' order: depthwise_kernel [...kernelSize, cin, dm],
// pointwise_kernel [1, …, 1, cin · dm, filters], bias [filters].
import type { Tensor } from '../../runtime/tf.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { ConstraintIdentifier } from '../../constraints/get-constraint.js';
import type { RegularizerIdentifier } from '../../regularizers/get-regularizer.js';
import type { Weight } from '../../engine/weight.js';
import type { OptionalSerialized } from '../../saving/optional.js';
import type { JsonObject, SerializedObject } from '../../saving/serialization.js';
import { convOutputLength, positiveInteger } from './conv-args.js';
import { convolve, depthwiseConvolve } from './conv-ops.js';
import { SpatialConv, type SpatialConvArgs, type SpatialConvConfig } from './spatial-conv.js';
import { serializeSlot, weightSlot, type WeightSlot } from './weight-slot.js';

export type SeparableConvArgs = SpatialConvArgs & {
  filters: number;
  depthMultiplier?: number;
  depthwiseInitializer?: InitializerIdentifier;
  pointwiseInitializer?: InitializerIdentifier;
  depthwiseRegularizer?: RegularizerIdentifier | null;
  pointwiseRegularizer?: RegularizerIdentifier | null;
  depthwiseConstraint?: ConstraintIdentifier | null;
  pointwiseConstraint?: ConstraintIdentifier | null;
};

export type SeparableConvConfig = SpatialConvConfig & {
  filters: number;
  depthMultiplier: number;
  depthwiseInitializer: SerializedObject;
  pointwiseInitializer: SerializedObject;
  depthwiseRegularizer: OptionalSerialized;
  pointwiseRegularizer: OptionalSerialized;
  depthwiseConstraint: OptionalSerialized;
  pointwiseConstraint: OptionalSerialized;
};

export abstract class BaseSeparableConv extends SpatialConv {
  readonly filters: number;
  readonly depthMultiplier: number;
  protected readonly depthwiseSlot: WeightSlot;
  protected readonly pointwiseSlot: WeightSlot;
  depthwiseKernel: Weight | null = null;
  pointwiseKernel: Weight | null = null;

  constructor(args: SeparableConvArgs, rank: number) {
    super(args, rank, rank === 1);
    this.filters = positiveInteger(args.filters, 'filters', this.where);
    this.depthMultiplier = positiveInteger(args.depthMultiplier ?? 1, 'depthMultiplier', this.where);
    this.depthwiseSlot = weightSlot(args.depthwiseInitializer, 'glorotUniform', args.depthwiseRegularizer, args.depthwiseConstraint);
    this.pointwiseSlot = weightSlot(args.pointwiseInitializer, 'glorotUniform', args.pointwiseRegularizer, args.pointwiseConstraint);
  }

  protected outputChannels(): number {
    return this.filters;
  }

  protected outputLength(n: number | null, axis: number): number | null {
    return convOutputLength(n, this.kernelSize[axis], this.padding, this.strides[axis], this.dilationRate[axis]);
  }

  protected buildKernels(inputChannels: number): void {
    const dm = this.depthMultiplier;
    this.depthwiseKernel = this.addWeight({ name: 'depthwise_kernel', shape: [...this.kernelSize, inputChannels, dm], ...this.depthwiseSlot });
    const ones = this.kernelSize.map(() => 1);
    this.pointwiseKernel = this.addWeight({ name: 'pointwise_kernel', shape: [...ones, inputChannels * dm, this.filters], ...this.pointwiseSlot });
  }

  protected convolve(x: Tensor): Tensor {
    const depthwise = depthwiseConvolve(x, this.depthwiseKernel!.read(), this.spec);
    const unit = this.kernelSize.map(() => 1);
    return convolve(depthwise, this.pointwiseKernel!.read(), { strides: unit, padding: 'valid', dilation: unit });
  }

  override getConfig(): JsonObject {
    const depthwise = serializeSlot(this.depthwiseSlot);
    const pointwise = serializeSlot(this.pointwiseSlot);
    const config: SeparableConvConfig = {
      ...(super.getConfig() as SpatialConvConfig),
      filters: this.filters,
      depthMultiplier: this.depthMultiplier,
      depthwiseInitializer: depthwise.initializer,
      pointwiseInitializer: pointwise.initializer,
      depthwiseRegularizer: depthwise.regularizer,
      pointwiseRegularizer: pointwise.regularizer,
      depthwiseConstraint: depthwise.constraint,
      pointwiseConstraint: pointwise.constraint,
    };
    return config;
  }
}
