import { describe, expect, it } from 'vitest';
import * as st from 'strata';

const tf = st.tf;

describe('Sequential', () => {
  it('infers shapes as layers are added and names layers as Keras does', () => {
    const model = st.sequential();
    model.add(st.layers.dense({ units: 4, inputShape: [3] }));
    expect(model.outputShape).toEqual([null, 4]);
    model.add(st.layers.reshape({ targetShape: [2, 2] }));
    model.add(st.layers.flatten());
    expect(model.outputShape).toEqual([null, 4]);
    expect(model.inputShapes).toEqual([[null, 3]]);
    expect(model.layers.map((l) => l.getClassName())).toEqual(['Dense', 'Reshape', 'Flatten']);
    expect(model.layers[0].name).toMatch(/^dense(_\d+)?$/);
    model.dispose();
  });

  it('builds on first use when no input shape was given', () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 2 })] });
    expect(model.built).toBe(false);
    const y = model.predict(tf.ones([5, 7]));
    expect(y.shape).toEqual([5, 2]);
    expect(model.inputShapes).toEqual([[null, 7]]);
    expect(model.layers[0].weights.map((w) => w.shape)).toEqual([[7, 2], [2]]);
    y.dispose();
    model.dispose();
  });

  it('accepts an explicit InputLayer first, and only first', () => {
    const model = st.sequential({ layers: [st.layers.inputLayer({ inputShape: [6] }), st.layers.dense({ units: 1 })] });
    expect(model.outputShape).toEqual([null, 1]);
    expect(() => model.add(st.layers.inputLayer({ inputShape: [1] }))).toThrow(/only be the first layer/);
    model.dispose();
  });

  it('rejects duplicate layer names and non-layers', () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1], name: 'same' })] });
    expect(() => model.add(st.layers.dense({ units: 1, name: 'same' }))).toThrow(/layer named 'same' is already in the model/);
    expect(() => model.add({} as st.Layer)).toThrow(/expects a Layer/);
    model.dispose();
  });

  it('getLayer by name or index, with a helpful error', () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1], name: 'first' }), st.layers.dense({ units: 1, name: 'second' })] });
    expect(model.getLayer('second').name).toBe('second');
    expect(model.getLayer(0).name).toBe('first');
    expect(() => model.getLayer('third')).toThrow(/no such layer.*Layers: first, second/);
    expect(() => model.getLayer(5)).toThrow(/has 2 layers/);
    model.dispose();
  });

  it('pop removes the last layer and restores the output shape', () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 3, inputShape: [2] }), st.layers.dense({ units: 5 })] });
    model.pop();
    expect(model.outputShape).toEqual([null, 3]);
    expect(model.layers).toHaveLength(1);
    model.dispose();
  });

  it('getWeights/setWeights round-trip in Keras order and reject wrong shapes', () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 3, inputShape: [2] }), st.layers.dense({ units: 1 })] });
    const weights = model.getWeights();
    expect(weights.map((w) => w.shape)).toEqual([[2, 3], [3], [3, 1], [1]]);
    expect(model.weights.map((w) => w.name)).toEqual(model.layers.flatMap((l) => [`${l.name}/kernel`, `${l.name}/bias`]));
    const ones = weights.map((w) => tf.onesLike(w));
    model.setWeights(ones);
    const x = tf.tensor2d([[1, 2]]);
    // By hand: hidden = [1+2+1]*3 = [4,4,4]; output = 4*3 + 1 = 13.
    const y = model.predict(x);
    expect(Array.from(y.dataSync())).toEqual([13]);
    expect(() => model.setWeights(ones.slice(0, 3))).toThrow(/has 4 weight\(s\).*3 value\(s\)/);
    expect(() => model.setWeights([tf.ones([3, 2]), ...ones.slice(1)])).toThrow(/shape \[2, 3\].*\[3, 2\]/);
    tf.dispose([...weights, ...ones, x, y]);
    model.dispose();
  });

  it('freezing a layer moves its weights out of trainableWeights', () => {
    const model = st.sequential({ layers: [st.layers.dense({ units: 3, inputShape: [2] }), st.layers.dense({ units: 1 })] });
    model.layers[0].trainable = false;
    expect(model.trainableWeights).toHaveLength(2);
    expect(model.nonTrainableWeights).toHaveLength(2);
    model.dispose();
  });

  it('summary lists layers, output shapes and parameter counts', () => {
    const model = st.sequential({
      name: 'mlp',
      layers: [st.layers.dense({ units: 256, inputShape: [784], name: 'hidden' }), st.layers.dense({ units: 10, name: 'out' })],
    });
    let printed = '';
    model.summary({ printFn: (t) => (printed = t) });
    expect(printed).toContain('Model: "mlp"');
    expect(printed).toMatch(/hidden \(Dense\)\s+\[null, 256\]\s+200960/);
    expect(printed).toMatch(/out \(Dense\)\s+\[null, 10\]\s+2570/);
    // 784*256+256 + 256*10+10
    expect(printed).toContain('Total params: 203,530');
    expect(printed).toContain('Trainable params: 203,530');
    model.dispose();
  });

  it('dispose frees every weight, optimizer slot and metric variable', () => {
    const before = tf.memory().numTensors;
    const model = st.sequential({ layers: [st.layers.dense({ units: 3, inputShape: [2] })] });
    model.compile({ optimizer: 'adam', loss: 'mse', metrics: ['mae'] });
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
