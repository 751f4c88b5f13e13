import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../assert/profiles.js';
import { toHex } from '../../wire/codec.js';
import { everyPrefix, fixture, fixtureNames } from '../pana/fixture.js';
import { ba, bu, has } from './build.js';
import { mhChecksum, verifyMhChecksum, withMhChecksum } from './checksum.js';
import { decodeMh, encodeMh } from './message.js';
import { mhOpt } from './options.js';

const HA = '2001:db8::1';
const MN = '2001:db8:1::100';

describe('Mobility Header codec (RFC 6275 §6.1)', () => {
  it('decodes scapy\'s BU with Nonce Indices and verifies its checksum', () => {
    const b = fixture('mh', 'bu-ahk-nonce.hex');
    const d = decodeMh(b, DEFAULTS);
    expect(d.issues).toEqual([]);
    expect(d.value).toMatchObject({ payloadProto: 59, headerLen: 2, type: 5, body: { kind: 'bu', seq: 0x1234, flags: 0xd000, lifetime: 100 } });
    expect(d.value.options[0]).toMatchObject({ name: 'Nonce Indices', parsed: { homeNonceIndex: 1, careOfNonceIndex: 2 }, raw: { offset: 12, length: 6 } });
    expect(d.value.options[1]!.name).toBe('PadN');
    expect(verifyMhChecksum(b, MN, HA)).toBe(true);
    expect(verifyMhChecksum(b, HA, MN)).toBe(true); // the sum is symmetric in src/dst
    expect(verifyMhChecksum(b, MN, '2001:db8::2')).toBe(false);
    expect(mhChecksum(b, MN, HA)).toBe(d.value.checksum);
  });

  it('decodes BA status and K flag, and Binding Error', () => {
    const a = decodeMh(fixture('mh', 'ba-accepted.hex'), DEFAULTS).value;
    expect(a.body).toMatchObject({ kind: 'ba', status: 0, statusName: 'Binding Update accepted', flags: 0x80, seq: 0x1234, lifetime: 100 });
    const e = decodeMh(fixture('mh', 'be-unknown-type.hex'), DEFAULTS).value;
    expect(e.body).toMatchObject({ kind: 'be', status: 2, statusName: 'Unrecognized MH Type value', homeAddress: '2001:db8:1::200' });
  });

  it('decodes the Home Agent Switch and S004 B bit', () => {
    const b = fixture('mh', 'has-b-bit.hex');
    const d = decodeMh(b, DEFAULTS);
    expect(d.issues).toEqual([]);
    expect(verifyMhChecksum(b, HA, MN)).toBe(true); // checksum computed by the Python generator
    expect(d.value.body).toMatchObject({ kind: 'has', count: 1, reserved: 0x80, b: true, addresses: ['2001:db8::2'] });
  });

  it('keeps an unknown MH type raw', () => {
    const b = fixture('mh', 'unknown-type-200.hex');
    const d = decodeMh(b, DEFAULTS);
    expect(d.value.body).toEqual({ kind: 'raw', data: new Uint8Array([0xab, 0xcd]) });
    expect(toHex(encodeMh(d.value))).toBe(toHex(b));
  });

  it.each(fixtureNames('mh'))('re-encodes %s byte for byte, and every prefix without throwing', (name) => {
    const b = fixture('mh', name);
    expect(toHex(encodeMh(decodeMh(b, DEFAULTS).value))).toBe(toHex(b));
    const r = everyPrefix(b, (x) => decodeMh(x, DEFAULTS), encodeMh);
    expect(r.exact).toBe(b.length);
    expect(r.withIssues).toBe(b.length);
  });

  it('builds BU/BA/HAS padded to 8 octets with the checksum set', () => {
    const m = bu({ seq: 9, flags: ['A', 'H'], lifetimeS: 400, options: [mhOpt.dnsUpdate(0, false, 'mn.example.org')] });
    const b = withMhChecksum(encodeMh(m), MN, HA);
    expect(b.length % 8).toBe(0);
    expect(verifyMhChecksum(b, MN, HA)).toBe(true);
    const d = decodeMh(b, DEFAULTS);
    expect(d.issues).toEqual([]);
    expect(d.value.options[0]).toMatchObject({ name: 'DNS-UPDATE-TYPE', parsed: { status: 0, r: false, mnIdentity: 'mn.example.org' } });
    expect(encodeMh(ba({ seq: 9, flags: ['K'], lifetimeS: 400 })).length).toBe(16);
    const h = encodeMh(has({ addresses: ['2001:db8::2', '2001:db8::3'], b: true }));
    expect(h.length).toBe(40);
    expect(decodeMh(h, DEFAULTS).value.body).toMatchObject({ count: 2, b: true });
  });

  it('flags a HAS count larger than the message and a Header Len past the data', () => {
    const b = fixture('mh', 'has-b-bit.hex').slice();
    b[6] = 3;
    const d = decodeMh(b, DEFAULTS);
    expect(d.issues.map((i) => i.code)).toContain('mh.has.count-overrun');
    expect(toHex(encodeMh(d.value))).toBe(toHex(b));
    const c = fixture('mh', 'ba-accepted.hex').slice();
    c[1] = 5;
    const e = decodeMh(c, DEFAULTS);
    expect(e.issues[0]).toMatchObject({ code: 'mh.header.length-overrun', offset: 1 });
    expect(toHex(encodeMh(e.value))).toBe(toHex(c));
  });
});
