import { describe, expect, it } from 'vitest';
import { opt, msg } from './build.js';
import { nameToWire } from './fqdn.js';
import { decodeDhcpv6, encodeDhcpv6 } from './message.js';
import { findKind } from './find.js';
import { fromHex, toHex } from '../../wire/codec.js';

const hafOf = (data: string) => fromHex('0b000001 0049' + (fromHex(data).length.toString(16).padStart(4, '0')) + data);

describe('FQDN codec (RFC 1035 §3.1, RFC 8415 §10)', () => {
  it('encodes labels with a root terminator; a trailing dot is the same name', () => {
    expect(toHex(nameToWire('ha.example'))).toBe('02686107' + '6578616d706c65' + '00');
    expect(toHex(nameToWire('ha.example.'))).toBe(toHex(nameToWire('ha.example')));
    expect(toHex(nameToWire(''))).toBe('00');
  });

  it('escapes odd octets so any label round-trips', () => {
    const wire = fromHex('03 612e62 02 5c00 01 ff 00');
    const d = decodeDhcpv6(hafOf(toHex(wire)));
    expect(d.issues).toEqual([]);
    const haf = findKind(d.value, 'haf')!;
    expect(haf.fqdn).toBe('a\\.b.\\\\\\000.\\255');
    expect(toHex(nameToWire(haf.fqdn))).toBe(toHex(wire));
  });

  it('compression pointer, long label, overrun and missing terminator are issues; the option stays raw', () => {
    const cases: [string, string][] = [
      ['02 6861 c00c', 'dhcpv6.fqdn.compression'],
      ['40' + '61'.repeat(64) + '00', 'dhcpv6.fqdn.label-too-long'],
      ['05 6861', 'dhcpv6.fqdn.label-overrun'],
      ['02 6861', 'dhcpv6.fqdn.not-terminated'],
      ['02 6861 00 00', 'dhcpv6.fqdn.trailing-bytes'],
    ];
    for (const [data, code] of cases) {
      const bytes = hafOf(data.replace(/ /g, ''));
      const d = decodeDhcpv6(bytes);
      expect(d.issues.map((i) => i.code), data).toEqual([code]);
      expect(d.value.options[0]!.kind).toBe('raw');
      expect(toHex(encodeDhcpv6(d.value))).toBe(toHex(bytes));
    }
  });

  it('a name over 255 octets decodes with a warning', () => {
    const name = Array.from({ length: 5 }, () => 'a'.repeat(60)).join('.');
    const bytes = encodeDhcpv6(msg.informationRequest(1, [opt.haf(name)]));
    const d = decodeDhcpv6(bytes);
    expect(d.issues.map((i) => [i.code, i.severity])).toEqual([['dhcpv6.fqdn.too-long', 'warning']]);
    expect(findKind(d.value, 'haf')?.fqdn).toBe(name);
  });

  it('a label over 63 octets cannot be built (use opt.raw for that)', () => {
    expect(() => nameToWire('a'.repeat(64) + '.example')).toThrow(RangeError);
  });
});
