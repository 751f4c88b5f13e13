import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../assert/profiles.js';
import { toHex } from '../../wire/codec.js';
import { everyPrefix, fixture, fixtureNames } from '../pana/fixture.js';
import { ikeMessage, ikePayload } from './build.js';
import { decodeIke, encodeIke } from './message.js';

describe('IKEv2 codec (RFC 7296 §3)', () => {
  it('decodes the cleartext payloads of an IKE_SA_INIT request', () => {
    const d = decodeIke(fixture('ikev2', 'ike-sa-init-request.hex'), DEFAULTS);
    expect(d.issues).toEqual([]);
    const v = d.value;
    expect(v).toMatchObject({ kind: 'ike', ispi: '0102030405060708', rspi: '0000000000000000', majorVersion: 2, minorVersion: 0, exchangeType: 34, flags: 0x08, messageId: 0, nonEspMarker: false });
    expect(v.payloads.map((p) => p.name)).toEqual(['SA', 'KE', 'Nonce', 'Notify', 'Vendor ID']);
    expect(v.payloads[0]!.parsed).toMatchObject({ proposalCount: 1, proposals: [{ number: 1, protocolId: 1, transforms: 2 }] });
    expect(v.payloads[1]!.parsed).toMatchObject({ dhGroup: 14, keyExchangeLength: 32 });
    expect(v.payloads[2]!.parsed).toEqual({ nonceLength: 16 });
    expect(v.payloads[3]!.parsed).toMatchObject({ notifyType: 16388, notifyName: 'NAT_DETECTION_SOURCE_IP' });
    expect(new TextDecoder().decode(v.payloads[4]!.body)).toBe('mip6-conform');
    expect(v.payloads[0]!.raw).toEqual({ offset: 28, length: 28 });
  });

  it('warns about octets after a chain that ends early (Next Payload 0), keeping them', () => {
    const b = fixture('ikev2', 'ike-sa-init-request.hex').slice();
    b[28] = 0; // SA says nothing follows
    const d = decodeIke(b, DEFAULTS);
    expect(d.value.payloads).toHaveLength(1);
    expect(d.issues.map((i) => [i.code, i.offset])).toEqual([['ikev2.payload.after-last', 56]]);
    expect(toHex(encodeIke(d.value))).toBe(toHex(b));
  });

  it('marks SK as encrypted, with and without the non-ESP marker', () => {
    const plain = decodeIke(fixture('ikev2', 'ike-auth-sk.hex'), DEFAULTS);
    const natt = decodeIke(fixture('ikev2', 'ike-auth-sk-4500.hex'), DEFAULTS);
    expect(plain.issues).toEqual([]);
    expect(natt.issues).toEqual([]);
    expect(natt.value.nonEspMarker).toBe(true);
    for (const v of [plain.value, natt.value]) {
      expect(v.payloads).toHaveLength(1);
      expect(v.payloads[0]).toMatchObject({ type: 46, encrypted: true, nextPayload: 35, parsed: { firstInner: 35, firstInnerName: 'IDi' } });
      expect(v).toMatchObject({ exchangeType: 35, messageId: 1, rspi: '1112131415161718' });
    }
    expect(natt.value.payloads[0]!.raw!.offset).toBe(plain.value.payloads[0]!.raw!.offset + 4);
  });

  it('tells NAT-keepalive and ESP-in-UDP apart from IKE', () => {
    expect(decodeIke(new Uint8Array([0xff]), DEFAULTS).value.kind).toBe('nat-keepalive');
    const esp = new Uint8Array(40).fill(0x5a);
    esp.set([0, 0, 1, 0, 0, 0, 0, 9]);
    const d = decodeIke(esp, DEFAULTS);
    expect(d.value).toMatchObject({ kind: 'esp', esp: { spi: 256, seq: 9 } });
    expect(encodeIke(d.value)).toEqual(esp);
  });

  it.each(fixtureNames('ikev2'))('re-encodes %s byte for byte, and every prefix without throwing', (name) => {
    const b = fixture('ikev2', name);
    expect(toHex(encodeIke(decodeIke(b, DEFAULTS).value))).toBe(toHex(b));
    const r = everyPrefix(b, (x) => decodeIke(x, DEFAULTS), encodeIke);
    expect(r.exact).toBe(b.length);
    // prefixes under 18 octets without the marker are indistinguishable from ESP-in-UDP (see decodeIke)
    expect(r.withIssues).toBeGreaterThanOrEqual(b.length - 18);
  });

  it('keeps an unknown payload type and a critical bit; computes lengths and Next Payload', () => {
    const m = ikeMessage({ ispi: 'aabbccddeeff0011', exchangeType: 34, flags: ['I'], payloads: [ikePayload.raw(200, new Uint8Array([1, 2, 3]), true), ikePayload.nonce(new Uint8Array(16))] });
    const b = encodeIke(m);
    expect(b[16]).toBe(200);
    expect(new DataView(b.buffer).getUint32(24)).toBe(b.length);
    const d = decodeIke(b, DEFAULTS);
    expect(d.issues).toEqual([]);
    expect(d.value.payloads[0]).toMatchObject({ type: 200, critical: true, name: 'Payload-200', length: 7 });
    expect(toHex(encodeIke(d.value))).toBe(toHex(b));
  });

  it('flags a payload length overrun and a bad message length', () => {
    const m = ikeMessage({ ispi: '01', exchangeType: 37, payloads: [{ ...ikePayload.notify(16384), override: { length: 90 } }] });
    m.override = { length: 1000 };
    const b = encodeIke(m);
    const d = decodeIke(b, DEFAULTS);
    expect(d.issues.map((i) => i.code)).toEqual(['ikev2.header.bad-length', 'ikev2.payload.length-overrun']);
    expect(toHex(encodeIke(d.value))).toBe(toHex(b));
  });
});
