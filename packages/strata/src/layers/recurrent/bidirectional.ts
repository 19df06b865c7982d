// Bidirectional: runs a recurrent layer forward and a copy of it backward over the sequence and
// merges the two outputs (Keras 3). Weights are the forward layer's, then the backward layer's,
// named 'bidirectional/forward_lstm/kernel', ... as tfjs-layers names them.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError } from '../../errors.js';
import { Layer, type CallOptions, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import { deserialize, serialize, type JsonObject, type SerializedObject } from '../../saving/serialization.js';
import { BaseRNN } from './base-rnn.js';
import { buildInScope } from './weight-scope.js';

export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave';
const MERGE_MODES: readonly (MergeMode | null)[] = ['concat', 'sum', 'mul', 'ave', null];

export type BidirectionalArgs = LayerArgs & {
  /** The recurrent layer to run in both directions; it is copied from its config, not reused. */
  layer: BaseRNN;
  /** How the two outputs are combined; null returns both, [forward, backward]. Default 'concat'. */
  mergeMode?: MergeMode | null;
  /** A layer for the backward direction (it must have goBackwards true), instead of a copy. */
  backwardLayer?: BaseRNN;
};

export type BidirectionalConfig = LayerConfig & {
  mergeMode: MergeMode | null;
  layer: SerializedObject;
  backwardLayer?: SerializedObject;
};

export class Bidirectional extends Layer {
  static override readonly className = 'Bidirectional';
  readonly forwardLayer: BaseRNN;
  readonly backwardLayer: BaseRNN;
  readonly mergeMode: MergeMode | null;
  /** The wrapped layer's name; the two copies are 'forward_<name>' and 'backward_<name>'. */
  private readonly baseName: string;
  private readonly customBackward: boolean;

  constructor(args: BidirectionalArgs) {
    const inner = args.layer;
    const where = `Bidirectional${args.name ? ` '${args.name}'` : ''}`;
    if (!(inner instanceof BaseRNN)) {
      throw new ValueError(`${where}: layer must be a recurrent layer (SimpleRNN, LSTM, GRU, RNN, ...), found ${describe(inner)}.`);
    }
    const mergeMode = args.mergeMode === undefined ? 'concat' : args.mergeMode;
    if (!MERGE_MODES.includes(mergeMode)) {
      throw new ValueError(`${where}: mergeMode must be one of 'concat', 'sum', 'mul', 'ave' or null, found ${JSON.stringify(mergeMode)}.`);
    }
    // The input shape may be given on the wrapped layer, as tfjs-layers allows.
    super(args.inputShape || args.batchInputShape || !inner.batchInputShape ? args : { ...args, batchInputShape: inner.batchInputShape });
    this.mergeMode = mergeMode;
    this.baseName = inner.name.replace(/^forward_/, '');
    this.forwardLayer = copyOf(inner, `forward_${this.baseName}`, {});
    this.customBackward = args.backwardLayer !== undefined;
    this.backwardLayer = args.backwardLayer ?? copyOf(inner, `backward_${this.baseName}`, { goBackwards: !inner.goBackwards });
    this.checkPair(where);
    this.subLayers.push(this.forwardLayer, this.backwardLayer);
    this.supportsMasking = true;
    this.inputSpec = inner.inputSpec;
  }

  private checkPair(where: string): void {
    const [f, b] = [this.forwardLayer, this.backwardLayer];
    if (!(b instanceof BaseRNN)) throw new ValueError(`${where}: backwardLayer must be a recurrent layer, found ${describe(b)}.`);
    if (f.goBackwards === b.goBackwards) {
      throw new ValueError(`${where}: the forward and backward layers need different goBackwards values, found ${f.goBackwards} for both.`);
    }
    for (const key of ['stateful', 'returnSequences', 'returnState'] as const) {
      if (f[key] !== b[key]) throw new ValueError(`${where}: the forward and backward layers differ in ${key} (${f[key]} and ${b[key]}).`);
    }
    // Keras 3: with returnSequences, masked timesteps output zeros in both directions.
    f.zeroOutputForMask = f.returnSequences;
    b.zeroOutputForMask = b.returnSequences;
  }

  /** Only the sequence is checked against the spec; initial states are checked by the wrapped layers. */
  protected override assertInputCompatible(shapes: Shape[]): void {
    super.assertInputCompatible(shapes.slice(0, 1));
  }

  get returnSequences(): boolean {
    return this.forwardLayer.returnSequences;
  }
  get returnState(): boolean {
    return this.forwardLayer.returnState;
  }
  get stateful(): boolean {
    return this.forwardLayer.stateful;
  }

  override build(inputShape: Shape | Shape[]): void {
    const sequence = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    buildInScope(this, this.forwardLayer, this.forwardLayer.name, sequence);
    if (!this.backwardLayer.built) buildInScope(this, this.backwardLayer, this.backwardLayer.name, sequence);
    this.built = true;
  }

  call(inputs: LayerInputs, options: CallOptions): Tensor | Tensor[] {
    const [sequence, ...states] = Array.isArray(inputs) ? inputs : [inputs];
    if (states.length % 2 !== 0) {
      throw new ValueError(`Bidirectional '${this.name}': initial states come in two equal halves (forward, backward), found ${states.length}.`);
    }
    const half = states.length / 2;
    const run = (layer: BaseRNN, own: Tensor[]) => {
      const out = layer.apply(own.length > 0 ? [sequence, ...own] : sequence, options);
      return Array.isArray(out) ? out : [out];
    };
    const [y, ...forwardStates] = run(this.forwardLayer, states.slice(0, half));
    const [yBackward, ...backwardStates] = run(this.backwardLayer, states.slice(half));
    // The backward sequence comes out in processing order: flip it back to align the timesteps.
    const yReversed = this.returnSequences ? tf.reverse(yBackward, 1) : yBackward;
    const merged = this.merge(y, yReversed);
    if (!this.returnState) return merged;
    return [...(Array.isArray(merged) ? merged : [merged]), ...forwardStates, ...backwardStates];
  }

  private merge(a: Tensor, b: Tensor): Tensor | Tensor[] {
    switch (this.mergeMode) {
      case 'concat':
        return tf.concat([a, b], -1);
      case 'sum':
        return tf.add(a, b);
      case 'mul':
        return tf.mul(a, b);
      case 'ave':
        return tf.mul(tf.add(a, b), 0.5);
      default:
        return [a, b];
    }
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    const forward = this.forwardLayer.computeOutputShape(inputShape);
    const [output, ...states] = this.returnState ? (forward as Shape[]) : [forward as Shape];
    let outputs: Shape[];
    if (this.mergeMode === 'concat') {
      const last = output[output.length - 1];
      outputs = [[...output.slice(0, -1), last === null ? null : last * 2]];
    } else if (this.mergeMode === null) outputs = [output, output];
    else outputs = [output];
    const all = [...outputs, ...states, ...states];
    return all.length === 1 ? all[0] : all;
  }

  override computeMask(_inputs: LayerInputs, mask: Tensor | null): Tensor | null {
    return this.returnSequences ? mask : null;
  }

  /** Resets both directions' states (stateful layers only). */
  resetStates(states?: Tensor[]): void {
    if (!this.stateful) throw new ValueError(`Bidirectional '${this.name}': resetStates() needs a stateful layer.`);
    const half = states ? states.length / 2 : 0;
    this.forwardLayer.resetStates(states?.slice(0, half));
    this.backwardLayer.resetStates(states?.slice(half));
  }

  override getConfig(): JsonObject {
    // The wrapped layer is written under its own name, as tfjs-layers writes it; Keras 3's
    // 'forward_' prefix is accepted on reading.
    const layer = serialize(this.forwardLayer);
    layer.config = { ...layer.config, name: this.baseName };
    const config: BidirectionalConfig = { ...(super.getConfig() as LayerConfig), mergeMode: this.mergeMode, layer };
    if (this.customBackward) config.backwardLayer = serialize(this.backwardLayer);
    return config;
  }

  static fromConfig(config: JsonObject): Bidirectional {
    const c = config as BidirectionalConfig;
    const layer = deserialize<BaseRNN>(c.layer, 'layer');
    const backwardLayer = c.backwardLayer ? deserialize<BaseRNN>(c.backwardLayer, 'layer') : undefined;
    return new Bidirectional({ ...c, layer, backwardLayer });
  }
}

/** A fresh copy of a recurrent layer from its config, renamed, without an input shape. */
function copyOf(layer: BaseRNN, name: string, overrides: JsonObject): BaseRNN {
  const { className, config } = serialize(layer);
  const { batchInputShape: _dropped, ...rest } = config;
  const copy = deserialize<Layer>({ className, config: { ...rest, ...overrides, name } }, 'layer');
  if (!(copy instanceof BaseRNN)) {
    throw new ValueError(`Bidirectional: rebuilding '${layer.name}' from its config gave a ${copy.getClassName()}, not a recurrent layer.`);
  }
  return copy;
}

function describe(value: unknown): string {
  if (value instanceof Layer) return `${value.getClassName()} '${value.name}'`;
  return JSON.stringify(value) ?? String(value);
}

export function bidirectional(args: BidirectionalArgs): Bidirectional {
  return new Bidirectional(args);
}
