// Custom layers and custom models round-trip through save/load by their registered names
// ('Package>Name'), and loading an unregistered class says what is registered.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as st from 'strata';
import type { Batch } from '../../src/training/data-adapter.js';

const tf = st.tf;
const root = mkdtempSync(join(tmpdir(), 'strata-custom-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

type ScaleConfig = st.LayerConfig & { initial: number };

/** y = x * s with one trainable scalar s per feature. */
class Scale extends st.Layer {
  static override readonly className = 'Scale';
  readonly initial: number;
  scale: st.Weight | null = null;

  constructor(args: st.LayerArgs & { initial?: number } = {}) {
    super(args);
    this.initial = args.initial ?? 1;
  }
  override build(inputShape: st.Shape | st.Shape[]): void {
    const shape = inputShape as st.Shape;
    this.scale = this.addWeight({ name: 'scale', shape: [shape[shape.length - 1]!], initializer: st.initializers.constant({ value: this.initial }) });
    super.build(inputShape);
  }
  call(inputs: st.Tensor | st.Tensor[]): st.Tensor {
    return tf.mul(inputs as st.Tensor, this.scale!.read());
  }
  override getConfig(): st.JsonObject {
    const config: ScaleConfig = { ...(super.getConfig() as st.LayerConfig), initial: this.initial };
    return config;
  }
  static fromConfig(config: st.JsonObject): Scale {
    return new Scale(config as ScaleConfig);
  }
}

type ResidualConfig = { name: string; units: number; inputDim: number };

/** A subclassed model: x + out(tanh(inner(x))), with its own train step. */
class Residual extends st.Model {
  static override readonly className = 'Residual';
  readonly units: number;
  readonly inputDim: number;
  readonly inner: st.Layer;
  readonly out: st.Layer;

  constructor(config: { name?: string; units: number; inputDim: number }) {
    super({ name: config.name });
    this.units = config.units;
    this.inputDim = config.inputDim;
    // Sub-layer names derive from the model's, so a reloaded model finds its weights by name.
    this.inner = this.track(st.layers.dense({ units: config.units, activation: 'tanh', name: `${this.name}_inner` }));
    this.out = this.track(st.layers.dense({ units: config.inputDim, name: `${this.name}_out` }));
    tf.tidy(() => this.forward([tf.zeros([1, config.inputDim])], false));
    this.built = true;
  }
  get layers() {
    return [this.inner, this.out];
  }
  get inputShapes() {
    return [[null, this.inputDim]];
  }
  get outputNames() {
    return ['residual'];
  }
  forward(x: st.Tensor[], training: boolean): st.Tensor {
    const h = this.inner.apply(x[0], { training }) as st.Tensor;
    return tf.add(x[0], this.out.apply(h, { training }) as st.Tensor);
  }
  override trainStep(batch: Batch) {
    return { loss: this.minimize(() => this.computeLoss(batch.y, this.forwardAll(batch.x, true))) };
  }
  override getConfig(): st.JsonObject {
    const config: ResidualConfig = { name: this.name, units: this.units, inputDim: this.inputDim };
    return config;
  }
  static fromConfig(config: st.JsonObject): Residual {
    return new Residual(config as ResidualConfig);
  }
}

st.registerClass(Scale, { package: 'Test' });
st.registerClass(Residual, { package: 'Test' });

describe('custom classes through save/load', () => {
  it('a model with a custom layer reloads with the same class, config and outputs', async () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 3, inputShape: [2] }), new Scale({ initial: 0.5, name: 'scale' })] });
    const x = tf.tensor2d([[1, 2], [3, -1]]);
    const dir = join(root, 'with-layer');
    await model.save(`file://${dir}`);
    const loaded = await st.loadLayersModel(`file://${dir}`);
    const layer = loaded.getLayer('scale');
    expect(layer).toBeInstanceOf(Scale);
    expect((layer as Scale).initial).toBe(0.5);
    const a = model.predict(x) as st.Tensor;
    const b = loaded.predict(x) as st.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([a, b, x]);
    model.dispose();
    loaded.dispose();
  });

  it('a custom model (subclass of Model, own trainStep) trains, saves, reloads and keeps training', async () => {
    const model = new Residual({ name: 'res', units: 4, inputDim: 2 });
    model.compile({ optimizer: new st.SGD({ learningRate: 0.1 }), loss: 'mse' });
    const x = tf.tensor2d([[1, 0], [0, 1], [1, 1], [0.5, -0.5]]);
    const y = tf.tensor2d([[0, 1], [1, 0], [1, 1], [-0.5, 0.5]]);
    const history = await model.fit(x, y, { epochs: 5, verbose: 0 });
    expect(history.history.loss.at(-1)!).toBeLessThan(history.history.loss[0]);
    const dir = join(root, 'residual');
    await model.save(`file://${dir}`);
    // On disk under its className; found again through the registry's 'Test>Residual' entry.
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    expect(json.modelTopology.class_name).toBe('Residual');
    const loaded = await st.loadLayersModel(`file://${dir}`);
    expect(loaded).toBeInstanceOf(Residual);
    expect((loaded as Residual).units).toBe(4);
    const a = model.predict(x) as st.Tensor;
    const b = loaded.predict(x) as st.Tensor;
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    loaded.compile({ optimizer: new st.SGD({ learningRate: 0.1 }), loss: 'mse' });
    const more = await loaded.fit(x, y, { epochs: 1, verbose: 0 });
    expect(more.history.loss[0]).toBeLessThan(history.history.loss[0]);
    tf.dispose([a, b, x, y]);
    model.dispose();
    loaded.dispose();
  });

  it('loading an unregistered class names it and lists the registered ones', async () => {
    class Unregistered extends Residual {
      static override readonly className = 'NotRegisteredModel';
    }
    const model = new Unregistered({ name: 'lost', units: 2, inputDim: 2 });
    const dir = join(root, 'unregistered');
    await model.save(`file://${dir}`);
    const error = await st.loadLayersModel(`file://${dir}`).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/Unknown model class 'NotRegisteredModel'\. Expected one of: /);
    expect(message).toContain('Test>Residual');
    expect(message).toContain('Test>Scale');
    expect(message).toContain('Sequential');
    model.dispose();
  });
});
