/** slab that `take` copies small records into: one allocation per ~150 frames instead of one per frame */
export const SLAB = 32 * 1024;
const SLAB_MAX_TAKE = SLAB / 8;

/**
 * Bytes from a chunked stream, consumed from the front. Chunks are kept by reference (no concatenation);
 * `take(n)` copies exactly n bytes out of the read chunks, so a frame never pins a whole read chunk.
 * Small takes are views into a shared 32 KiB slab (a new Uint8Array per frame costs more than the rest of
 * the reader): a frame kept after the read pins at most that slab; larger takes get their own array.
 * `offset` is the absolute file offset of the next unread byte.
 */
export class ByteQueue {
  private slab = new Uint8Array(0);
  private slabPos = 0;
  private chunks: Uint8Array[] = [];
  private head: Uint8Array = new Uint8Array(0);
  private pos = 0;
  /** bytes available */
  length = 0;
  /** absolute offset of the next unread byte */
  offset = 0;

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    if (this.pos >= this.head.length && this.chunks.length === 0) {
      this.head = chunk;
      this.pos = 0;
    } else {
      this.chunks.push(chunk);
    }
    this.length += chunk.length;
  }

  private advanceHead(): void {
    while (this.pos >= this.head.length && this.chunks.length > 0) {
      this.pos -= this.head.length;
      this.head = this.chunks.shift()!;
    }
  }

  /** byte at i (relative to the next unread byte); caller checks i < length */
  at(i: number): number {
    const p = this.pos + i;
    if (p < this.head.length) return this.head[p]!;
    let q = p - this.head.length;
    for (const c of this.chunks) {
      if (q < c.length) return c[q]!;
      q -= c.length;
    }
    throw new RangeError('ByteQueue.at past end');
  }

  u16(i: number, le: boolean): number {
    const p = this.pos + i;
    const h = this.head;
    const a = p + 1 < h.length ? h[p]! : this.at(i);
    const b = p + 1 < h.length ? h[p + 1]! : this.at(i + 1);
    return le ? a | (b << 8) : (a << 8) | b;
  }

  u32(i: number, le: boolean): number {
    const p = this.pos + i;
    const h = this.head;
    let a: number, b: number, c: number, d: number;
    if (p + 3 < h.length) {
      a = h[p]!; b = h[p + 1]!; c = h[p + 2]!; d = h[p + 3]!;
    } else {
      a = this.at(i); b = this.at(i + 1); c = this.at(i + 2); d = this.at(i + 3);
    }
    return le ? ((d << 24) | (c << 16) | (b << 8) | a) >>> 0 : ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  }

  /** copy of the next n bytes (caller checks n <= length); consumes them */
  take(n: number): Uint8Array {
    let out: Uint8Array;
    if (n > SLAB_MAX_TAKE) out = new Uint8Array(n);
    else {
      if (this.slabPos + n > this.slab.length) {
        this.slab = new Uint8Array(SLAB);
        this.slabPos = 0;
      }
      out = this.slab.subarray(this.slabPos, this.slabPos + n);
      this.slabPos += (n + 7) & ~7; // keep views 8-byte aligned
    }
    let w = 0;
    while (w < n) {
      this.advanceHead();
      const h = this.head;
      const k = Math.min(n - w, h.length - this.pos);
      out.set(k === h.length && this.pos === 0 ? h : h.subarray(this.pos, this.pos + k), w);
      this.pos += k;
      w += k;
    }
    this.length -= n;
    this.offset += n;
    this.advanceHead();
    return out;
  }

  skip(n: number): void {
    let left = n;
    while (left > 0) {
      this.advanceHead();
      const k = Math.min(left, this.head.length - this.pos);
      this.pos += k;
      left -= k;
    }
    this.length -= n;
    this.offset += n;
    this.advanceHead();
  }
}
