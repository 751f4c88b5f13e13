// Mobile IPv4 registration (RFC 5944 §3.3, §3.4, §1.9 short and long extension forms) codec properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMipv4, encodeMipv4, type Mipv4Extension, type Mipv4Message } from '../../../src/proto/mipv4/message.js';
import { LONG_FORM } from '../../../src/proto/mipv4/names.js';
import { check, expectIssues, hex, hostile, TIMEOUT, without } from '../support.js';

const DECODE_ONLY = new Set(['raw', 'length', 'name', 'parsed']);
const u8 = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(u8, u8, u8, u8).map((b) => b.join('.'));

const ext: fc.Arbitrary<Mipv4Extension> = fc
  .tuple(u8, u8, fc.uint8Array({ maxLength: 40 }))
  .map(([type, subtype, data]) => (LONG_FORM.has(type) ? { type, subtype, data } : { type, data }));

export const mipv4Arb: fc.Arbitrary<Mipv4Message> = fc.oneof(
  fc.record({ flags: u8, lifetime: fc.integer({ min: 0, max: 0xffff }), homeAddress: ipv4, homeAgent: ipv4, careOfAddress: ipv4,
    identification: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), extensions: fc.array(ext, { maxLength: 5 }) })
    .map((r): Mipv4Message => ({ type: 1, ...r })),
  fc.record({ code: u8, lifetime: fc.integer({ min: 0, max: 0xffff }), homeAddress: ipv4, homeAgent: ipv4,
    identification: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), extensions: fc.array(ext, { maxLength: 5 }) })
    .map((r): Mipv4Message => ({ type: 3, ...r })),
  fc.tuple(u8.filter((t) => t !== 1 && t !== 3), fc.uint8Array({ maxLength: 40 })).map(([type, body]): Mipv4Message => ({
    type, lifetime: 0, homeAddress: '0.0.0.0', homeAgent: '0.0.0.0', identification: 0n, extensions: [], body,
  })),
);

const seeds = mipv4Arb.map(encodeMipv4);
// first extension's Length: short form at 25 (RRQ) / 21 (RRP), long form at 26..27 / 22..23
const LENGTHS = [{ at: 25, size: 1 }, { at: 21, size: 1 }, { at: 26, size: 2 }, { at: 22, size: 2 }] as const;

describe('Mobile IPv4 properties', () => {
  it('decode(encode(x)) equals x for built registrations', () => {
    check(mipv4Arb, (m) => {
      const b = encodeMipv4(m);
      const d = decodeMipv4(b);
      expect(d.issues).toEqual([]);
      expect(without(d.value, DECODE_ONLY)).toEqual(without(m, DECODE_ONLY));
      expect(hex(encodeMipv4(d.value))).toBe(hex(b));
    });
  }, TIMEOUT);

  it('encode(decode(bytes)) === bytes for any and mutated bytes', () => {
    check(hostile(seeds, LENGTHS), (b) => {
      expect(hex(encodeMipv4(decodeMipv4(b).value))).toBe(hex(b));
    });
  }, TIMEOUT);

  it('hostile bytes never throw; issues are typed with offsets inside the buffer', () => {
    check(hostile(seeds, LENGTHS), (b) => expectIssues(decodeMipv4(b).issues, b.length));
  }, TIMEOUT);
});
