// Reshape: reshapes each sample to `targetShape` (batch axis untouched); one entry may be -1.
import { tf, type Shape, type Tensor } from '../../runtime/tf.js';
import { ValueError, formatShape } from '../../errors.js';
import { Layer, singleInput, type LayerArgs, type LayerConfig, type LayerInputs } from '../../engine/layer.js';
import type { JsonObject } from '../../saving/serialization.js';

export type ReshapeArgs = LayerArgs & { targetShape: number[] };
export type ReshapeConfig = LayerConfig & { targetShape: number[] };

export class Reshape extends Layer {
  static override readonly className = 'Reshape';
  readonly targetShape: number[];

  constructor(args: ReshapeArgs) {
    super(args);
    const shape = args.targetShape;
    const valid =
      Array.isArray(shape) &&
      shape.every((d) => Number.isInteger(d) && (d > 0 || d === -1)) &&
      shape.filter((d) => d === -1).length <= 1;
    if (!valid) {
      throw new ValueError(
        `Reshape '${this.name}': targetShape must be positive integers with at most one -1, found ${JSON.stringify(shape)}.`,
      );
    }
    this.targetShape = [...shape];
  }

  call(inputs: LayerInputs): Tensor {
    const x = singleInput(inputs, this.name);
    const sampleShape = this.resolveTargetShape(x.shape.slice(1));
    return tf.reshape(x, [x.shape[0], ...sampleShape]);
  }

  override computeOutputShape(inputShape: Shape): Shape {
    const rest = inputShape.slice(1);
    if (rest.some((d) => d === null)) return [inputShape[0], ...this.targetShape.map((d) => (d === -1 ? null : d))];
    return [inputShape[0], ...this.resolveTargetShape(rest as number[])];
  }

  private resolveTargetShape(sampleShape: number[]): number[] {
    const size = sampleShape.reduce((a, b) => a * b, 1);
    const known = this.targetShape.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
    const hasUnknown = this.targetShape.includes(-1);
    if ((hasUnknown && size % known !== 0) || (!hasUnknown && size !== known)) {
      throw new ValueError(
        `Reshape '${this.name}': cannot reshape a sample of shape ${formatShape(sampleShape)} (${size} values) to ${formatShape(this.targetShape)}.`,
      );
    }
    return this.targetShape.map((d) => (d === -1 ? size / known : d));
  }

  override getConfig(): JsonObject {
    const config: ReshapeConfig = { ...(super.getConfig() as LayerConfig), targetShape: this.targetShape };
    return config;
  }

  static fromConfig(config: JsonObject): Reshape {
    return new Reshape(config as ReshapeConfig);
  }
}

export function reshape(args: ReshapeArgs): Reshape {
  return new Reshape(args);
}
