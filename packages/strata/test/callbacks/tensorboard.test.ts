// TensorBoard event files, read back by an independent reader written here: its own CRC-32C
// (bitwise, checked against the standard test vector) and its own protobuf field parser — none
// of Strata's writer code is used to read.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as st from 'strata';
import { Recorder } from './helpers.js';

const tf = st.tf;
const root = mkdtempSync(join(tmpdir(), 'strata-tb-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// ---- the independent reader ------------------------------------------------------------------
function crc32cBitwise(bytes: Uint8Array): number {
  let crc = ~0 >>> 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return ~crc >>> 0;
}
const mask = (crc: number) => ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;

type Field = { field: number; wire: number; value: bigint | Uint8Array };

function parseMessage(bytes: Uint8Array): Field[] {
  const fields: Field[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const b = bytes[pos++];
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
      shift += 7n;
    }
  };
  while (pos < bytes.length) {
    const key = Number(varint());
    const field = key >> 3;
    const wire = key & 7;
    if (wire === 0) fields.push({ field, wire, value: varint() });
    else if (wire === 1) {
      fields.push({ field, wire, value: bytes.slice(pos, pos + 8) });
      pos += 8;
    } else if (wire === 5) {
      fields.push({ field, wire, value: bytes.slice(pos, pos + 4) });
      pos += 4;
    } else if (wire === 2) {
      const length = Number(varint());
      fields.push({ field, wire, value: bytes.slice(pos, pos + length) });
      pos += length;
    } else throw new Error(`unexpected wire type ${wire}`);
  }
  void view;
  return fields;
}
const f64 = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset).getFloat64(0, true);
const f32 = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset).getFloat32(0, true);
const packedF64 = (b: Uint8Array) => Array.from({ length: b.length / 8 }, (_, i) => f64(b.subarray(8 * i, 8 * i + 8)));
const text = (b: Uint8Array) => new TextDecoder().decode(b);

type ParsedEvent = {
  wallTime: number;
  step: number;
  fileVersion?: string;
  scalars: Record<string, number>;
  histograms: Record<string, { min: number; max: number; num: number; sum: number; sumSquares: number; limits: number[]; counts: number[] }>;
};

function readEvents(file: string): ParsedEvent[] {
  const data = new Uint8Array(readFileSync(file));
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const events: ParsedEvent[] = [];
  let pos = 0;
  while (pos < data.length) {
    const length = Number(view.getBigUint64(pos, true));
    expect(view.getUint32(pos + 8, true)).toBe(mask(crc32cBitwise(data.subarray(pos, pos + 8))));
    const payload = data.subarray(pos + 12, pos + 12 + length);
    expect(view.getUint32(pos + 12 + length, true)).toBe(mask(crc32cBitwise(payload)));
    pos += 12 + length + 4;
    const event: ParsedEvent = { wallTime: 0, step: 0, scalars: {}, histograms: {} };
    for (const f of parseMessage(payload)) {
      if (f.field === 1) event.wallTime = f64(f.value as Uint8Array);
      if (f.field === 2) event.step = Number(f.value);
      if (f.field === 3) event.fileVersion = text(f.value as Uint8Array);
      if (f.field === 5) {
        for (const v of parseMessage(f.value as Uint8Array).filter((s) => s.field === 1)) {
          const value = parseMessage(v.value as Uint8Array);
          const tag = text(value.find((x) => x.field === 1)!.value as Uint8Array);
          const simple = value.find((x) => x.field === 2);
          const histo = value.find((x) => x.field === 5);
          if (simple) event.scalars[tag] = f32(simple.value as Uint8Array);
          if (histo) {
            const h = parseMessage(histo.value as Uint8Array);
            const get = (n: number) => f64(h.find((x) => x.field === n)!.value as Uint8Array);
            event.histograms[tag] = {
              min: get(1), max: get(2), num: get(3), sum: get(4), sumSquares: get(5),
              limits: packedF64(h.find((x) => x.field === 6)!.value as Uint8Array),
              counts: packedF64(h.find((x) => x.field === 7)!.value as Uint8Array),
            };
          }
        }
      }
    }
    events.push(event);
  }
  return events;
}

function eventsIn(dir: string): ParsedEvent[] {
  const files = readdirSync(dir).filter((f) => f.startsWith('events.out.tfevents.'));
  expect(files).toHaveLength(1);
  return readEvents(join(dir, files[0]));
}

// ---- tests ---------------------------------------------------------------------------------------
describe('TensorBoard', () => {
  it("the reader's CRC-32C matches the standard test vector", () => {
    expect(crc32cBitwise(new TextEncoder().encode('123456789'))).toBe(0xe3069283);
  });

  it('writes epoch scalars (train/ and validation/), batch scalars and weight histograms that parse back', async () => {
    const logDir = join(root, 'run1');
    const model = st.sequential({ layers: [st.layers.dense({ units: 3, inputShape: [2], activation: 'tanh' }), st.layers.dense({ units: 1 })] });
    model.compile({ optimizer: new st.SGD({ learningRate: 0.05 }), loss: 'mse', metrics: ['mae'] });
    const x = tf.tensor2d([[0, 1], [1, 0], [1, 1], [0, 0], [0.5, 0.5], [1, 0.5]]);
    const y = tf.tensor2d([[1], [1], [0], [0], [0.5], [0.7]]);
    const recorder = new Recorder();
    const board = st.callbacks.tensorBoard(logDir, { histogramFreq: 1, updateFreq: 'batch' });
    const history = await model.fit(x, y, { epochs: 3, batchSize: 4, verbose: 0, shuffle: false, validationData: [x, y], callbacks: [recorder, board] });

    const train = eventsIn(join(logDir, 'train'));
    expect(train[0].fileVersion).toBe('brain.Event:2');
    const epochEvents = train.filter((e) => 'epoch_loss' in e.scalars);
    expect(epochEvents.map((e) => e.step)).toEqual([0, 1, 2]);
    epochEvents.forEach((e, i) => {
      expect(e.scalars.epoch_loss).toBe(Math.fround(history.history.loss[i]));
      expect(e.scalars.epoch_mae).toBe(Math.fround(history.history.mae[i]));
      expect(e.wallTime).toBeGreaterThan(1.6e9);
    });
    // Two batches per epoch (4 + 2 samples) -> batch scalars at global steps 1..6.
    expect(train.filter((e) => 'batch_loss' in e.scalars).map((e) => e.step)).toEqual([1, 2, 3, 4, 5, 6]);

    const validation = eventsIn(join(logDir, 'validation'));
    const valEpochs = validation.filter((e) => 'epoch_loss' in e.scalars);
    expect(valEpochs.map((e) => e.scalars.epoch_loss)).toEqual(history.history.val_loss.map(Math.fround));

    // Histograms: every weight, every epoch, summarizing the weights at that epoch's end.
    const histEvents = train.filter((e) => Object.keys(e.histograms).length > 0);
    expect(histEvents.map((e) => e.step)).toEqual([0, 1, 2]);
    const names = model.weights.map((w) => `${w.name}/histogram`);
    histEvents.forEach((e, epoch) => {
      expect(Object.keys(e.histograms).sort()).toEqual([...names].sort());
      model.weights.forEach((w, i) => {
        const h = e.histograms[`${w.name}/histogram`];
        const values = recorder.weights[epoch][i];
        expect(h.num).toBe(values.length);
        expect(h.min).toBe(Math.min(...values));
        expect(h.max).toBe(Math.max(...values));
        expect(h.sum).toBeCloseTo(values.reduce((a, b) => a + b, 0), 10);
        expect(h.sumSquares).toBeCloseTo(values.reduce((a, b) => a + b * b, 0), 10);
        expect(h.counts.reduce((a, b) => a + b, 0)).toBe(values.length);
        expect(h.limits.at(-1)).toBe(h.max);
        expect(h.limits).toEqual([...h.limits].sort((a, b) => a - b));
      });
    });
    tf.dispose([x, y]);
    model.dispose();
  });

  it('writes no batch scalars with updateFreq "epoch", and rejects unknown options', async () => {
    const logDir = join(root, 'run2');
    const model = st.sequential({ layers: [st.layers.dense({ units: 1, inputShape: [1] })] });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const x = tf.ones([4, 1]);
    await model.fit(x, x, { epochs: 2, verbose: 0, callbacks: [new st.callbacks.TensorBoard({ logDir })] });
    const train = eventsIn(join(logDir, 'train'));
    expect(train.filter((e) => Object.keys(e.scalars).some((k) => k.startsWith('batch_')))).toHaveLength(0);
    expect(train.filter((e) => 'epoch_loss' in e.scalars)).toHaveLength(2);
    expect(readdirSync(logDir)).toEqual(['train']);
    expect(() => new st.callbacks.TensorBoard({ logdir: 'x' } as unknown as st.callbacks.TensorBoardArgs)).toThrow(
      /TensorBoard: unknown option\(s\) 'logdir'\. Known options: logDir, histogramFreq, updateFreq/,
    );
    tf.dispose(x);
    model.dispose();
  });
});
