import { describe, expect, it } from 'vitest';
import { msg, opt, OPT } from '../../src/proto/dhcpv6/index.js';
import {
  codeList, firstDiff, hnidfPlacement, homeInfoAsked, homeInfoCodes, isLinkLocal, isMulticast, isUnspecified, relayPayload,
} from './client-relay-kit.js';
import { encodeDhcpv6, decodeDhcpv6 } from '../../src/proto/dhcpv6/index.js';

describe('client-relay-kit', () => {
  it('firstDiff finds the first differing octet, or the shorter length', () => {
    expect(firstDiff(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(-1);
    expect(firstDiff(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 9, 3))).toBe(1);
    expect(firstDiff(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3))).toBe(2);
  });

  it('classifies address scopes and never throws on junk', () => {
    expect(isLinkLocal('fe80::1')).toBe(true);
    expect(isLinkLocal('2001:db8::1')).toBe(false);
    expect(isUnspecified('::')).toBe(true);
    expect(isMulticast('ff05::1:3')).toBe(true);
    expect(isMulticast('not an address')).toBe(false);
  });

  it('reads the ORO codes under both rfc6611.oroCodes settings and names them', () => {
    const codes = [OPT.MIP6_HNIDF, OPT.INFORMATION_REFRESH_TIME, OPT.INF_MAX_RT];
    expect(homeInfoCodes(codes, 'any')).toEqual([49]);
    expect(homeInfoCodes(codes, 'rfc6610')).toEqual([]);
    expect(homeInfoAsked([69, 32, 83])).toBe('IDINF');
    expect(codeList([69, 32, 83])).toBe('[69, 32, 83]');
  });

  it('reports where the HNIDF sits', () => {
    expect(hnidfPlacement(msg.informationRequest(1, [opt.hnidf('a.example')]))?.where).toBe('at the top level');
    expect(hnidfPlacement(msg.informationRequest(1, [opt.idinf([opt.hnidf('a.example')])]))?.where).toBe('inside IDINF');
    expect(hnidfPlacement(msg.informationRequest(1, []))).toBeUndefined();
  });

  it('gives the exact octets a Relay-forw carries', () => {
    const inner = msg.informationRequest(0x123456, [opt.elapsedTime(0)]);
    const raw = encodeDhcpv6(msg.relayForw(0, '2001:db8::1', 'fe80::2', [opt.relayMsg(inner)]));
    const d = decodeDhcpv6(raw).value;
    if (d.kind !== 'relay') throw new Error('expected a relay message');
    expect(firstDiff(relayPayload(d, raw)!.bytes!, encodeDhcpv6(inner))).toBe(-1);
  });
});
