import { describe, expect, it } from 'vitest';
import { DEFAULTS, type Settings } from '../../assert/profiles.js';
import { toHex } from '../../wire/codec.js';
import { everyPrefix, fixture, fixtureNames } from '../pana/fixture.js';
import { mipv4Ext, rrq } from './build.js';
import { decodeMipv4, encodeMipv4 } from './message.js';

describe('Mobile IPv4 codec (RFC 5944 §3.3–3.5)', () => {
  it('decodes an RRQ with NAI and MN-HA authentication', () => {
    const d = decodeMipv4(fixture('mipv4', 'rrq-nai-auth.hex'), DEFAULTS);
    expect(d.issues).toEqual([]);
    expect(d.value).toMatchObject({ type: 1, flags: 0x02, lifetime: 1800, homeAddress: '0.0.0.0', homeAgent: '192.0.2.1', careOfAddress: '198.51.100.7', identification: 0xdeadbeef00000001n });
    expect(d.value.extensions.map((e) => e.name)).toEqual(['MN-NAI', 'MN-HA-Authentication']);
    expect(d.value.extensions[0]!.parsed).toBe('mn@example.org');
    expect(d.value.extensions[1]).toMatchObject({ parsed: { spi: 256 }, raw: { offset: 40, length: 22 } });
  });

  it('decodes an RRP with the S003 NVSEs', () => {
    const d = decodeMipv4(fixture('mipv4', 'rrp-s003.hex'), DEFAULTS);
    expect(d.issues).toEqual([]);
    expect(d.value).toMatchObject({ type: 3, code: 0, homeAddress: '203.0.113.9', identification: 0x1234567800000001n });
    expect(d.value.extensions.map((e) => [e.name, (e.parsed as { address?: string }).address])).toEqual([
      ['S003-HA-Assignment', '2001:db8::1'], ['S003-IPv6-Home-Address', '2001:db8:1::100'],
      ['S003-Temporary-IPv4-Home-Address', '203.0.113.9'], ['S003-IPv6-Care-of-Address', '2001:db8:2::7'],
      ['MN-HA-Authentication', undefined],
    ]);
    const other: Settings = { ...DEFAULTS, codepoints: { 's003.nvse.vendorId': 1 } };
    expect(decodeMipv4(fixture('mipv4', 'rrp-s003.hex'), other).value.extensions[0]!.name).toBe('NVSE');
  });

  it('reads CVSE in the long form and keeps an unknown extension', () => {
    const d = decodeMipv4(fixture('mipv4', 'rrq-cvse-unknown.hex'), DEFAULTS);
    expect(d.issues).toEqual([]);
    expect(d.value.extensions[0]).toMatchObject({ type: 38, subtype: 0, length: 8, parsed: { vendorId: 32473, vendorType: 7 } });
    expect(d.value.extensions[1]).toMatchObject({ type: 200, name: 'Extension-200', data: new Uint8Array([1, 2, 3]) });
  });

  it.each(fixtureNames('mipv4'))('re-encodes %s byte for byte, and every prefix without throwing', (name) => {
    const b = fixture('mipv4', name);
    expect(toHex(encodeMipv4(decodeMipv4(b, DEFAULTS).value))).toBe(toHex(b));
    const r = everyPrefix(b, (x) => decodeMipv4(x, DEFAULTS), encodeMipv4);
    expect(r.exact).toBe(b.length);
    expect(r.withIssues).toBeGreaterThan(0);
  });

  it('builds an RRQ; an unknown message type is kept raw', () => {
    const m = rrq({ flags: ['S', 'T'], homeAgent: '192.0.2.1', careOfAddress: '198.51.100.7', identification: 5n, extensions: [mipv4Ext.nai('a@b'), mipv4Ext.s003('thoav4', '203.0.113.1'), mipv4Ext.auth(32, 1, new Uint8Array(16))] });
    const b = encodeMipv4(m);
    expect(b[1]).toBe(0x82);
    const d = decodeMipv4(b, DEFAULTS);
    expect(d.value.extensions[1]!.name).toBe('S003-Temporary-IPv4-Home-Address');
    const odd = new Uint8Array([9, 1, 2, 3]);
    const u = decodeMipv4(odd, DEFAULTS);
    expect(u.value.body).toEqual(new Uint8Array([1, 2, 3]));
    expect(encodeMipv4(u.value)).toEqual(odd);
  });

  it('flags an extension length that overruns and keeps it for re-encoding', () => {
    const m = rrq({ homeAgent: '192.0.2.1', careOfAddress: '198.51.100.7', identification: 5n, extensions: [{ ...mipv4Ext.nai('x'), override: { length: 9 } }] });
    const b = encodeMipv4(m);
    const d = decodeMipv4(b, DEFAULTS);
    expect(d.issues[0]).toMatchObject({ code: 'mipv4.ext.length-overrun', offset: 25 });
    expect(encodeMipv4(d.value)).toEqual(b);
  });
});
