import { describe, expect, it } from 'vitest';
import * as st from 'strata';

const tf = st.tf;

describe('metrics with one value per class in fit logs', () => {
  it('log each class as name_i (F1Score with no averaging)', async () => {
    // A frozen model that predicts class 1 for every sample: softmax(bias [0, 1]).
    const model = st.sequential({
      layers: [st.layers.dense({ units: 2, activation: 'softmax', inputShape: [1], kernelInitializer: 'zeros', biasInitializer: st.initializers.constant({ value: 0 }) })],
    });
    const [kernel, bias] = model.getWeights();
    model.setWeights([kernel, tf.tensor1d([0, 1])]);
    tf.dispose([kernel, bias]);
    model.compile({ optimizer: new st.SGD({ learningRate: 0 }), loss: 'categoricalCrossentropy', metrics: [new st.metrics.F1Score()] });
    const x = tf.zeros([4, 1]);
    const y = tf.oneHot(tf.tensor1d([0, 1, 1, 0], 'int32'), 2);
    const history = await model.fit(x, y, { epochs: 1, batchSize: 2, verbose: 0 });
    // By hand: class 1 has TP 2, FP 2, FN 0 -> F1 = 2*0.5*1/(0.5+1) = 2/3; class 0 is never predicted -> 0.
    expect(history.history.f1_score_0[0]).toBeCloseTo(0, 6);
    expect(history.history.f1_score_1[0]).toBeCloseTo(2 / 3, 5);
    tf.dispose([x, y]);
    model.dispose();
  });
});
