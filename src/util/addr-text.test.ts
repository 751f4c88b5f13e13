import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { AddrText, formatV6 } from './addr-text.js';
import { ipToString } from '../util/ip.js';

const groups = fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 });
const bytesOf = (g: number[]): Uint8Array => Uint8Array.from(g.flatMap((x) => [x >> 8, x & 0xff]));

describe('formatV6', () => {
  it('matches ipToString (RFC 5952) on zero-heavy random addresses', () => {
    fc.assert(fc.property(groups, (g) => {
      expect(formatV6(bytesOf(g), 0)).toBe(ipToString(bytesOf(g)));
    }), { numRuns: 5000 });
  });
  it('compresses the first of two equal runs, and never a single zero group', () => {
    expect(formatV6(bytesOf([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1]), 0)).toBe('2001:db8::1:0:0:1');
    expect(formatV6(bytesOf([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1]), 0)).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatV6(new Uint8Array(16), 0)).toBe('::');
    expect(formatV6(bytesOf([0, 0, 0, 0, 0, 0, 0, 1]), 0)).toBe('::1');
    expect(formatV6(bytesOf([0xfe80, 0, 0, 0, 0, 0, 0, 0]), 0)).toBe('fe80::');
  });
});

describe('AddrText', () => {
  it('gives the same text as ipToString for many addresses, cached or not, at any offset', () => {
    const a = new AddrText();
    const buf = new Uint8Array(40);
    fc.assert(
      fc.property(groups, fc.integer({ min: 0, max: 24 }), (g, off) => {
        buf.fill(0xee);
        buf.set(bytesOf(g), off);
        const want = ipToString(buf, off, 16);
        expect(a.text(buf, off, 16)).toBe(want);
        expect(a.text(buf, off, 16)).toBe(want); // hit
        expect(a.v4(buf, off)).toBe(ipToString(buf, off, 4));
      }),
      { numRuns: 3000 },
    );
  });
  it('does not confuse addresses that share a slot', () => {
    const a = new AddrText();
    const seen = new Map<string, Uint8Array>();
    for (let i = 0; i < 20_000; i++) {
      const b = bytesOf([0x2001, 0xdb8, i & 0xffff, 0, 0, 0, (i * 7919) & 0xffff, i >> 4]);
      seen.set(ipToString(b), b);
    }
    for (let round = 0; round < 2; round++) for (const [text, b] of seen) expect(a.v6(b, 0)).toBe(text);
  });
});
