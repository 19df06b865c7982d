// What every optimizer shares (DESIGN §5): the iteration count, the learning rate (fixed or a
// schedule), gradient clipping, decoupled weight decay, slots keyed by variable, state
// save/load and the config. A concrete optimizer declares its slots in `build` and its math in
// `updateStep`. The step itself runs in one `tidy` and reads nothing back to the host.
import { tf, type Tensor } from '../runtime/tf.js';
import { StateError, ValueError, formatShape } from '../errors.js';
import { serialize, type Serializable, type SerializedObject } from '../saving/serialization.js';
import { clipByGlobalNorm, clipByNorm, clipByValue } from './gradient-clipping.js';
import { toLearningRateSchedule, type LearningRate, type LearningRateSchedule } from './schedules/learning-rate-schedule.js';
import { checkNumber, checkOptionalNumber } from './validation.js';

export type BaseOptimizerConfig = {
  /** A number, or a serialized LearningRateSchedule. */
  learningRate?: number | SerializedObject;
  /** Clips each gradient to this L2 norm. At most one of the three clip options may be set. */
  clipnorm?: number | null;
  /** Clips each gradient element into [-clipvalue, clipvalue]. */
  clipvalue?: number | null;
  /** Clips all gradients together to this global L2 norm. */
  globalClipnorm?: number | null;
  /** Decoupled weight decay: `w -= w * weightDecay * lr` before each update. */
  weightDecay?: number | null;
  name?: string;
};

/** Constructor arguments: the optimizer's config, where the learning rate may also be a live schedule. */
export type OptimizerArgs<C extends BaseOptimizerConfig> = Omit<C, 'learningRate'> & {
  learningRate?: LearningRate | SerializedObject;
};

export type GradientPair = { variable: tf.Variable; gradient: Tensor };

/** One kind of slot: its Keras name and the value it starts at (0 unless given). */
export type SlotSpec = { name: string; initialValue?: number };

/**
 * The slots of each variable, grouped as Keras 3 creates them: within a group the slots are
 * created variable by variable (momentum0, velocity0, momentum1, velocity1, ...); groups follow
 * one another. `getWeights` lists state in this order so that it lines up with Keras files.
 */
export type SlotGroups = ReadonlyArray<ReadonlyArray<SlotSpec>>;

/** One entry of optimizer state; `tensor` is the live variable (clone it to keep it past the next step). */
export type OptimizerWeight = { name: string; tensor: Tensor };

/** Turns a variable path into the Keras 3 slot-name prefix ('dense/kernel' → 'dense_kernel'). */
function slotPrefix(path: string): string {
  return path.replace(/[/:]/g, '_');
}

/**
 * A non-trainable variable starting at `init()`, cast to `dtype` here because tf.variable's own
 * cast uses a chained op. Temporaries die in the tidy; the variable keeps its own reference.
 */
function makeStateVariable(init: () => Tensor, dtype: tf.DataType): tf.Variable {
  return tf.tidy(() => {
    const value = init();
    return tf.variable(value.dtype === dtype ? value : tf.cast(value, dtype), false);
  });
}

export abstract class BaseOptimizer implements Serializable {
  static readonly className: string;

  readonly name: string;
  /** Number of applied steps (int32 scalar). */
  readonly iterations: tf.Variable;
  readonly clipnorm: number | null;
  readonly clipvalue: number | null;
  readonly globalClipnorm: number | null;
  readonly weightDecay: number | null;

  private readonly schedule: LearningRateSchedule | null;
  /** Device copy of a fixed learning rate, read by the step; `lrValue` mirrors it on the host. */
  private readonly lrVariable: tf.Variable | null;
  private lrValue: number;
  private readonly slots = new Map<tf.Variable, Map<string, tf.Variable>>();
  /** Optimizer-wide state (Nadam's u_product), listed after the slots as Keras 3 does. */
  private readonly globals: { name: string; variable: tf.Variable }[] = [];
  private disposed = false;

  protected constructor(args: OptimizerArgs<BaseOptimizerConfig>, defaults: { learningRate: number; name: string }) {
    const where = this.getClassName();
    this.name = args.name ?? defaults.name;
    if (typeof this.name !== 'string') throw new ValueError(`${where}: \`name\` must be a string, found ${JSON.stringify(this.name)}.`);
    this.clipnorm = checkOptionalNumber(where, 'clipnorm', args.clipnorm, { min: 0, minExclusive: true });
    this.clipvalue = checkOptionalNumber(where, 'clipvalue', args.clipvalue, { min: 0, minExclusive: true });
    this.globalClipnorm = checkOptionalNumber(where, 'globalClipnorm', args.globalClipnorm, { min: 0, minExclusive: true });
    const clipCount = [this.clipnorm, this.clipvalue, this.globalClipnorm].filter((c) => c !== null).length;
    if (clipCount > 1) {
      throw new ValueError(
        `${where}: only one of \`clipnorm\`, \`clipvalue\` and \`globalClipnorm\` can be set, found ` +
          `clipnorm=${this.clipnorm}, clipvalue=${this.clipvalue}, globalClipnorm=${this.globalClipnorm}.`,
      );
    }
    this.weightDecay = checkOptionalNumber(where, 'weightDecay', args.weightDecay, { min: 0 });

    const lr = args.learningRate ?? defaults.learningRate;
    if (typeof lr === 'number') {
      this.schedule = null;
      this.lrValue = checkNumber(where, 'learningRate', lr, { min: 0 });
      this.lrVariable = makeStateVariable(() => tf.scalar(this.lrValue, 'float32'), 'float32');
    } else {
      this.schedule = toLearningRateSchedule(where, lr);
      this.lrValue = Number.NaN;
      this.lrVariable = null;
    }
    this.iterations = makeStateVariable(() => tf.scalar(0, 'int32'), 'int32');
  }

  getClassName(): string {
    return (this.constructor as typeof BaseOptimizer).className;
  }

  /**
   * The learning rate. With a schedule (see `learningRateSchedule`) this is the schedule's value
   * at the current iteration, evaluated on each read (a host read; not for the hot path), and it
   * cannot be set.
   */
  get learningRate(): number {
    this.assertUsable();
    if (this.schedule === null) return this.lrValue;
    const value = tf.tidy(() => this.currentLearningRate());
    const result = value.dataSync()[0];
    value.dispose();
    return result;
  }

  set learningRate(value: number) {
    this.assertUsable();
    if (this.lrVariable === null) {
      throw new StateError(
        `${this.getClassName()}: the learning rate is a ${this.schedule!.getClassName()} schedule and cannot be set; ` +
          'create the optimizer with a number as `learningRate` to change it during training.',
      );
    }
    this.lrValue = checkNumber(this.getClassName(), 'learningRate', value, { min: 0 });
    tf.tidy(() => this.lrVariable!.assign(tf.scalar(this.lrValue, 'float32')));
  }

  /** The schedule that drives the learning rate, or null when it is a fixed number. */
  get learningRateSchedule(): LearningRateSchedule | null {
    return this.schedule;
  }

  /** Applies one update. Pairs are keyed by variable object, never by list position. */
  applyGradients(pairs: ReadonlyArray<GradientPair>): void {
    this.assertUsable();
    if (pairs.length === 0) return;
    const variables = pairs.map((p) => p.variable);
    this.checkDistinct(variables, 'applyGradients');
    for (const { variable, gradient } of pairs) {
      if (!tf.util.arraysEqual(gradient.shape, variable.shape)) {
        throw new ValueError(
          `${this.getClassName()}.applyGradients: the gradient for variable '${variable.name}' has shape ` +
            `${formatShape(gradient.shape)}, expected the variable's shape ${formatShape(variable.shape)}.`,
        );
      }
    }
    this.ensureBuilt(variables);
    tf.tidy(() => {
      const learningRate = this.currentLearningRate();
      const gradients = this.clipGradients(
        pairs.map(({ variable, gradient }) => (gradient.dtype === variable.dtype ? gradient : tf.cast(gradient, variable.dtype))),
      );
      if (this.weightDecay !== null) {
        const decay = tf.mul(learningRate, this.weightDecay);
        for (const variable of variables) variable.assign(tf.sub(variable, tf.mul(variable, decay)));
      }
      const stepSize = this.stepSize(learningRate);
      variables.forEach((variable, i) => this.updateStep(gradients[i], variable, stepSize));
      this.iterations.assign(tf.add(this.iterations, tf.scalar(1, 'int32')));
    });
  }

  /** The slots every variable gets, in Keras 3's creation order (see SlotGroups). */
  protected abstract slotGroups(): SlotGroups;

  /**
   * The scalar step size `updateStep` receives, computed once per step (not once per variable).
   * Default: the learning rate. Adam folds its bias correction in here.
   */
  protected stepSize(learningRate: Tensor): Tensor {
    return learningRate;
  }

  /** Updates `variable` (and its slots) from its processed gradient; runs inside the step's tidy. */
  protected abstract updateStep(gradient: Tensor, variable: tf.Variable, stepSize: Tensor): void;

  /** Creates one slot of `variable`, filled with `initialValue`. */
  private addSlot(variable: tf.Variable, slots: Map<string, tf.Variable>, spec: SlotSpec): void {
    if (slots.has(spec.name)) {
      throw new ValueError(`${this.getClassName()}: variable '${variable.name}' already has a slot '${spec.name}'.`);
    }
    const value = spec.initialValue ?? 0;
    slots.set(spec.name, makeStateVariable(() => tf.fill(variable.shape, value, variable.dtype), variable.dtype));
  }

  /**
   * Creates optimizer-wide state (not tied to a variable), saved under `name` after the slots.
   * Call it from the constructor.
   */
  protected addOptimizerVariable(name: string, initialValue: number): tf.Variable {
    if (this.globals.some((g) => g.name === name)) {
      throw new ValueError(`${this.getClassName()}: optimizer variable '${name}' is defined twice.`);
    }
    const variable = makeStateVariable(() => tf.scalar(initialValue, 'float32'), 'float32');
    this.globals.push({ name, variable });
    return variable;
  }

  getSlot(variable: tf.Variable, slotName: string): tf.Variable {
    const slot = this.slots.get(variable)?.get(slotName);
    if (slot === undefined) {
      const known = [...(this.slots.get(variable)?.keys() ?? [])];
      throw new ValueError(
        `${this.getClassName()}: variable '${variable.name}' has no slot '${slotName}'. ` +
          (this.slots.has(variable) ? `Its slots: ${known.join(', ') || '(none)'}.` : 'The optimizer has not seen this variable.'),
      );
    }
    return slot;
  }

  /**
   * Optimizer state for saving/resuming, in Keras 3's order: 'iteration', 'learning_rate' (when
   * it is a fixed number; a schedule is config, not state), the slots group by group (see
   * SlotGroups: '<path>_momentum', '<path>_velocity' per variable, ...), then optimizer-wide
   * state. `paths` gives the variables' Keras paths ('dense/kernel'); without it the tfjs
   * variable names are used. Slots are created for unseen variables, so the list is complete
   * even before the first step.
   */
  getWeights(variables: readonly tf.Variable[], paths?: readonly string[]): OptimizerWeight[] {
    this.assertUsable();
    this.checkDistinct(variables, 'getWeights');
    if (paths !== undefined && paths.length !== variables.length) {
      throw new ValueError(
        `${this.getClassName()}.getWeights: expected one path per variable (${variables.length}), found ${paths.length}.`,
      );
    }
    this.ensureBuilt(variables);
    const weights: OptimizerWeight[] = [{ name: 'iteration', tensor: this.iterations }];
    if (this.lrVariable !== null) weights.push({ name: 'learning_rate', tensor: this.lrVariable });
    for (const group of this.slotGroups()) {
      variables.forEach((variable, i) => {
        const slots = this.slots.get(variable)!;
        for (const { name } of group) {
          weights.push({ name: `${slotPrefix(paths?.[i] ?? variable.name)}_${name}`, tensor: slots.get(name)! });
        }
      });
    }
    for (const { name, variable } of this.globals) weights.push({ name, tensor: variable });
    return weights;
  }

  /** Restores state saved by `getWeights` with the same variables in the same order. All or nothing. */
  setWeights(variables: readonly tf.Variable[], weights: readonly Tensor[], paths?: readonly string[]): void {
    const targets = this.getWeights(variables, paths);
    const where = `${this.getClassName()}.setWeights`;
    if (weights.length !== targets.length) {
      throw new ValueError(
        `${where}: expected ${targets.length} tensors (${targets.map((t) => t.name).join(', ')}), found ${weights.length}.`,
      );
    }
    targets.forEach((target, i) => {
      if (!tf.util.arraysEqual(weights[i].shape, target.tensor.shape)) {
        throw new ValueError(
          `${where}: weight '${target.name}' has shape ${formatShape(target.tensor.shape)}, ` +
            `but the value given has shape ${formatShape(weights[i].shape)}.`,
        );
      }
    });
    tf.tidy(() => {
      targets.forEach((target, i) => {
        const value = weights[i].dtype === target.tensor.dtype ? weights[i] : tf.cast(weights[i], target.tensor.dtype);
        (target.tensor as tf.Variable).assign(value);
      });
    });
    // Keep the host mirror of a restored fixed learning rate in step.
    if (this.lrVariable !== null) this.lrValue = this.lrVariable.dataSync()[0];
  }

  getConfig(): BaseOptimizerConfig {
    return {
      name: this.name,
      learningRate: this.schedule === null ? this.lrValue : serialize(this.schedule),
      weightDecay: this.weightDecay,
      clipnorm: this.clipnorm,
      globalClipnorm: this.globalClipnorm,
      clipvalue: this.clipvalue,
    };
  }

  /** Frees the iteration count, the learning-rate variable and every slot. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.iterations.dispose();
    this.lrVariable?.dispose();
    for (const slots of this.slots.values()) for (const slot of slots.values()) slot.dispose();
    this.slots.clear();
    for (const { variable } of this.globals) variable.dispose();
    this.globals.length = 0;
  }

  /** The learning rate for this step as a float32 scalar; a schedule is evaluated at `iterations`. */
  private currentLearningRate(): Tensor {
    if (this.schedule === null) return this.lrVariable!;
    const value = this.schedule.valueAt(this.iterations);
    if (value.rank !== 0) {
      throw new ValueError(
        `${this.getClassName()}: learning-rate schedule ${this.schedule.getClassName()} returned shape ` +
          `${formatShape(value.shape)}, expected a scalar.`,
      );
    }
    return tf.cast(value, 'float32');
  }

  private clipGradients(gradients: Tensor[]): Tensor[] {
    if (this.clipnorm !== null) return gradients.map((g) => clipByNorm(g, this.clipnorm!));
    if (this.globalClipnorm !== null) return clipByGlobalNorm(gradients, this.globalClipnorm);
    if (this.clipvalue !== null) return gradients.map((g) => clipByValue(g, this.clipvalue!));
    return gradients;
  }

  /** Creates slots for variables not seen before (done lazily by applyGradients; the engine calls it at compile so state exists before training). */
  ensureBuilt(variables: readonly tf.Variable[]): void {
    const unseen = variables.filter((v) => !this.slots.has(v));
    if (unseen.length === 0) return;
    const groups = this.slotGroups();
    for (const variable of unseen) {
      const slots = new Map<string, tf.Variable>();
      this.slots.set(variable, slots);
      for (const group of groups) for (const spec of group) this.addSlot(variable, slots, spec);
    }
  }

  private checkDistinct(variables: readonly tf.Variable[], method: string): void {
    if (new Set(variables).size !== variables.length) {
      const seen = new Set<tf.Variable>();
      const repeated = variables.find((v) => (seen.has(v) ? true : (seen.add(v), false)))!;
      throw new ValueError(`${this.getClassName()}.${method}: variable '${repeated.name}' is listed more than once.`);
    }
  }

  private assertUsable(): void {
    if (this.disposed) throw new StateError(`${this.getClassName()} '${this.name}' was disposed and cannot be used.`);
  }
}
