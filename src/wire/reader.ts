import { WireShort } from './issue.js';

/**
 * Bounds-checked big-endian reader over a Uint8Array. `sub(len)` gives a child reader limited to the
 * next `len` bytes (a declared length), so inner payloads are parsed only inside their length.
 * Offsets reported by `abs()` are relative to the buffer the root reader was made over.
 */
export class Reader {
  readonly buf: Uint8Array;
  readonly view: DataView;
  pos: number;
  readonly end: number;
  /** offset of buf[0] relative to the message start, for issue offsets */
  readonly base: number;

  constructor(buf: Uint8Array, start = 0, end = buf.length, base = 0) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.pos = start;
    this.end = Math.min(end, buf.length);
    this.base = base;
  }

  get remaining(): number {
    return this.end - this.pos;
  }
  /** absolute offset (relative to the message start) of the current position */
  abs(pos = this.pos): number {
    return this.base + pos;
  }
  need(n: number): void {
    if (n < 0 || this.pos + n > this.end) throw new WireShort(this.abs(), n, this.end - this.pos);
  }
  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }
  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos);
    this.pos += 2;
    return v;
  }
  u24(): number {
    this.need(3);
    const v = (this.buf[this.pos]! << 16) | (this.buf[this.pos + 1]! << 8) | this.buf[this.pos + 2]!;
    this.pos += 3;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos);
    this.pos += 4;
    return v;
  }
  i32(): number {
    this.need(4);
    const v = this.view.getInt32(this.pos);
    this.pos += 4;
    return v;
  }
  u64(): bigint {
    this.need(8);
    const v = this.view.getBigUint64(this.pos);
    this.pos += 8;
    return v;
  }
  i64(): bigint {
    this.need(8);
    const v = this.view.getBigInt64(this.pos);
    this.pos += 8;
    return v;
  }
  f32(): number {
    this.need(4);
    const v = this.view.getFloat32(this.pos);
    this.pos += 4;
    return v;
  }
  f64(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos);
    this.pos += 8;
    return v;
  }
  /** a view (no copy) of the next n bytes */
  bytes(n: number): Uint8Array {
    this.need(n);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
  rest(): Uint8Array {
    return this.bytes(this.end - this.pos);
  }
  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }
  /** child reader over the next n bytes; advances this reader past them */
  sub(n: number): Reader {
    this.need(n);
    const r = new Reader(this.buf, this.pos, this.pos + n, this.base);
    this.pos += n;
    return r;
  }
}
