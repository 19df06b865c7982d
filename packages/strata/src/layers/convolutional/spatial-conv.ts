// What every convolution layer shares (plain, transposed, depthwise, separable; 1-D to 3-D):
// window arguments, channels-first handled by transposing around the channels-last
// computation, bias, activation, shape inference and the common config fields. Subclasses
// supply the kernels and the channels-last convolution itself.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError, formatShape } from '../../errors.js';
import { getActivation, serializeActivation, type Activation, type ActivationIdentifier } from '../../activations/index.js';
import type { InitializerIdentifier } from '../../initializers/index.js';
import type { ConstraintIdentifier } from '../../constraints/get-constraint.js';
import type { RegularizerIdentifier } from '../../regularizers/get-regularizer.js';
import { InputSpec } from '../../engine/input-spec.js';
import { Layer, singleInput, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { Weight } from '../../engine/weight.js';
import type { OptionalSerialized } from '../../saving/optional.js';
import type { JsonObject, SerializedObject } from '../../saving/serialization.js';
import {
  checkOutputLengths,
  checkStridesAndDilation,
  dataFormatConfig,
  dataFormatOf,
  fromChannelsLastShape,
  normalizePadding,
  normalizeTuple,
  toChannelsLastShape,
  type DataFormat,
  type DataFormatConfig,
  type DataFormatName,
  type Padding,
} from './conv-args.js';
import { toChannelsFirst, toChannelsLast, type ConvSpec } from './conv-ops.js';
import { serializeSlot, weightSlot, type WeightSlot } from './weight-slot.js';
import { fromConfigOf } from './from-config.js';

/** Padding as users may spell it ('valid', 'same', 'causal'; any letter case). */
export type PaddingName = Padding | Uppercase<Padding>;

export type SpatialConvArgs = LayerArgs & {
  kernelSize: number | number[];
  strides?: number | number[];
  padding?: PaddingName;
  dataFormat?: DataFormatName;
  dilationRate?: number | number[];
  activation?: ActivationIdentifier;
  useBias?: boolean;
  biasInitializer?: InitializerIdentifier;
  biasRegularizer?: RegularizerIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
};

export type SpatialConvConfig = LayerConfig & {
  kernelSize: number[];
  strides: number[];
  padding: Padding;
  dataFormat: DataFormatConfig;
  dilationRate: number[];
  activation: string;
  useBias: boolean;
  biasInitializer: SerializedObject;
  biasRegularizer: OptionalSerialized;
  biasConstraint: OptionalSerialized;
};

export abstract class SpatialConv extends Layer {
  /** Rebuilds a layer of the calling class (Conv2D.fromConfig gives a Conv2D) from its config. */
  static fromConfig<T>(this: new (config: never) => T, config: JsonObject): T {
    return fromConfigOf(this, config);
  }

  /** Number of spatial axes: 1, 2 or 3. */
  readonly rank: number;
  readonly kernelSize: number[];
  readonly strides: number[];
  readonly padding: Padding;
  readonly dataFormat: DataFormat;
  readonly dilationRate: number[];
  readonly activation: Activation;
  readonly useBias: boolean;
  protected readonly biasSlot: WeightSlot;
  bias: Weight | null = null;

  constructor(args: SpatialConvArgs, rank: number, allowCausal: boolean) {
    super(args);
    this.rank = rank;
    const where = this.where;
    if (args.kernelSize === undefined) throw new ValueError(`${where}: kernelSize is required.`);
    this.kernelSize = normalizeTuple(args.kernelSize, rank, 'kernelSize', where);
    this.strides = normalizeTuple(args.strides ?? 1, rank, 'strides', where);
    this.dilationRate = normalizeTuple(args.dilationRate ?? 1, rank, 'dilationRate', where);
    checkStridesAndDilation(this.strides, this.dilationRate, where);
    this.padding = normalizePadding(args.padding ?? 'valid', allowCausal, where);
    this.dataFormat = dataFormatOf(args.dataFormat, this.name);
    this.activation = getActivation(args.activation);
    this.useBias = args.useBias ?? true;
    this.biasSlot = weightSlot(args.biasInitializer, 'zeros', args.biasRegularizer, args.biasConstraint);
    this.inputSpec = [new InputSpec({ ndim: rank + 2 })];
  }

  /** "Conv2D 'conv2d_1'": how messages name this layer. */
  protected get where(): string {
    return `${(this.constructor as typeof Layer).className} '${this.name}'`;
  }

  protected get spec(): ConvSpec {
    return { strides: this.strides, padding: this.padding, dilation: this.dilationRate };
  }

  /** Output channels for `inputChannels` input channels (null when unknown). */
  protected abstract outputChannels(inputChannels: number | null): number | null;
  /** Output length along spatial axis `axis` for an input length `n`. */
  protected abstract outputLength(n: number | null, axis: number): number | null;
  /** Creates the kernel weight(s); the base adds the bias after them (Keras' order). */
  protected abstract buildKernels(inputChannels: number): void;
  /** The convolution of a channels-last input, before bias and activation. */
  protected abstract convolve(x: Tensor): Tensor;

  override build(inputShape: Shape): void {
    const channelAxis = this.dataFormat === 'channelsLast' ? inputShape.length - 1 : 1;
    const cin = inputShape[channelAxis];
    if (cin === null || cin === undefined) {
      throw new ValueError(`${this.where}: the channel axis of the input must be known, found shape ${formatShape(inputShape)}.`);
    }
    this.computeOutputShape(inputShape); // rejects inputs too small for the kernel
    this.buildKernels(cin);
    if (this.useBias) {
      this.bias = this.addWeight({ name: 'bias', shape: [this.outputChannels(cin)!], ...this.biasSlot });
    }
    const axis = this.dataFormat === 'channelsLast' ? -1 : 1;
    this.inputSpec = [new InputSpec({ ndim: this.rank + 2, axes: { [axis]: cin } })];
    this.built = true;
  }

  call(inputs: LayerInputs): Tensor {
    let x = singleInput(inputs, this.name);
    if (this.dataFormat === 'channelsFirst') x = toChannelsLast(x);
    let y = this.convolve(x);
    if (this.bias) y = tf.add(y, this.bias.read());
    y = this.activation.apply(y);
    return this.dataFormat === 'channelsFirst' ? toChannelsFirst(y) : y;
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const last = toChannelsLastShape(inputShape, this.dataFormat);
    const spatial = last.slice(1, -1).map((n, axis) => this.outputLength(n, axis));
    checkOutputLengths(spatial, inputShape, this.where);
    const channels = this.outputChannels(last[last.length - 1]);
    return fromChannelsLastShape([last[0], ...spatial, channels], this.dataFormat);
  }

  override getConfig(): JsonObject {
    const bias = serializeSlot(this.biasSlot);
    const config: SpatialConvConfig = {
      ...(super.getConfig() as LayerConfig),
      kernelSize: this.kernelSize,
      strides: this.strides,
      padding: this.padding,
      dataFormat: dataFormatConfig(this.dataFormat),
      dilationRate: this.dilationRate,
      activation: serializeActivation(this.activation),
      useBias: this.useBias,
      biasInitializer: bias.initializer,
      biasRegularizer: bias.regularizer,
      biasConstraint: bias.constraint,
    };
    return config;
  }
}
