import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../assert/profiles.js';
import { CODEPOINT_DEFAULTS, CODEPOINT_INFO, codepoint } from './codepoints.js';
import { describeIke } from './ikev2/register.js';
import { decodeIke } from './ikev2/message.js';
import ikev2Module from './ikev2/register.js';
import { decodeMh } from './mh/message.js';
import mhModule, { describeMh } from './mh/register.js';
import { decodeMipv4 } from './mipv4/message.js';
import mipv4Module, { describeMipv4 } from './mipv4/register.js';
import { fixture, msgOf } from './pana/fixture.js';
import { decodePana } from './pana/message.js';
import panaModule, { describePana } from './pana/register.js';

describe('seed code points', () => {
  it('has the DIGEST §8/§11.2 defaults, each documented', () => {
    expect(CODEPOINT_DEFAULTS).toMatchObject({
      's001.mbr.command': 16777214, 's001.mhr.command': 16777215, 's001.appId': 4294967294, 's001.vendorId': 32473,
      'pana.avp.mobilityCapability': 1, 'pana.avp.haAddress': 2, 'pana.avp.hoa': 3, 'pana.avp.hoa.vendor': 32473,
    });
    expect(Object.keys(CODEPOINT_DEFAULTS).filter((k) => k.startsWith('s001.avp.') && k !== 's001.avp.mBit')).toHaveLength(7);
    for (const [k, v] of Object.entries(CODEPOINT_INFO)) {
      expect(v.description.length, k).toBeGreaterThan(10);
      expect(v.source, k).toMatch(/DIGEST|RFC|S00\d/);
    }
  });

  it('takes a configured value over the default and refuses unknown keys', () => {
    expect(codepoint({ codepoints: { 'pana.avp.hoa': 9 } }, 'pana.avp.hoa')).toBe(9);
    expect(codepoint(DEFAULTS, 'pana.avp.hoa')).toBe(3);
    expect(() => codepoint(DEFAULTS, 'pana.avp.nope')).toThrow(/unknown code point/);
  });
});

describe('protocol modules', () => {
  const at = { ts: 1, src: '2001:db8::1', dst: '2001:db8::2' };
  it('register ports / next header and describe messages as JSON-safe summaries', () => {
    expect(panaModule.udpPorts).toEqual([716, 3001]);
    expect(mipv4Module.udpPorts).toEqual([434]);
    expect(mhModule.ipProtos).toEqual([135]);
    expect(ikev2Module.udpPorts).toEqual([500, 4500]);
    const cases = [
      [describePana(msgOf('pana', decodePana(fixture('pana', 'par-start.hex'), DEFAULTS).value, at)), 'PANA-Auth-Request'],
      [describeMipv4(msgOf('mipv4', decodeMipv4(fixture('mipv4', 'rrp-s003.hex'), DEFAULTS).value, at)), 'Registration-Reply'],
      [describeMh(msgOf('mh', decodeMh(fixture('mh', 'has-b-bit.hex'), DEFAULTS).value, at)), 'Home Agent Switch'],
      [describeIke(msgOf('ikev2', decodeIke(fixture('ikev2', 'ike-auth-sk-4500.hex'), DEFAULTS).value, at)), 'IKE_AUTH request'],
    ] as const;
    for (const [d, name] of cases) {
      expect(d.msgType).toBe(name);
      expect(d.tree).toBeTypeOf('object');
      expect(() => JSON.stringify(d)).not.toThrow();
    }
    expect(cases[0][0]).toMatchObject({ abbrev: 'PAR', flags: ['R', 'S'], seq: 7 });
    expect(cases[1][0]).toMatchObject({ identification: String(0x1234567800000001n), code: { value: 0, name: 'registration accepted' } });
    expect(cases[2][0]).toMatchObject({ count: 1, b: true, addresses: ['2001:db8::2'] });
    expect(cases[3][0]).toMatchObject({ payloads: ['SK (encrypted)'], nonEspMarker: true, flags: ['I'] });
  });
});
