// TensorBoard event files, written by hand (no protobuf dependency: four message types).
// A file is a sequence of records: uint64 length (little-endian), masked CRC-32C of those 8
// bytes, the data, masked CRC-32C of the data. Each record is an `Event` protobuf:
//   Event     { double wall_time = 1; int64 step = 2; string file_version = 3; Summary summary = 5; }
//   Summary   { repeated Value value = 1; }
//   Value     { string tag = 1; float simple_value = 2; HistogramProto histo = 5; }
//   Histogram { double min = 1, max = 2, num = 3, sum = 4, sum_squares = 5;
//               repeated double bucket_limit = 6 [packed]; repeated double bucket = 7 [packed]; }

// ---- CRC-32C (Castagnoli), reflected polynomial 0x82F63B78, table-driven ----------------------
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** TensorBoard's (and LevelDB's) mask, so that CRCs of data holding CRCs stay well distributed. */
export function maskedCrc32c(bytes: Uint8Array): number {
  const crc = crc32c(bytes);
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

// ---- protobuf encoding ---------------------------------------------------------------------------
const textEncoder = new TextEncoder();

/** Appends protobuf fields to a growing byte list. */
class ProtoWriter {
  private readonly parts: number[] = [];

  private varint(value: number | bigint): void {
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.parts.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.parts.push(Number(v));
  }
  private key(field: number, wireType: number): void {
    this.varint((field << 3) | wireType);
  }
  private raw(bytes: Uint8Array): void {
    for (const b of bytes) this.parts.push(b);
  }
  double(field: number, value: number): this {
    this.key(field, 1);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, value, true);
    this.raw(b);
    return this;
  }
  float(field: number, value: number): this {
    this.key(field, 5);
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, value, true);
    this.raw(b);
    return this;
  }
  int64(field: number, value: number): this {
    this.key(field, 0);
    this.varint(Math.trunc(value));
    return this;
  }
  bytes(field: number, value: Uint8Array): this {
    this.key(field, 2);
    this.varint(value.length);
    this.raw(value);
    return this;
  }
  string(field: number, value: string): this {
    return this.bytes(field, textEncoder.encode(value));
  }
  packedDoubles(field: number, values: readonly number[]): this {
    const b = new Uint8Array(8 * values.length);
    const view = new DataView(b.buffer);
    values.forEach((v, i) => view.setFloat64(8 * i, v, true));
    return this.bytes(field, b);
  }
  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export type Histogram = {
  min: number;
  max: number;
  num: number;
  sum: number;
  sumSquares: number;
  /** Right edge of each bucket, increasing. */
  bucketLimit: number[];
  /** Count in each bucket. */
  bucket: number[];
};

/** A histogram of values in `buckets` equal-width buckets between min and max (as tf.summary.histogram). */
export function histogramOf(values: ArrayLike<number>, buckets = 30): Histogram {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumSquares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sumSquares += v * v;
  }
  if (values.length === 0) return { min: 0, max: 0, num: 0, sum: 0, sumSquares: 0, bucketLimit: [], bucket: [] };
  if (min === max) return { min, max, num: values.length, sum, sumSquares, bucketLimit: [max], bucket: [values.length] };
  const width = (max - min) / buckets;
  const counts = new Array<number>(buckets).fill(0);
  for (let i = 0; i < values.length; i++) counts[Math.min(buckets - 1, Math.floor((values[i] - min) / width))] += 1;
  const bucketLimit = counts.map((_, i) => (i === buckets - 1 ? max : min + (i + 1) * width));
  return { min, max, num: values.length, sum, sumSquares, bucketLimit, bucket: counts };
}

function encodeHistogram(h: Histogram): Uint8Array {
  return new ProtoWriter()
    .double(1, h.min)
    .double(2, h.max)
    .double(3, h.num)
    .double(4, h.sum)
    .double(5, h.sumSquares)
    .packedDoubles(6, h.bucketLimit)
    .packedDoubles(7, h.bucket)
    .finish();
}

export type SummaryValue = { tag: string; scalar: number } | { tag: string; histogram: Histogram };

export function encodeEvent(event: { wallTime: number; step?: number; fileVersion?: string; values?: SummaryValue[] }): Uint8Array {
  const w = new ProtoWriter().double(1, event.wallTime);
  if (event.step !== undefined) w.int64(2, event.step);
  if (event.fileVersion !== undefined) w.string(3, event.fileVersion);
  if (event.values) {
    const summary = new ProtoWriter();
    for (const v of event.values) {
      const value = new ProtoWriter().string(1, v.tag);
      if ('scalar' in v) value.float(2, v.scalar);
      else value.bytes(5, encodeHistogram(v.histogram));
      summary.bytes(1, value.finish());
    }
    w.bytes(5, summary.finish());
  }
  return w.finish();
}

/** Frames one record: length, masked CRC of the length, data, masked CRC of the data. */
export function frameRecord(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + 4 + data.length + 4);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(data.length), true);
  view.setUint32(8, maskedCrc32c(out.subarray(0, 8)), true);
  out.set(data, 12);
  view.setUint32(12 + data.length, maskedCrc32c(data), true);
  return out;
}
