// What the normalization layers share: the learned scale `gamma` and offset `beta`, their
// initializers, regularizers and constraints (args, config and weight creation), plus the axis
// checks they all make.
import { ValueError, formatShape } from '../../errors.js';
import { getInitializer, type Initializer, type InitializerIdentifier } from '../../initializers/index.js';
import type { Layer } from '../../engine/layer.js';
import type { Weight } from '../../engine/weight.js';
import type { Constraint } from '../../constraints/constraint.js';
import type { Regularizer } from '../../regularizers/regularizer.js';
import { getConstraint, type ConstraintIdentifier } from '../../constraints/get-constraint.js';
import { getRegularizer, type RegularizerIdentifier } from '../../regularizers/get-regularizer.js';
import { serializeOptional, type OptionalSerialized } from '../../saving/optional.js';
import { serialize, type SerializedObject } from '../../saving/serialization.js';
import type { Shape } from '../../runtime/tf.js';

export type AffineArgs = {
  /** Add the learned offset beta (default true). */
  center?: boolean;
  /** Multiply by the learned scale gamma (default true). */
  scale?: boolean;
  betaInitializer?: InitializerIdentifier;
  gammaInitializer?: InitializerIdentifier;
  betaRegularizer?: RegularizerIdentifier | null;
  gammaRegularizer?: RegularizerIdentifier | null;
  betaConstraint?: ConstraintIdentifier | null;
  gammaConstraint?: ConstraintIdentifier | null;
};

export type AffineConfig = {
  center: boolean;
  scale: boolean;
  betaInitializer: SerializedObject;
  gammaInitializer: SerializedObject;
  betaRegularizer: OptionalSerialized;
  gammaRegularizer: OptionalSerialized;
  betaConstraint: OptionalSerialized;
  gammaConstraint: OptionalSerialized;
};

/** Resolved gamma/beta settings of one layer. */
export class AffineParams {
  readonly center: boolean;
  readonly scale: boolean;
  private readonly betaInitializer: Initializer;
  private readonly gammaInitializer: Initializer;
  private readonly betaRegularizer: Regularizer | null;
  private readonly gammaRegularizer: Regularizer | null;
  private readonly betaConstraint: Constraint | null;
  private readonly gammaConstraint: Constraint | null;

  constructor(args: AffineArgs, where: string) {
    this.center = readBoolean(args.center, 'center', where, true);
    this.scale = readBoolean(args.scale, 'scale', where, true);
    this.betaInitializer = getInitializer(args.betaInitializer ?? 'zeros');
    this.gammaInitializer = getInitializer(args.gammaInitializer ?? 'ones');
    this.betaRegularizer = getRegularizer(args.betaRegularizer);
    this.gammaRegularizer = getRegularizer(args.gammaRegularizer);
    this.betaConstraint = getConstraint(args.betaConstraint);
    this.gammaConstraint = getConstraint(args.gammaConstraint);
  }

  /** Creates gamma then beta (Keras order), each only where enabled. */
  addWeights(layer: Layer, shape: number[], options: { gamma?: boolean; beta?: boolean } = {}): { gamma: Weight | null; beta: Weight | null } {
    const withGamma = options.gamma ?? this.scale;
    const withBeta = options.beta ?? this.center;
    const gamma = withGamma
      ? layer.addWeight({ name: 'gamma', shape, initializer: this.gammaInitializer, regularizer: this.gammaRegularizer, constraint: this.gammaConstraint })
      : null;
    const beta = withBeta
      ? layer.addWeight({ name: 'beta', shape, initializer: this.betaInitializer, regularizer: this.betaRegularizer, constraint: this.betaConstraint })
      : null;
    return { gamma, beta };
  }

  getConfig(): AffineConfig {
    return {
      center: this.center,
      scale: this.scale,
      betaInitializer: serialize(this.betaInitializer),
      gammaInitializer: serialize(this.gammaInitializer),
      betaRegularizer: serializeOptional(this.betaRegularizer),
      gammaRegularizer: serializeOptional(this.gammaRegularizer),
      betaConstraint: serializeOptional(this.betaConstraint),
      gammaConstraint: serializeOptional(this.gammaConstraint),
    };
  }
}

export function readBoolean(value: unknown, name: string, where: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new ValueError(`${where}: argument '${name}' must be true or false, found ${JSON.stringify(value)}.`);
  return value;
}

/** epsilon must be a finite number > 0 (it keeps the inverse square root finite). */
export function readEpsilon(value: unknown, where: string, fallback = 1e-3): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValueError(`${where}: argument 'epsilon' must be a finite number > 0, found ${typeof value === 'number' ? value : JSON.stringify(value)}.`);
  }
  return value;
}

/** An integer axis, or (when `allowList`) a non-empty list of them. Checked against a rank in build. */
export function readAxisArg(value: unknown, where: string, allowList: boolean): number | number[] {
  if (value === undefined || value === null) return -1;
  const isInt = (a: unknown) => typeof a === 'number' && Number.isInteger(a);
  if (isInt(value)) return value as number;
  if (allowList && Array.isArray(value) && value.length > 0 && value.every(isInt)) return [...(value as number[])];
  const expected = allowList ? 'an integer or a non-empty list of integers' : 'an integer';
  throw new ValueError(`${where}: argument 'axis' must be ${expected}, found ${JSON.stringify(value)}.`);
}

/**
 * Resolves axes against the input rank (negative axes count from the end). Axes outside the rank
 * are refused, and so are repeats and (unless allowed) the batch axis 0. Where the layer has
 * weights over those axes (`needKnownSize`), their sizes must be known.
 */
export function resolveAxes(
  axis: number | number[],
  inputShape: Shape,
  where: string,
  options: { allowBatchAxis?: boolean; needKnownSize?: boolean } = {},
): number[] {
  const { allowBatchAxis = false, needKnownSize = true } = options;
  const rank = inputShape.length;
  const lowest = allowBatchAxis ? 0 : 1;
  const list = Array.isArray(axis) ? axis : [axis];
  const resolved = list.map((a) => {
    const r = a < 0 ? a + rank : a;
    if (r < lowest || r >= rank) {
      throw new ValueError(
        `${where}: argument 'axis' ${JSON.stringify(axis)} is out of range for an input of rank ${rank} (shape ${formatShape(inputShape)}); ` +
          `expected axes in [${lowest}, ${rank - 1}] or [${lowest - rank}, -1]${allowBatchAxis ? '' : ' (axis 0 is the batch axis)'}.`,
      );
    }
    if (needKnownSize && inputShape[r] === null) {
      throw new ValueError(`${where}: axis ${a} of the input must have a known size, found shape ${formatShape(inputShape)}.`);
    }
    return r;
  });
  if (new Set(resolved).size !== resolved.length) {
    throw new ValueError(`${where}: argument 'axis' ${JSON.stringify(axis)} names an axis twice (input rank ${rank}).`);
  }
  return resolved;
}

/** [1, ..., size at each axis, ..., 1]: a per-feature vector reshaped to broadcast against the input. */
export function broadcastShape(rank: number, axes: number[], inputShape: readonly (number | null)[]): number[] {
  const shape = new Array<number>(rank).fill(1);
  for (const a of axes) shape[a] = inputShape[a] as number;
  return shape;
}
