// PANA (RFC 5191 §6.2, §6.3; pre-RFC draft header under 'pana.profile' = 'draft') codec properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Settings } from '../../../src/assert/profiles.js';
import { decodePana, encodePana, type PanaAvp, type PanaMessage } from '../../../src/proto/pana/message.js';
import { check, expectIssues, hex, hostile, TIMEOUT, without } from '../support.js';

const DECODE_ONLY = new Set(['raw', 'length', 'name', 'parsed']);
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const settings = (draft: boolean): Settings => ({ 'pana.profile': draft ? 'draft' : 'rfc5191' }) as Settings;

const avp: fc.Arbitrary<PanaAvp> = fc
  .record({ code: u16, flags: u16, vendorId: fc.option(u32, { nil: undefined }), reserved: u16, data: fc.uint8Array({ maxLength: 40 }) })
  .map(({ code, flags, vendorId, reserved, data }) => {
    const a: PanaAvp = { code, flags: vendorId === undefined ? flags & 0x7fff : flags | 0x8000, data };
    if (vendorId !== undefined) a.vendorId = vendorId;
    if (reserved) a.reserved = reserved;
    return a;
  });

export const panaArb: fc.Arbitrary<PanaMessage> = fc
  .record({ draft: fc.boolean(), reserved: u16, flags: u16, type: u16, sessionId: u32, seq: u32, avps: fc.array(avp, { maxLength: 5 }) })
  .map(({ draft, reserved, flags, type, sessionId, seq, avps }) =>
    draft
      ? { profile: 'draft', version: 1, reserved: reserved & 0xff, flags, type, sessionId: 0, seq, avps }
      : { profile: 'rfc5191', reserved, flags, type, sessionId, seq, avps });

const seeds = panaArb.map(encodePana);
// Message Length (2 in both headers), first AVP Length (16+4 RFC, 12+4 draft)
const LENGTHS = [{ at: 2, size: 2 }, { at: 20, size: 2 }, { at: 16, size: 2 }] as const;

describe('PANA properties', () => {
  it('decode(encode(x)) equals x for built messages (both profiles)', () => {
    check(panaArb, (m) => {
      const b = encodePana(m);
      const d = decodePana(b, settings(m.profile === 'draft'));
      expect(d.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(without(d.value, DECODE_ONLY)).toEqual(without(m, DECODE_ONLY));
      expect(hex(encodePana(d.value))).toBe(hex(b));
    });
  }, TIMEOUT);

  it('encode(decode(bytes)) === bytes for any and mutated bytes (both profiles)', () => {
    check(fc.tuple(hostile(seeds, LENGTHS), fc.boolean()), ([b, draft]) => {
      expect(hex(encodePana(decodePana(b, settings(draft)).value))).toBe(hex(b));
    });
  }, TIMEOUT);

  it('hostile bytes never throw; issues are typed with offsets inside the buffer', () => {
    check(fc.tuple(hostile(seeds, LENGTHS), fc.boolean()), ([b, draft]) => {
      expectIssues(decodePana(b, settings(draft)).issues, b.length);
    });
  }, TIMEOUT);
});
