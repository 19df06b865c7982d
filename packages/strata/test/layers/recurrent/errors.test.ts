// Bad configs fail at construction, naming the argument and the value; bad inputs fail at build,
// naming the layer and the shape.
import { describe, expect, it } from 'vitest';
import * as st from 'strata';

const { tf } = st;

describe('construction errors name the argument', () => {
  const layers = {
    simpleRNN: (a: { units: number; dropout?: number; recurrentDropout?: number; name?: string }) => st.layers.simpleRNN(a),
    lstm: (a: { units: number; dropout?: number; recurrentDropout?: number; name?: string }) => st.layers.lstm(a),
    gru: (a: { units: number; dropout?: number; recurrentDropout?: number; name?: string }) => st.layers.gru(a),
    lstmCell: (a: { units: number; dropout?: number; recurrentDropout?: number; name?: string }) => st.layers.lstmCell(a),
  };
  for (const [kind, make] of Object.entries(layers)) {
    it(`${kind}: units must be a positive integer`, () => {
      expect(() => make({ units: 0 })).toThrow(st.ValueError);
      expect(() => make({ units: 0 })).toThrow(/units must be a positive integer, found 0/);
      expect(() => make({ units: -2 })).toThrow(/found -2/);
      expect(() => make({ units: 2.5 })).toThrow(/found 2.5/);
      expect(() => make({ units: undefined as unknown as number })).toThrow(/units must be a positive integer, found undefined/);
    });

    it(`${kind}: dropout and recurrentDropout must be in [0, 1)`, () => {
      expect(() => make({ units: 2, dropout: 1 })).toThrow(/dropout must be a number in \[0, 1\), found 1\b/);
      expect(() => make({ units: 2, dropout: -0.1 })).toThrow(/dropout must be a number in \[0, 1\), found -0.1/);
      expect(() => make({ units: 2, recurrentDropout: 1.5 })).toThrow(/recurrentDropout must be a number in \[0, 1\), found 1.5/);
      expect(() => make({ units: 2, dropout: 0, recurrentDropout: 0.99 })).not.toThrow();
    });
  }

  it('the message names the layer when it has a name', () => {
    expect(() => st.layers.lstm({ units: 0, name: 'encoder' })).toThrow(/LSTM 'encoder': units must be a positive integer/);
  });

  it('an unknown activation lists the known names', () => {
    expect(() => st.layers.gru({ units: 2, recurrentActivation: 'nope' })).toThrow(/Unknown activation 'nope'/);
  });

  it('rnn needs a cell; stackedRNNCells needs cells', () => {
    expect(() => st.layers.rnn({ cell: st.layers.dense({ units: 2 }) as unknown as st.layers.RNNCell })).toThrow(/cell must be an RNN cell/);
    expect(() => st.layers.stackedRNNCells({ cells: [] })).toThrow(/cells must be a non-empty array of RNN cells, found \[\]/);
  });

  it('bidirectional needs a recurrent layer and a known mergeMode', () => {
    expect(() => st.layers.bidirectional({ layer: st.layers.dense({ units: 2 }) as unknown as st.layers.BaseRNN })).toThrow(
      /layer must be a recurrent layer .* found Dense/,
    );
    expect(() => st.layers.bidirectional({ layer: st.layers.lstm({ units: 2 }), mergeMode: 'max' as 'sum' })).toThrow(
      /mergeMode must be one of 'concat', 'sum', 'mul', 'ave' or null, found "max"/,
    );
    expect(() =>
      st.layers.bidirectional({ layer: st.layers.lstm({ units: 2 }), backwardLayer: st.layers.lstm({ units: 2 }) }),
    ).toThrow(/need different goBackwards values/);
    expect(() =>
      st.layers.bidirectional({ layer: st.layers.lstm({ units: 2 }), backwardLayer: st.layers.lstm({ units: 2, goBackwards: true, returnSequences: true }) }),
    ).toThrow(/differ in returnSequences/);
  });

  it('timeDistributed needs a layer', () => {
    expect(() => st.layers.timeDistributed({ layer: 3 as unknown as st.Layer })).toThrow(/layer must be a Layer, found 3/);
  });

  it('convLstm2d checks filters, kernelSize, padding, dataFormat and strides with dilation', () => {
    expect(() => st.layers.convLstm2d({ filters: 0, kernelSize: 3 })).toThrow(/filters must be a positive integer, found 0/);
    expect(() => st.layers.convLstm2d({ filters: 2 } as st.layers.ConvLSTM2DArgs)).toThrow(/kernelSize must be a positive integer or two of them, found undefined/);
    expect(() => st.layers.convLstm2d({ filters: 2, kernelSize: [3, 0] })).toThrow(/kernelSize must be .* found \[3,0\]/);
    expect(() => st.layers.convLstm2d({ filters: 2, kernelSize: 3, padding: 'causal' as 'same' })).toThrow(/padding must be 'valid' or 'same', found "causal"/);
    expect(() => st.layers.convLstm2d({ filters: 2, kernelSize: 3, dataFormat: 'channels_first' as 'channels_last' })).toThrow(
      /only dataFormat 'channels_last' is supported, found "channels_first"/,
    );
    expect(() => st.layers.convLstm2d({ filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(/strides > 1 cannot be combined with dilationRate > 1/);
  });
});

describe('input errors at build', () => {
  it('a recurrent layer needs a rank-3 input', () => {
    const layer = st.layers.lstm({ units: 2, name: 'l3' });
    const x = tf.zeros([2, 3]);
    expect(() => layer.apply(x)).toThrow(st.ValueError);
    expect(() => layer.apply(x)).toThrow(/layer 'l3' expected rank 3, found rank 2 \(shape \[2, 3\]\)/);
    x.dispose();
    expect(() => st.layers.gru({ units: 2 }).apply(st.input({ shape: [4] }))).toThrow(/expected rank 3, found rank 2 \(shape \[null, 4\]\)/);
    expect(() => st.layers.simpleRNN({ units: 2 }).apply(st.input({ shape: [2, 3, 4] }))).toThrow(/expected rank 3, found rank 4/);
  });

  it('the feature axis must be known', () => {
    const input = st.layers.inputLayer({ batchInputShape: [null, 5, null] });
    expect(() => st.layers.lstm({ units: 2, name: 'nf' }).apply(input.output)).toThrow(/the feature axis of the input must be known/);
  });

  it('convLstm2d needs a rank-5 input with known rows, cols and channels', () => {
    expect(() => st.layers.convLstm2d({ filters: 2, kernelSize: 2 }).apply(st.input({ shape: [3, 4] }))).toThrow(/expected rank 5, found rank 3/);
    const input = st.layers.inputLayer({ batchInputShape: [null, 3, null, 4, 1] });
    expect(() => st.layers.convLstm2d({ filters: 2, kernelSize: 2 }).apply(input.output)).toThrow(/known rows, cols and channels/);
  });

  it('a built layer refuses a different feature size', () => {
    const layer = st.layers.gru({ units: 2, name: 'g4' });
    const a = tf.zeros([1, 2, 4]);
    const b = tf.zeros([1, 2, 5]);
    tf.dispose(layer.apply(a));
    expect(() => layer.apply(b)).toThrow(/layer 'g4' expected axis -1 to have size 4, found 5/);
    tf.dispose([a, b]);
    layer.dispose();
  });
});
