import { describe, expect, it } from 'vitest';
import { ByteQueue, SLAB } from './queue.js';

describe('ByteQueue.take', () => {
  it('copies: later writes to the read chunks and later takes never change a taken frame', () => {
    const q = new ByteQueue();
    const chunks = [Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff), Uint8Array.from({ length: 1000 }, (_, i) => (i * 3) & 0xff)];
    for (const c of chunks) q.push(c);
    const taken: Uint8Array[] = [];
    const want: number[][] = [];
    const all = [...chunks[0]!, ...chunks[1]!];
    let at = 0;
    for (const n of [7, 200, 993, 1, 300, 499]) {
      taken.push(q.take(n));
      want.push(all.slice(at, at + n));
      at += n;
    }
    for (const c of chunks) c.fill(0xee);
    expect(taken.map((t) => [...t])).toEqual(want);
    expect(q.length).toBe(0);
    expect(q.offset).toBe(2000);
  });

  it('small takes share a slab without overlapping; big ones get their own array', () => {
    const q = new ByteQueue();
    q.push(new Uint8Array(SLAB * 3).fill(1));
    const a = q.take(100);
    const b = q.take(100);
    expect(a.buffer).toBe(b.buffer);
    expect(b.byteOffset).toBeGreaterThanOrEqual(a.byteOffset + a.length);
    a.fill(9);
    expect([...new Set(b)]).toEqual([1]);
    const big = q.take(SLAB);
    expect(big.buffer).not.toBe(a.buffer);
    expect(big.byteLength).toBe(SLAB);
  });
});
