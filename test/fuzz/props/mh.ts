// Mobility Header (RFC 6275 §6.1, §6.2; RFC 5142 §5.1 Home Agent Switch) codec properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeMh, encodeMh, type MhBody, type MhMessage } from '../../../src/proto/mh/message.js';
import { mhMessage } from '../../../src/proto/mh/build.js';
import type { MhOption } from '../../../src/proto/mh/options.js';
import { check, expectIssues, hex, hostile, ipv6Bytes, TIMEOUT, without } from '../support.js';
import { ipText } from '../../../src/proto/pana/addr.js';

const DECODE_ONLY = new Set(['raw', 'length', 'name', 'parsed', 'headerLen', 'statusName', 'b', 'count']);
const u8 = fc.integer({ min: 0, max: 255 });
const u16 = fc.integer({ min: 0, max: 0xffff });
const b8 = fc.uint8Array({ minLength: 8, maxLength: 8 });
const addr = ipv6Bytes.map(ipText);

const body: fc.Arbitrary<MhBody> = fc.oneof(
  u16.map((reserved): MhBody => ({ kind: 'brr', reserved })),
  fc.tuple(fc.constantFrom('hoti' as const, 'coti' as const), u16, b8).map(([kind, reserved, cookie]): MhBody => ({ kind, reserved, cookie })),
  fc.tuple(fc.constantFrom('hot' as const, 'cot' as const), u16, b8, b8).map(([kind, nonceIndex, cookie, token]): MhBody => ({ kind, nonceIndex, cookie, token })),
  fc.tuple(u16, u16, u16).map(([seq, flags, lifetime]): MhBody => ({ kind: 'bu', seq, flags, lifetime })),
  fc.tuple(u8, u8, u16, u16).map(([status, flags, seq, lifetime]): MhBody => ({ kind: 'ba', status, flags, seq, lifetime })),
  fc.tuple(u8, u8, addr).map(([status, reserved, homeAddress]): MhBody => ({ kind: 'be', status, reserved, homeAddress })),
  fc.tuple(u8, fc.array(addr, { maxLength: 4 })).map(([reserved, addresses]): MhBody => ({ kind: 'has', reserved, addresses })),
);
const option: fc.Arbitrary<MhOption> = fc.oneof(
  fc.constant<MhOption>({ type: 0, data: new Uint8Array(0) }),
  fc.tuple(fc.integer({ min: 1, max: 255 }), fc.uint8Array({ maxLength: 30 })).map(([type, data]) => ({ type, data })),
);

export const mhArb: fc.Arbitrary<MhMessage> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(body, fc.array(option, { maxLength: 5 }), u8, u8, u16).map(([b, opts, proto, reserved, checksum]) => ({
    ...mhMessage(b, opts), payloadProto: proto, reserved, checksum,
  })) },
  // a type this codec does not decode: everything after the common header is data (options included)
  { weight: 1, arbitrary: fc.tuple(u8.filter((t) => t > 7 && t !== 12), fc.nat({ max: 6 }), u16).chain(([type, k, checksum]) =>
    fc.uint8Array({ minLength: 8 * k + 2, maxLength: 8 * k + 2 }).map((data): MhMessage => ({
      payloadProto: 59, type, reserved: 0, checksum, body: { kind: 'raw', data }, options: [],
    }))) },
);

const seeds = mhArb.map(encodeMh);
// Header Len (1), HAS # of Addresses (6), first option Length after a BU (13)
const LENGTHS = [{ at: 1, size: 1 }, { at: 6, size: 1 }, { at: 13, size: 1 }] as const;

describe('Mobility Header properties', () => {
  it('decode(encode(x)) equals x for built messages', () => {
    check(mhArb, (m) => {
      const b = encodeMh(m);
      const d = decodeMh(b);
      expect(d.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(without(d.value, DECODE_ONLY)).toEqual(without(m, DECODE_ONLY));
      expect(hex(encodeMh(d.value))).toBe(hex(b));
    });
  }, TIMEOUT);

  it('encode(decode(bytes)) === bytes for any and mutated bytes', () => {
    check(hostile(seeds, LENGTHS), (b) => {
      expect(hex(encodeMh(decodeMh(b).value))).toBe(hex(b));
    });
  }, TIMEOUT);

  it('hostile bytes never throw; issues are typed with offsets inside the buffer', () => {
    check(hostile(seeds, LENGTHS), (b) => expectIssues(decodeMh(b).issues, b.length));
  }, TIMEOUT);
});
