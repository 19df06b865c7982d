// MultiHeadAttention (Keras 3): query, key and value are projected to numHeads heads
// ([dim, heads, keyDim] kernels named query/key/value, biases [heads, keyDim]), attention runs
// per head over `attentionAxes` (default: every axis between the batch and the features), and
// the heads are projected back by attention_output ([heads, valueDim, ...outputShape]).
//
// Inputs: a tensor (self-attention; its incoming mask is the query and value mask), or
// [query, value], [query, value, key], [query, value, key, attentionMask]; the attention mask
// ([B, Tq, Tv], true = may attend) is an input so it can come from the model graph (to give
// one without a separate key, pass the value twice). `useCausalMask` adds the lower-triangular
// mask. `returnAttentionScores: true` outputs [output, scores] with scores [B, heads, Tq, Tv].
// `attend({...})` runs it eagerly with every mask Keras' call takes and returns both.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError, formatShape } from '../../errors.js';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs, type LayerOutputs } from '../../engine/layer.js';
import type { Weight } from '../../engine/weight.js';
import type { Constraint } from '../../constraints/constraint.js';
import type { Regularizer } from '../../regularizers/regularizer.js';
import { getRegularizer, type RegularizerIdentifier } from '../../regularizers/get-regularizer.js';
import { getConstraint, type ConstraintIdentifier } from '../../constraints/get-constraint.js';
import { serializeOptional, type OptionalSerialized } from '../../saving/optional.js';
import { serialize, type JsonObject, type SerializedObject } from '../../saving/serialization.js';
import { SeededDropout, andMasks, attentionParts, causalMask, checkDropoutRate, checkRankAndFeatures, checkSeed } from './attention-support.js';
import { AttentionLayout, dotProductAttention, project } from './multi-head-attention-ops.js';

export type MultiHeadAttentionArgs = LayerArgs & {
  numHeads: number;
  /** Size of each head for query and key. */
  keyDim: number;
  /** Size of each head for value (default keyDim). */
  valueDim?: number | null;
  dropout?: number;
  useBias?: boolean;
  /** Output sizes besides batch and query steps (default: the query's last axis). */
  outputShape?: number | number[] | null;
  /** Axes of the query attention runs over (default: all but batch and features). */
  attentionAxes?: number | number[] | null;
  kernelInitializer?: InitializerIdentifier;
  biasInitializer?: InitializerIdentifier;
  kernelRegularizer?: RegularizerIdentifier | null;
  biasRegularizer?: RegularizerIdentifier | null;
  kernelConstraint?: ConstraintIdentifier | null;
  biasConstraint?: ConstraintIdentifier | null;
  seed?: number | null;
  useCausalMask?: boolean;
  returnAttentionScores?: boolean;
};

export type MultiHeadAttentionConfig = LayerConfig & {
  numHeads: number;
  keyDim: number;
  valueDim: number;
  dropout: number;
  useBias: boolean;
  outputShape: number[] | null;
  attentionAxes: number[] | null;
  kernelInitializer: SerializedObject;
  biasInitializer: SerializedObject;
  kernelRegularizer: OptionalSerialized;
  biasRegularizer: OptionalSerialized;
  kernelConstraint: OptionalSerialized;
  biasConstraint: OptionalSerialized;
  seed: number | null;
  /** Strata-only (Keras call arguments): written only when true. */
  useCausalMask?: boolean;
  returnAttentionScores?: boolean;
};

export type MultiHeadAttendArgs = {
  query: Tensor;
  value?: Tensor;
  key?: Tensor;
  /** Broadcastable to [B, Tq, Tv]; true where a query position may attend to a key position. */
  attentionMask?: Tensor | null;
  queryMask?: Tensor | null;
  valueMask?: Tensor | null;
  keyMask?: Tensor | null;
  training?: boolean;
  useCausalMask?: boolean;
};

type Projection = { kernel: Weight; bias: Weight | null };
type Shapes = { query: Shape; value: Shape; key: Shape };

export class MultiHeadAttention extends Layer {
  static override readonly className = 'MultiHeadAttention';
  readonly numHeads: number;
  readonly keyDim: number;
  readonly valueDim: number;
  readonly dropout: number;
  readonly useBias: boolean;
  readonly outputShape: number[] | null;
  readonly attentionAxes: number[] | null;
  readonly seed: number | null;
  readonly useCausalMask: boolean;
  readonly returnAttentionScores: boolean;
  private readonly kernelInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private readonly kernelRegularizer: Regularizer | null;
  private readonly biasRegularizer: Regularizer | null;
  private readonly kernelConstraint: Constraint | null;
  private readonly biasConstraint: Constraint | null;
  private readonly dropoutLayer: SeededDropout;
  private projections: { query: Projection; key: Projection; value: Projection; output: Projection } | null = null;

  constructor(args: MultiHeadAttentionArgs) {
    super(args);
    const where = `MultiHeadAttention '${this.name}'`;
    const positive = (key: 'numHeads' | 'keyDim' | 'valueDim', value: unknown): number => {
      if (!Number.isInteger(value) || (value as number) <= 0) throw new ValueError(`${where}: ${key} must be a positive integer, found ${JSON.stringify(value)}.`);
      return value as number;
    };
    this.numHeads = positive('numHeads', args.numHeads);
    this.keyDim = positive('keyDim', args.keyDim);
    this.valueDim = args.valueDim === undefined || args.valueDim === null ? this.keyDim : positive('valueDim', args.valueDim);
    this.dropout = checkDropoutRate(args.dropout ?? 0, where);
    this.useBias = args.useBias ?? true;
    this.outputShape = intList(args.outputShape, 'outputShape', where, (d) => d > 0);
    this.attentionAxes = intList(args.attentionAxes, 'attentionAxes', where, () => true);
    this.seed = checkSeed(args.seed, where);
    this.useCausalMask = args.useCausalMask ?? false;
    this.returnAttentionScores = args.returnAttentionScores ?? false;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? 'glorotUniform');
    this.biasInitializer = getInitializer(args.biasInitializer ?? 'zeros');
    this.kernelRegularizer = getRegularizer(args.kernelRegularizer);
    this.biasRegularizer = getRegularizer(args.biasRegularizer);
    this.kernelConstraint = getConstraint(args.kernelConstraint);
    this.biasConstraint = getConstraint(args.biasConstraint);
    this.dropoutLayer = new SeededDropout(this.dropout, this.seed);
    this.supportsMasking = true;
  }

  override build(inputShape: Shape | Shape[]): void {
    const { query, value, key } = this.checkShapes(inputShape);
    const last = (s: Shape) => s[s.length - 1] as number;
    const dense = (name: string, kernelShape: number[], biasShape: number[]): Projection => ({
      kernel: this.addWeight({
        name: `${name}/kernel`,
        shape: kernelShape,
        initializer: this.kernelInitializer,
        regularizer: this.kernelRegularizer,
        constraint: this.kernelConstraint,
      }),
      bias: this.useBias
        ? this.addWeight({ name: `${name}/bias`, shape: biasShape, initializer: this.biasInitializer, regularizer: this.biasRegularizer, constraint: this.biasConstraint })
        : null,
    });
    const heads = this.numHeads;
    const out = this.outputShape ?? [last(query)];
    this.projections = {
      query: dense('query', [last(query), heads, this.keyDim], [heads, this.keyDim]),
      key: dense('key', [last(key), heads, this.keyDim], [heads, this.keyDim]),
      value: dense('value', [last(value), heads, this.valueDim], [heads, this.valueDim]),
      output: dense('attention_output', [heads, this.valueDim, ...out], out),
    };
    this.built = true;
  }

  call(inputs: LayerInputs, options: CallOptions = {}): LayerOutputs {
    const parts = attentionParts(inputs, this.where(), true);
    const mask = parts.selfAttention ? options.mask ?? null : null;
    const { output, scores } = this.compute(
      { query: parts.query, value: parts.value, key: parts.key, attentionMask: parts.attentionMask, queryMask: mask, valueMask: mask },
      options.training ?? false,
    );
    return this.returnAttentionScores ? [output, scores] : output;
  }

  /** Runs the layer with explicit masks; returns the output and the scores [B, heads, Tq, Tv]. */
  attend(args: MultiHeadAttendArgs): { output: Tensor; scores: Tensor } {
    const value = args.value ?? args.query;
    const key = args.key ?? value;
    if (!this.built) this.build([args.query.shape, value.shape, key.shape]);
    return tf.tidy(() => this.compute({ ...args, value, key }, args.training ?? false));
  }

  private compute(args: MultiHeadAttendArgs & { value: Tensor; key: Tensor }, training: boolean): { output: Tensor; scores: Tensor } {
    const { query, value, key } = args;
    const layout = this.layout(this.checkShapes([query.shape, value.shape, key.shape]).query.length);
    const p = this.projections!;
    const read = (w: Weight | null) => (w ? w.read() : null);
    const q = project(query, p.query.kernel.read(), read(p.query.bias), 1);
    const k = project(key, p.key.kernel.read(), read(p.key.bias), 1);
    const v = project(value, p.value.kernel.read(), read(p.value.bias), 1);
    const mask = this.attentionMask(args, layout);
    const dropout = training && this.dropout > 0 ? (w: Tensor) => this.dropoutLayer.apply(w) : null;
    const { output, scores } = dotProductAttention(q, k, v, mask, layout, this.keyDim, dropout);
    return { output: project(output, p.output.kernel.read(), read(p.output.bias), 2), scores };
  }

  /** Keras' _compute_attention_mask: query [B,T,1], value/key [B,1,S], causal [1,T,S], ANDed. */
  private attentionMask(args: MultiHeadAttendArgs & { value: Tensor }, layout: AttentionLayout): Tensor | null {
    const causal = args.useCausalMask ?? this.useCausalMask;
    let causalPart: Tensor | null = null;
    if (causal) {
      if (layout.attention.length !== 1) {
        throw new ValueError(`${this.where()}: useCausalMask needs exactly one attention axis, found ${JSON.stringify(layout.attention)}.`);
      }
      const axis = layout.attention[0];
      causalPart = causalMask(args.query.shape[axis], args.value.shape[axis]);
    }
    return andMasks([
      args.attentionMask,
      args.queryMask ? tf.expandDims(args.queryMask, -1) : null,
      args.valueMask ? tf.expandDims(args.valueMask, -2) : null,
      args.keyMask ? tf.expandDims(args.keyMask, -2) : null,
      causalPart,
    ]);
  }

  /** Attention axes of the projected [B, <dims>, N, H] tensors, for a query of the given rank. */
  private layout(queryRank: number): AttentionLayout {
    const axes = (this.attentionAxes ?? range(1, queryRank - 1)).map((a) => (a < 0 ? a + queryRank : a));
    if (axes.length === 0 || new Set(axes).size !== axes.length || axes.some((a) => a < 1 || a > queryRank - 2)) {
      throw new ValueError(
        `${this.where()}: attentionAxes must be distinct axes between 1 and ${queryRank - 2} (not the batch or the features) of the rank-${queryRank} query, found ${JSON.stringify(this.attentionAxes)}.`,
      );
    }
    return new AttentionLayout(queryRank + 1, axes);
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const { query, key } = this.checkShapes(inputShape);
    const output = [...query.slice(0, -1), ...(this.outputShape ?? [query[query.length - 1]])];
    if (!this.returnAttentionScores) return output;
    const heads = (s: Shape) => [...s.slice(0, -1), this.numHeads, this.keyDim];
    return [output, this.layout(query.length).scoresShape(heads(query), heads(key))];
  }

  /** The query's mask passes on (self-attention only: other masks do not reach the layer). */
  override computeMask(inputs: LayerInputs, mask: Tensor | null): Tensor | null {
    return Array.isArray(inputs) && inputs.length > 1 ? null : mask;
  }

  private checkShapes(inputShape: Shape | Shape[]): Shapes {
    const where = this.where();
    const isList = inputShape.length > 0 && inputShape.every((s) => Array.isArray(s));
    const { query, value, key } = attentionParts<Shape>(inputShape, where, true, isList);
    for (const [role, shape] of [['query', query], ['value', value], ['key', key]] as const) checkRankAndFeatures(shape, 'atLeast3', role, where);
    const fits = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);
    if (!fits(value.slice(1, -1), key.slice(1, -1))) {
      throw new ValueError(`${where}: value and key must match on every axis but the last, found value ${formatShape(value)} and key ${formatShape(key)}.`);
    }
    if (key.length !== query.length) {
      throw new ValueError(`${where}: query and key must have the same rank, found query ${formatShape(query)} and key ${formatShape(key)}.`);
    }
    const layout = this.layout(query.length);
    const batchOnly = (s: Shape) => s.filter((_, i) => i < s.length - 1 && !layout.attention.includes(i));
    if (!fits(batchOnly(query), batchOnly(key))) {
      throw new ValueError(`${where}: query and key must match on the batch and non-attention axes, found query ${formatShape(query)} and key ${formatShape(key)}.`);
    }
    return { query, value, key };
  }

  private where(): string {
    return `MultiHeadAttention '${this.name}'`;
  }

  override getConfig(): JsonObject {
    const config: MultiHeadAttentionConfig = {
      ...(super.getConfig() as LayerConfig),
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      dropout: this.dropout,
      useBias: this.useBias,
      outputShape: this.outputShape,
      attentionAxes: this.attentionAxes,
      kernelInitializer: serialize(this.kernelInitializer),
      biasInitializer: serialize(this.biasInitializer),
      kernelRegularizer: serializeOptional(this.kernelRegularizer),
      biasRegularizer: serializeOptional(this.biasRegularizer),
      kernelConstraint: serializeOptional(this.kernelConstraint),
      biasConstraint: serializeOptional(this.biasConstraint),
      seed: this.seed,
    };
    if (this.useCausalMask) config.useCausalMask = true;
    if (this.returnAttentionScores) config.returnAttentionScores = true;
    return config;
  }

  static fromConfig(config: JsonObject): MultiHeadAttention {
    return new MultiHeadAttention(config as MultiHeadAttentionConfig);
  }
}

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);

/** An int or list of ints (each passing `ok`) as a list, or null. */
function intList(value: unknown, name: string, where: string, ok: (d: number) => boolean): number[] | null {
  if (value === null || value === undefined) return null;
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 0 || !list.every((d) => Number.isInteger(d) && ok(d as number))) {
    throw new ValueError(`${where}: ${name} must be an integer or a non-empty list of integers${name === 'outputShape' ? ' > 0' : ''}, found ${JSON.stringify(value)}.`);
  }
  return [...(list as number[])];
}

export function multiHeadAttention(args: MultiHeadAttentionArgs): MultiHeadAttention {
  return new MultiHeadAttention(args);
}
