// BaseDepthwiseConv: each input channel convolved with its own depthMultiplier filters, behind
// DepthwiseConv1D and DepthwiseConv2D. depthwise_kernel [...kernelSize, inputChannels,
// depthMultiplier], bias [inputChannels · depthMultiplier]; output channel c·dm + m comes from
// input channel c and filter m (TF's order).
import type { Tensor } from '../../runtime/tf.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { ConstraintIdentifier } from '../../constraints/get-constraint.js';
import type { RegularizerIdentifier } from '../../regularizers/get-regularizer.js';
import type { Weight } from '../../engine/weight.js';
import type { OptionalSerialized } from '../../saving/optional.js';
import type { JsonObject, SerializedObject } from '../../saving/serialization.js';
import { convOutputLength, positiveInteger } from './conv-args.js';
import { depthwiseConvolve } from './conv-ops.js';
import { SpatialConv, type SpatialConvArgs, type SpatialConvConfig } from './spatial-conv.js';
import { serializeSlot, weightSlot, type WeightSlot } from './weight-slot.js';

export type DepthwiseConvArgs = SpatialConvArgs & {
  /** Filters per input channel (default 1). */
  depthMultiplier?: number;
  depthwiseInitializer?: InitializerIdentifier;
  depthwiseRegularizer?: RegularizerIdentifier | null;
  depthwiseConstraint?: ConstraintIdentifier | null;
};

export type DepthwiseConvConfig = SpatialConvConfig & {
  depthMultiplier: number;
  depthwiseInitializer: SerializedObject;
  depthwiseRegularizer: OptionalSerialized;
  depthwiseConstraint: OptionalSerialized;
};

export abstract class BaseDepthwiseConv extends SpatialConv {
  readonly depthMultiplier: number;
  protected readonly depthwiseSlot: WeightSlot;
  depthwiseKernel: Weight | null = null;

  constructor(args: DepthwiseConvArgs, rank: number) {
    super(args, rank, rank === 1);
    this.depthMultiplier = positiveInteger(args.depthMultiplier ?? 1, 'depthMultiplier', this.where);
    this.depthwiseSlot = weightSlot(args.depthwiseInitializer, 'glorotUniform', args.depthwiseRegularizer, args.depthwiseConstraint);
  }

  protected outputChannels(inputChannels: number | null): number | null {
    return inputChannels === null ? null : inputChannels * this.depthMultiplier;
  }

  protected outputLength(n: number | null, axis: number): number | null {
    return convOutputLength(n, this.kernelSize[axis], this.padding, this.strides[axis], this.dilationRate[axis]);
  }

  protected buildKernels(inputChannels: number): void {
    this.depthwiseKernel = this.addWeight({
      name: 'depthwise_kernel',
      shape: [...this.kernelSize, inputChannels, this.depthMultiplier],
      ...this.depthwiseSlot,
    });
  }

  protected convolve(x: Tensor): Tensor {
    return depthwiseConvolve(x, this.depthwiseKernel!.read(), this.spec);
  }

  override getConfig(): JsonObject {
    const depthwise = serializeSlot(this.depthwiseSlot);
    const config: DepthwiseConvConfig = {
      ...(super.getConfig() as SpatialConvConfig),
      depthMultiplier: this.depthMultiplier,
      depthwiseInitializer: depthwise.initializer,
      depthwiseRegularizer: depthwise.regularizer,
      depthwiseConstraint: depthwise.constraint,
    };
    return config;
  }
}
