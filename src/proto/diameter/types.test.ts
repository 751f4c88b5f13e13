import { describe, expect, it } from 'vitest';
import { decodeValue, encodeValue, ntpToUnix, unixToNtp, parseUri, ipv6Text, decodeUtf8, type AvpValue } from './types.js';
import type { AvpType } from './dictionary/types.js';

const rt = (type: AvpType, v: AvpValue) => {
  const bytes = encodeValue(type, v);
  const d = decodeValue(type, bytes, 0);
  expect(d.issue).toBeUndefined();
  expect(encodeValue(type, d.value)).toEqual(bytes);
  return d.value;
};

describe('RFC 6733 §4.2/§4.3 data types', () => {
  it('round-trips every basic type exactly', () => {
    expect(rt('OctetString', new Uint8Array([0, 1, 255]))).toEqual(new Uint8Array([0, 1, 255]));
    expect(rt('Integer32', -2147483648)).toBe(-2147483648);
    expect(rt('Integer32', 2147483647)).toBe(2147483647);
    expect(rt('Unsigned32', 4294967295)).toBe(4294967295);
    expect(rt('Integer64', -9223372036854775808n)).toBe(-9223372036854775808n);
    expect(rt('Unsigned64', 18446744073709551615n)).toBe(18446744073709551615n);
    expect(rt('Float32', 1.5)).toBe(1.5);
    expect(rt('Float64', -0.1)).toBe(-0.1);
    expect(rt('Enumerated', 3)).toBe(3);
    expect(rt('UTF8String', 'héllo ✓')).toBe('héllo ✓');
    expect(rt('DiameterIdentity', 'aaa.example.com')).toBe('aaa.example.com');
  });

  it('Unsigned64 keeps the full 64 bits (bigint), e.g. MIP6-Feature-Vector high bits', () => {
    const v = rt('Unsigned64', 0x0002010000000003n);
    expect(v).toBe(0x0002010000000003n);
  });

  it('Address: IPv4 (family 1), IPv6 (family 2, RFC 5952 text), other families as bytes', () => {
    expect(encodeValue('Address', { family: 1, ip: '192.0.2.1' })).toEqual(new Uint8Array([0, 1, 192, 0, 2, 1]));
    expect(rt('Address', { family: 2, ip: '2001:db8::1' })).toEqual({ family: 2, ip: '2001:db8::1' });
    const e164 = new Uint8Array([0, 8, 0x31, 0x32]);
    const d = decodeValue('Address', e164, 0);
    expect(d.value).toEqual({ family: 8, bytes: new Uint8Array([0x31, 0x32]) });
    expect(encodeValue('Address', d.value)).toEqual(e164);
  });

  it('Address with a wrong length for its family is an issue and keeps the bytes', () => {
    const bad = new Uint8Array([0, 1, 192, 0, 2]);
    const d = decodeValue('Address', bad, 40);
    expect(d.issue).toMatchObject({ code: 'diameter.avp.bad-length', offset: 40, expected: 6, actual: 5 });
    expect(d.value).toBe(bad);
  });

  it('fixed-size types with a wrong length → diameter.avp.bad-length, raw bytes kept', () => {
    for (const [t, n] of [['Unsigned32', 2], ['Integer32', 5], ['Unsigned64', 4], ['Float64', 7], ['Time', 3], ['Enumerated', 8]] as const) {
      const raw = new Uint8Array(n).fill(7);
      const d = decodeValue(t, raw, 12);
      expect(d.issue?.code).toBe('diameter.avp.bad-length');
      expect(d.issue?.offset).toBe(12);
      expect(d.value).toBe(raw);
    }
  });

  it('Time follows the RFC 5905 era rule across the 2036 wrap', () => {
    expect(ntpToUnix(0xe9f3c4c0)).toBe(0xe9f3c4c0 - 2208988800);
    // 2036-02-07T06:28:16Z is NTP 0 of era 1
    expect(new Date(ntpToUnix(0) * 1000).toISOString()).toBe('2036-02-07T06:28:16.000Z');
    expect(new Date(ntpToUnix(0x7fffffff) * 1000).toISOString()).toBe('2104-02-26T09:42:23.000Z');
    expect(new Date(ntpToUnix(0x80000000) * 1000).toISOString()).toBe('1968-01-20T03:14:08.000Z');
    const t = Date.UTC(2040, 0, 1) / 1000;
    expect(unixToNtp(t)).toBeLessThan(0x80000000);
    expect(ntpToUnix(unixToNtp(t))).toBe(t);
    const d = decodeValue('Time', encodeValue('Time', { ntp: unixToNtp(t), unix: t }), 0);
    expect(d.value).toEqual({ ntp: unixToNtp(t), unix: t });
  });

  it('UTF8String that is not UTF-8 → issue, bytes kept', () => {
    const bad = new Uint8Array([0x61, 0xc3, 0x28]);
    const d = decodeValue('UTF8String', bad, 8);
    expect(d.issue?.code).toBe('diameter.avp.bad-utf8');
    expect(d.value).toBe(bad);
    expect(decodeUtf8(new Uint8Array([0xe2, 0x9c, 0x93]))).toBe('✓');
  });

  it('DiameterURI parsing (§4.3.1) keeps the string', () => {
    expect(parseUri('aaa://host.example.com:6666;transport=tcp;protocol=diameter')).toEqual({
      uri: 'aaa://host.example.com:6666;transport=tcp;protocol=diameter', secure: false, fqdn: 'host.example.com', port: 6666, transport: 'tcp', protocol: 'diameter',
    });
    expect(parseUri('aaas://host.example.com')).toMatchObject({ secure: true, port: 5658 });
    expect(parseUri('aaa://host.example.com;transport=udp;protocol=radius')).toMatchObject({ port: 3868, transport: 'udp', protocol: 'radius' });
    expect(parseUri('http://x')).toBeUndefined();
    expect(parseUri('aaa://h;transport=quic')).toBeUndefined();
    const d = decodeValue('DiameterURI', new TextEncoder().encode('bogus'), 4);
    expect(d.issue?.code).toBe('diameter.avp.bad-uri');
    expect(encodeValue('DiameterURI', d.value)).toEqual(new TextEncoder().encode('bogus'));
  });

  it('formats IPv6 per RFC 5952', () => {
    const b = new Uint8Array(16);
    expect(ipv6Text(b)).toBe('::');
    b[15] = 1;
    expect(ipv6Text(b)).toBe('::1');
    const c = new Uint8Array([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Text(c)).toBe('2001:db8:0:1::1');
    const e = new Uint8Array([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Text(e)).toBe('2001:db8::1:0:0:1');
  });
});
