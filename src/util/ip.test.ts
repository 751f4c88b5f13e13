import { describe, expect, it } from 'vitest';
import { ipToString, isIp, parseIp } from './ip.js';

describe('util/ip', () => {
  it('parses and prints RFC 5952 text for IPv6 and dotted quads for IPv4', () => {
    expect(ipToString(parseIp('2001:DB8:0:0:1:0:0:1'))).toBe('2001:db8::1:0:0:1');
    expect(ipToString(parseIp('2001:db8:0:0:0:0:2:1'))).toBe('2001:db8::2:1');
    expect(ipToString(parseIp('fe80::1%eth0'))).toBe('fe80::1');
    expect(ipToString(parseIp('192.0.2.33'))).toBe('192.0.2.33');
    expect(parseIp('::1')).toHaveLength(16);
    expect(ipToString(Uint8Array.of(9, 9, 10, 0, 0, 1, 9), 2, 4)).toBe('10.0.0.1');
  });
  it('is stable through its cache and rejects bad input', () => {
    const a = parseIp('2001:db8::7');
    expect(ipToString(a)).toBe(ipToString(a.slice()));
    expect(() => parseIp('2001:db8::g')).toThrow();
    expect(isIp('1.2.3')).toBe(false);
    expect(() => ipToString(new Uint8Array(5))).toThrow(RangeError);
  });
});
