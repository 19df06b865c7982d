// What Attention (Luong) and AdditiveAttention (Bahdanau) share, as in Keras 3: scores
// [batch, Tq, Tv] from query and key (the subclass's formula), masked by the value mask and an
// optional causal mask, softmax over Tv, dropout in training, then the weighted sum of value;
// the output is zeroed where the query mask is false.
//
// Inputs: [query, value] or [query, value, key] (key defaults to value), or a single tensor for
// self-attention, whose incoming mask (from Embedding or Masking) is then both the query and the
// value mask. For per-input masks, or the scores next to the output, call `attend(...)`.
// `returnAttentionScores: true` makes the layer output [output, scores] in a model graph.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError, formatShape } from '../../errors.js';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs, type LayerOutputs } from '../../engine/layer.js';
import {
  SeededDropout,
  andMasks,
  attentionParts,
  causalMask,
  checkDropoutRate,
  checkRankAndFeatures,
  checkSeed,
  maskScores,
} from './attention-support.js';

export type DenseAttentionArgs = LayerArgs & {
  /** Fraction of the attention weights dropped in training. */
  dropout?: number;
  seed?: number | null;
  /** Position i attends only to positions j <= i (Keras' call argument `use_causal_mask`). */
  useCausalMask?: boolean;
  /** Output [output, scores] instead of output (Keras' call argument `return_attention_scores`). */
  returnAttentionScores?: boolean;
};

/** Strata-only keys are written only when set, so Keras reads the config unchanged. */
export type DenseAttentionConfig = LayerConfig & {
  dropout: number;
  seed?: number;
  useCausalMask?: boolean;
  returnAttentionScores?: boolean;
};

export type AttendArgs = {
  query: Tensor;
  /** Defaults to the query (self-attention). */
  value?: Tensor;
  /** Defaults to the value. */
  key?: Tensor;
  /** [batch, Tq], true where the query is real: the output is zero elsewhere. */
  queryMask?: Tensor | null;
  /** [batch, Tv], true where the value is real: other positions get no weight. */
  valueMask?: Tensor | null;
  training?: boolean;
  /** Defaults to the layer's useCausalMask. */
  useCausalMask?: boolean;
};

/** The layer's output and the attention weights [batch, Tq, Tv] that produced it. */
export type AttentionResult = { output: Tensor; scores: Tensor };

export abstract class BaseDenseAttention extends Layer {
  readonly dropout: number;
  readonly seed: number | null;
  readonly useCausalMask: boolean;
  readonly returnAttentionScores: boolean;
  private readonly dropoutLayer: SeededDropout;

  constructor(args: DenseAttentionArgs) {
    super(args);
    const where = this.where();
    this.dropout = checkDropoutRate(args.dropout ?? 0, where);
    this.seed = checkSeed(args.seed, where);
    this.useCausalMask = args.useCausalMask ?? false;
    this.returnAttentionScores = args.returnAttentionScores ?? false;
    this.dropoutLayer = new SeededDropout(this.dropout, this.seed);
    this.supportsMasking = true;
  }

  /** Raw scores [batch, Tq, Tv] for query [batch, Tq, d] and key [batch, Tv, d]. */
  protected abstract scores(query: Tensor, key: Tensor): Tensor;

  /** Creates the subclass's weights, once the input shapes are checked. */
  protected abstract buildWeights(queryShape: Shape): void;

  override build(inputShape: Shape | Shape[]): void {
    const { query } = this.checkShapes(inputShape);
    this.buildWeights(query);
    this.built = true;
  }

  call(inputs: LayerInputs, options: CallOptions = {}): LayerOutputs {
    const parts = attentionParts(inputs, this.where(), false);
    const mask = parts.selfAttention ? options.mask ?? null : null;
    const { output, scores } = this.compute(parts.query, parts.value, parts.key, mask, mask, options.training ?? false, this.useCausalMask);
    return this.returnAttentionScores ? [output, scores] : output;
  }

  /** Runs the layer with explicit masks; returns the output and the attention weights. */
  attend(args: AttendArgs): AttentionResult {
    const value = args.value ?? args.query;
    const key = args.key ?? value;
    const shapes: Shape[] = [args.query.shape, value.shape, key.shape];
    this.assertInputCompatible(shapes);
    if (!this.built) this.build(shapes);
    return tf.tidy(() =>
      this.compute(args.query, value, key, args.queryMask ?? null, args.valueMask ?? null, args.training ?? false, args.useCausalMask ?? this.useCausalMask),
    );
  }

  private compute(
    query: Tensor,
    value: Tensor,
    key: Tensor,
    queryMask: Tensor | null,
    valueMask: Tensor | null,
    training: boolean,
    causal: boolean,
  ): AttentionResult {
    this.checkShapes([query.shape, value.shape, key.shape]);
    const raw = this.scores(query, key);
    const [tq, tv] = raw.shape.slice(1) as [number, number];
    const mask = andMasks([valueMask ? tf.expandDims(valueMask, 1) : null, causal ? causalMask(tq, tv) : null]);
    let weights = tf.softmax(maskScores(raw, mask));
    if (training && this.dropout > 0) weights = this.dropoutLayer.apply(weights);
    let output = tf.matMul(weights, value);
    if (queryMask) output = tf.mul(output, tf.cast(tf.expandDims(queryMask, -1), output.dtype));
    return { output, scores: weights };
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const { query, value } = this.checkShapes(inputShape);
    const output = [...query.slice(0, -1), value[value.length - 1]];
    return this.returnAttentionScores ? [output, [query[0], query[1], value[1]]] : output;
  }

  /** The query's mask passes on (self-attention only: other masks do not reach the layer). */
  override computeMask(inputs: LayerInputs, mask: Tensor | null): Tensor | null {
    return Array.isArray(inputs) && inputs.length > 1 ? null : mask;
  }

  /** Checks ranks and sizes: query [B, Tq, d], key [B, Tv, d], value [B, Tv, dv]. */
  protected checkShapes(inputShape: Shape | Shape[]): { query: Shape; value: Shape; key: Shape } {
    const where = this.where();
    const isList = inputShape.length > 0 && inputShape.every((s) => Array.isArray(s));
    const { query, value, key } = attentionParts<Shape>(inputShape, where, false, isList);
    const dq = checkRankAndFeatures(query, 3, 'query', where);
    checkRankAndFeatures(value, 3, 'value', where);
    const dk = checkRankAndFeatures(key, 3, 'key', where);
    if (dq !== dk) {
      throw new ValueError(`${where}: query and key must have the same last axis, found query ${formatShape(query)} and key ${formatShape(key)}.`);
    }
    if (key[1] !== null && value[1] !== null && key[1] !== value[1]) {
      throw new ValueError(`${where}: key and value must have the same number of steps, found key ${formatShape(key)} and value ${formatShape(value)}.`);
    }
    return { query, value, key };
  }

  protected where(): string {
    return `${(this.constructor as typeof Layer).className} '${this.name}'`;
  }

  /** The config keys all dense attention layers share. */
  protected baseAttentionConfig(): DenseAttentionConfig {
    const config: DenseAttentionConfig = { ...(super.getConfig() as LayerConfig), dropout: this.dropout };
    if (this.seed !== null) config.seed = this.seed;
    if (this.useCausalMask) config.useCausalMask = true;
    if (this.returnAttentionScores) config.returnAttentionScores = true;
    return config;
  }
}
