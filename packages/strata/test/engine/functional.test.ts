import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as st from 'strata';

const tf = st.tf;
const dir = mkdtempSync(join(tmpdir(), 'strata-functional-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A two-input layer written as a user would (merging layers live in the layer catalog). */
class SumPair extends st.Layer {
  static override readonly className = 'Test>SumPair';
  call(inputs: st.Tensor | st.Tensor[]): st.Tensor {
    const [p, q] = inputs as st.Tensor[];
    return tf.add(p, q);
  }
  override computeOutputShape(shapes: st.Shape | st.Shape[]): st.Shape {
    return (shapes as st.Shape[])[0];
  }
  static fromConfig(config: st.JsonObject): SumPair {
    return new SumPair(config as st.LayerArgs);
  }
}
st.registerClass(SumPair);

/** Concatenates two inputs on the last axis. */
class JoinPair extends SumPair {
  static override readonly className = 'Test>JoinPair';
  override call(inputs: st.Tensor | st.Tensor[]): st.Tensor {
    return tf.concat(inputs as st.Tensor[], -1);
  }
  override computeOutputShape(shapes: st.Shape | st.Shape[]): st.Shape {
    const [p, q] = shapes as st.Shape[];
    return [p[0], (p[1] as number) + (q[1] as number)];
  }
  static override fromConfig(config: st.JsonObject): JoinPair {
    return new JoinPair(config as st.LayerArgs);
  }
}
st.registerClass(JoinPair);

function ones(layer: st.Layer, value = 1): void {
  layer.setWeights(layer.getWeights().map((w) => tf.fill(w.shape, value)));
}

describe('functional API', () => {
  it('builds a two-input, two-output model and computes what the graph says', () => {
    const a = st.input({ shape: [2], name: 'a' });
    const b = st.input({ shape: [3], name: 'b' });
    const ha = st.layers.dense({ units: 2, name: 'ha' }).apply(a);
    const hb = st.layers.dense({ units: 2, name: 'hb' }).apply(b);
    const sum = st.layers.dense({ units: 1, name: 'sum', useBias: false }).apply(ha);
    const other = st.layers.dense({ units: 1, name: 'other', useBias: false }).apply(hb);
    const model = st.model({ inputs: [a, b], outputs: [sum, other], name: 'two' });
    for (const layer of model.layers.filter((l) => l.weights.length > 0)) ones(layer);
    expect(model.layers.map((l) => l.name)).toEqual(['a', 'b', 'ha', 'sum', 'hb', 'other']);
    expect(model.outputNames).toEqual(['sum', 'other']);
    const [ya, yb] = model.predict([tf.tensor2d([[1, 2]]), tf.tensor2d([[1, 1, 1]])]) as st.Tensor[];
    // By hand: ha = [1+2+1, 1+2+1] = [4,4] -> sum = 8; hb = [3+1, 3+1] -> other = 8.
    expect(Array.from(ya.dataSync())).toEqual([8]);
    expect(Array.from(yb.dataSync())).toEqual([8]);
    tf.dispose([ya, yb]);
    model.dispose();
  });

  it('shares a layer between two calls (one set of weights, two nodes)', () => {
    const x1 = st.input({ shape: [2] });
    const x2 = st.input({ shape: [2] });
    const shared = st.layers.dense({ units: 1, useBias: false, name: 'shared' });
    const y = new SumPair().apply([shared.apply(x1), shared.apply(x2)]) as st.SymbolicTensor;
    const model = st.model({ inputs: [x1, x2], outputs: y });
    ones(shared);
    expect(shared.inboundNodes).toHaveLength(2);
    expect(model.weights).toHaveLength(1);
    const out = model.predict([tf.tensor2d([[1, 2]]), tf.tensor2d([[3, 4]])]) as st.Tensor;
    expect(Array.from(out.dataSync())).toEqual([10]);
    out.dispose();
    model.dispose();
  });

  it('uses a model as a layer (an encoder reused inside an autoencoder)', () => {
    const inp = st.input({ shape: [4] });
    const code = st.layers.dense({ units: 2, name: 'code' }).apply(inp);
    const encoder = st.model({ inputs: inp, outputs: code, name: 'encoder' });
    const outer = st.input({ shape: [4] });
    const decoded = st.layers.dense({ units: 4, name: 'decoded' }).apply(encoder.apply(outer) as st.SymbolicTensor);
    const autoencoder = st.model({ inputs: outer, outputs: decoded as st.SymbolicTensor });
    expect(autoencoder.weights.map((w) => w.name)).toEqual(['code/kernel', 'code/bias', 'decoded/kernel', 'decoded/bias']);
    const x = tf.randomNormal([3, 4]);
    const viaEncoder = encoder.predict(x) as st.Tensor;
    const direct = encoder.getLayer('code').apply(x) as st.Tensor;
    expect(Array.from(viaEncoder.dataSync())).toEqual(Array.from(direct.dataSync()));
    tf.dispose([x, viaEncoder, direct]);
    autoencoder.dispose();
  });

  it('rejects disconnected graphs, unused inputs and duplicate names', () => {
    const a = st.input({ shape: [2], name: 'in_a' });
    const stray = st.input({ shape: [2], name: 'stray' });
    const out = st.layers.dense({ units: 1 }).apply(stray);
    expect(() => st.model({ inputs: a, outputs: out })).toThrow(/graph disconnected.*reaches input 'stray', which is not in the model's inputs \(in_a\)/);
    const used = st.layers.dense({ units: 1 }).apply(a);
    expect(() => st.model({ inputs: [a, stray], outputs: used })).toThrow(/input\(s\) 'stray' are not connected to any output/);
    const h1 = st.layers.dense({ units: 2, name: 'twin' }).apply(a);
    const h2 = st.layers.dense({ units: 2, name: 'twin' }).apply(h1);
    expect(() => st.model({ inputs: a, outputs: h2 })).toThrow(/two different layers are named 'twin'/);
    expect(() => st.model({ inputs: h1, outputs: h2 })).toThrow(/every input must come straight from st.input\(\)/);
  });

  it('trains two outputs with lossWeights and reports Keras-style log names', async () => {
    const x = st.input({ shape: [1] });
    const p = st.layers.dense({ units: 1, name: 'p', kernelInitializer: 'zeros' }).apply(x);
    const q = st.layers.dense({ units: 1, name: 'q', kernelInitializer: 'zeros' }).apply(x);
    const model = st.model({ inputs: x, outputs: [p, q] });
    model.compile({ optimizer: new st.SGD({ learningRate: 0 }), loss: 'mse', lossWeights: { p: 1, q: 0.5 }, metrics: ['mae'] });
    // Predictions are 0: loss_p = mean(yp^2) = 4, loss_q = mean(yq^2) = 1; total = 4 + 0.5*1.
    const xs = tf.ones([4, 1]);
    const yp = tf.fill([4, 1], 2);
    const yq = tf.fill([4, 1], 1);
    const history = await model.fit(xs, [yp, yq], { epochs: 1, verbose: 0 });
    expect(Object.keys(history.history)).toEqual(['loss', 'p_loss', 'q_loss', 'p_mae', 'q_mae']);
    expect(history.history.loss[0]).toBeCloseTo(4.5, 5);
    expect(history.history.p_loss[0]).toBeCloseTo(4, 5);
    expect(history.history.q_mae[0]).toBeCloseTo(1, 5);
    expect(() => model.compile({ optimizer: 'sgd', loss: { p: 'mse', nope: 'mse' } })).toThrow(/unknown output\(s\) nope; the outputs are p, q/);
    await expect(model.fit(xs, yp, { verbose: 0 })).rejects.toThrow(/has 2 output\(s\) \(p, q\), but 1 target array\(s\) were given/);
    tf.dispose([xs, yp, yq]);
    model.dispose();
  });

  it('saves and loads (tfjs format) with identical predictions, shared layers included', async () => {
    const a = st.input({ shape: [3], name: 'left' });
    const b = st.input({ shape: [3], name: 'right' });
    const shared = st.layers.dense({ units: 4, activation: 'relu', name: 'shared_dense' });
    const merged = new JoinPair().apply([shared.apply(a), shared.apply(b)]) as st.SymbolicTensor;
    const out = st.layers.dense({ units: 2, activation: 'softmax', name: 'head' }).apply(merged);
    const model = st.model({ inputs: [a, b], outputs: out, name: 'siamese' });
    const target = join(dir, 'siamese');
    await model.save(`file://${target}`);
    const loaded = await st.loadLayersModel(`file://${target}/model.json`);
    expect(loaded.getClassName()).toBe('Functional');
    expect(loaded.layers.map((l) => l.name)).toEqual(model.layers.map((l) => l.name));
    expect(loaded.getLayer('shared_dense').inboundNodes).toHaveLength(2);
    const xa = tf.randomNormal([5, 3]);
    const xb = tf.randomNormal([5, 3]);
    const p1 = model.predict([xa, xb]) as st.Tensor;
    const p2 = loaded.predict([xa, xb]) as st.Tensor;
    expect(Array.from(p2.dataSync())).toEqual(Array.from(p1.dataSync()));
    tf.dispose([xa, xb, p1, p2]);
    model.dispose();
    loaded.dispose();
  });

  it('summary shows connections', () => {
    const a = st.input({ shape: [2], name: 'src' });
    const h = st.layers.dense({ units: 3, name: 'hidden' }).apply(a);
    const model = st.model({ inputs: a, outputs: h });
    let text = '';
    model.summary({ printFn: (t) => (text = t), lineLength: 100 });
    expect(text).toMatch(/hidden \(Dense\)\s+\[null, 3\]\s+9\s+src/);
    model.dispose();
  });
});
