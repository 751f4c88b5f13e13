// IKEv2 (RFC 7296 §3.1 header, §3.2 generic payload header, §2.23 non-ESP marker) codec properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeIke, encodeIke, type IkeMessage, type IkePayload } from '../../../src/proto/ikev2/message.js';
import { ikeMessage, ikePayload } from '../../../src/proto/ikev2/build.js';
import { check, expectIssues, hex, hostile, TIMEOUT, without } from '../support.js';

const DECODE_ONLY = new Set(['raw', 'length', 'name', 'parsed', 'encrypted']);
const u8 = fc.integer({ min: 0, max: 255 });
const spi = fc.uint8Array({ minLength: 8, maxLength: 8 }).map(hex);

const payload: fc.Arbitrary<IkePayload> = fc
  .tuple(fc.integer({ min: 1, max: 255 }).filter((t) => t !== 46 && t !== 53), fc.uint8Array({ maxLength: 40 }), fc.boolean(), fc.nat({ max: 127 }))
  .map(([type, body, critical, reserved]) => {
    const p = ikePayload.raw(type, body, critical);
    if (reserved) p.reserved = reserved;
    return p;
  });
const sk = fc.tuple(fc.constantFrom(46, 53), fc.integer({ min: 1, max: 255 }), fc.uint8Array({ minLength: 4, maxLength: 40 }))
  .map(([type, inner, ct]) => ({ ...ikePayload.sk(inner, ct), type }));

export const ikeArb: fc.Arbitrary<IkeMessage> = fc
  .record({
    // an initiator SPI that starts with 4 zero octets would be read as a non-ESP marker; the builder avoids it
    ispi: spi.filter((s) => !s.startsWith('00000000')), rspi: spi, exchangeType: u8, flags: u8, minor: fc.nat({ max: 15 }),
    messageId: fc.integer({ min: 0, max: 0xffffffff }), payloads: fc.array(payload, { maxLength: 5 }),
    sk: fc.option(sk, { nil: undefined }), marker: fc.boolean(),
  })
  .map((r) => ({
    ...ikeMessage({ ispi: r.ispi, rspi: r.rspi, exchangeType: r.exchangeType, messageId: r.messageId, nonEspMarker: r.marker,
      payloads: r.sk ? [...r.payloads, r.sk] : r.payloads }),
    flags: r.flags, minorVersion: r.minor,
  }));

const seeds = ikeArb.map(encodeIke);
// Length (24, or 28 after the marker), first Payload Length (30 / 34)
const LENGTHS = [{ at: 24, size: 4 }, { at: 28, size: 4 }, { at: 30, size: 2 }, { at: 34, size: 2 }] as const;

describe('IKEv2 properties', () => {
  it('decode(encode(x)) equals x for built messages', () => {
    check(ikeArb, (m) => {
      const b = encodeIke(m);
      const d = decodeIke(b);
      // only the payload views (Notify, SA … over random bodies) may complain
      expect(d.issues.filter((i) => i.code !== 'ikev2.payload.truncated')).toEqual([]);
      expect(without(d.value, DECODE_ONLY)).toEqual(without(m, DECODE_ONLY));
      expect(hex(encodeIke(d.value))).toBe(hex(b));
    });
  }, TIMEOUT);

  it('encode(decode(bytes)) === bytes for any and mutated bytes (ESP, keepalive and marker included)', () => {
    check(hostile(seeds, LENGTHS), (b) => {
      expect(hex(encodeIke(decodeIke(b).value))).toBe(hex(b));
    });
  }, TIMEOUT);

  it('hostile bytes never throw; issues are typed with offsets inside the buffer', () => {
    check(hostile(seeds, LENGTHS), (b) => expectIssues(decodeIke(b).issues, b.length));
  }, TIMEOUT);
});
