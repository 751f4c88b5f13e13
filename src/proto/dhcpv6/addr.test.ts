import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { canonicalIpv6, ipv6At, ipv6Bytes } from './addr.js';

describe('ipv6 text', () => {
  it('matches ipaddr.js toString (RFC 5952) on random addresses, biased to zero runs', () => {
    const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const b = new Uint8Array(16);
        groups.forEach((g, i) => {
          b[2 * i] = g >> 8;
          b[2 * i + 1] = g & 0xff;
        });
        expect(ipv6At(b, 0)).toBe(ipaddr.fromByteArray([...b]).toString());
        expect([...ipv6Bytes(ipv6At(b, 0))]).toEqual([...b]);
      }),
      { numRuns: 5000 },
    );
  });

  it('canonicalises text', () => {
    expect(canonicalIpv6('2001:DB8:0:0:0:0:0:1')).toBe('2001:db8::1');
    expect(canonicalIpv6('2001:db8:0:1:0:0:1:1')).toBe('2001:db8:0:1::1:1');
    expect(canonicalIpv6('::')).toBe('::');
    expect(() => ipv6Bytes('10.0.0.1')).toThrow(RangeError);
  });
});
