import { describe, expect, it } from 'vitest';
import { opt, msg } from './build.js';
import { duid } from './duid.js';
import { decodeDhcpv6, encodeDhcpv6 } from './message.js';
import { OPTION_DEFS, DEFS_BY_CODE } from './registry.js';
import { roundTrip, strip } from './testing.js';
import { fromHex, toHex } from '../../wire/codec.js';
import type { Dhcpv6Option } from './types.js';
import { findKind, findOption } from './find.js';

const mac = fromHex('001122334455');

/** one sample per option kind (every registered definition) */
const SAMPLES: Dhcpv6Option[] = [
  opt.clientId(duid.llt(mac, 12345)),
  opt.serverId(duid.en(9, fromHex('0a0b0c'))),
  opt.clientId(duid.ll(mac)),
  opt.clientId(duid.uuid(fromHex('00112233445566778899aabbccddeeff'))),
  opt.serverId(duid.other(99, fromHex('beef'))),
  opt.iaNa(1, 100, 200, [opt.iaAddr('2001:db8::5', 300, 400, [opt.statusCode(0, 'ok')])]),
  opt.iaTa(2, [opt.iaAddr('2001:db8::6', 1, 2)]),
  opt.iaAddr('2001:db8::7', 5, 6),
  opt.iaPrefix(64, '2001:db8:2::', 7, 8),
  opt.iaPd(3, 10, 20, [opt.iaPrefix(56, '2001:db8:100::', 30, 40)]),
  opt.oro([23, 24, 32, 83, 49, 69]),
  opt.preference(255),
  opt.elapsedTime(0xffff),
  opt.relayMsg(msg.informationRequest(0xabcdef, [opt.elapsedTime(0)])),
  opt.auth({ protocol: 3, algorithm: 1, rdm: 0, replay: 0x0102030405060708n, info: fromHex('deadbeef') }),
  opt.unicast('2001:db8::1'),
  opt.statusCode(5, 'use multicast ✓'),
  opt.rapidCommit(),
  opt.userClass(['a', 'bc']),
  opt.vendorClass(311, ['MSFT 5.0']),
  opt.vendorOpts(4491, [{ code: 1, data: fromHex('01') }, { code: 2, data: new Uint8Array(0) }]),
  opt.interfaceId('eth0'),
  opt.reconfMsg(5),
  opt.reconfAccept(),
  opt.dnsServers(['2001:db8::53', '2001:db8::35']),
  opt.domainList(['example.com', 'b.example']),
  opt.informationRefreshTime(86400),
  opt.solMaxRt(3600),
  opt.infMaxRt(3600),
  opt.erpLocalDomainName('erp.example'),
  opt.rsoo([opt.erpLocalDomainName('erp.example'), opt.haa('2001:db8::1')]),
  opt.relaySourcePort(547),
  opt.hnidf('msp.example'),
  opt.vdinf([opt.haa('2001:db8::2')]),
  opt.idinf([opt.hnidf('msp.example'), opt.haa('2001:db8::1'), opt.hnp(64, '2001:db8:1::'), opt.haf('ha.msp.example')]),
  opt.udinf([opt.haf('ha.example')]),
  opt.hnp(48, '2001:db8::'),
  opt.haa('2001:db8::abcd'),
  opt.haf('ha1.example.net'),
  opt.raw(65000, fromHex('010203')),
];

describe('option codecs', () => {
  it('registry has one definition per code and every kind is sampled', () => {
    const codes = OPTION_DEFS.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(DEFS_BY_CODE[72]?.name).toBe('OPTION_MIP6_HAA');
    const sampled = new Set(SAMPLES.map((o) => o.kind));
    for (const d of OPTION_DEFS) expect(sampled.has(d.kind), d.kind).toBe(true);
  });

  it.each(SAMPLES.map((o) => [`${o.code} ${o.kind}`, o] as const))('round-trips %s', (_n, o) => {
    const m = msg.informationRequest(0x123456, [o]);
    const { bytes, decoded, issues, reencoded } = roundTrip(m);
    expect(issues).toEqual([]);
    expect(toHex(reencoded)).toBe(toHex(bytes));
    const want = o.kind === 'raw' ? { code: o.code, kind: 'unknown', data: o.data } : o;
    expect(strip(decoded.options[0])).toEqual(strip(want));
    expect(decoded.options[0]!.offset).toBe(4);
    expect(decoded.options[0]!.length).toBe(bytes.length - 4);
  });

  it('unknown option re-encodes byte for byte', () => {
    const bytes = fromHex('0b000001 fde8 0005 0102030405 0008 0002 0000');
    const d = decodeDhcpv6(bytes);
    expect(d.issues).toEqual([]);
    expect(d.value.options[0]).toMatchObject({ code: 65000, kind: 'unknown', offset: 4, length: 9 });
    expect(toHex(encodeDhcpv6(d.value))).toBe(toHex(bytes));
  });

  it('ORO with odd length is an issue and still round-trips', () => {
    const bytes = fromHex('0b000001 0006 0005 0017 0018 20');
    const d = decodeDhcpv6(bytes);
    expect(d.issues.map((i) => i.code)).toEqual(['dhcpv6.oro.odd-length']);
    expect(d.issues[0]!.path).toEqual(['options', 0]);
    expect(findKind(d.value, 'oro')?.codes).toEqual([23, 24]);
    expect(toHex(encodeDhcpv6(d.value))).toBe(toHex(bytes));
  });

  it('NUL-terminated status message is an issue', () => {
    const bytes = fromHex('07000001 000d 0005 0000 6f6b00');
    const d = decodeDhcpv6(bytes);
    expect(d.issues.map((i) => [i.code, i.offset])).toEqual([['dhcpv6.status.nul-terminated', 12]]);
    expect(findKind(d.value, 'statusCode')).toMatchObject({ status: 0, message: 'ok\0' });
    expect(toHex(encodeDhcpv6(d.value))).toBe(toHex(bytes));
  });

  it('invalid UTF-8 status message keeps its bytes', () => {
    const bytes = fromHex('07000001 000d 0004 0001 ff fe');
    const d = decodeDhcpv6(bytes);
    expect(d.issues.map((i) => i.code)).toEqual(['dhcpv6.status.bad-utf8']);
    expect(toHex(encodeDhcpv6(d.value))).toBe(toHex(bytes));
  });

  it('wrong fixed length keeps the option raw with an issue', () => {
    const bytes = fromHex('07000001 0048 000f 20010db8000000000000000000000001'.slice(0, -2)); // HAA of 15 octets
    const d = decodeDhcpv6(bytes);
    expect(d.issues.map((i) => [i.code, i.offset, i.expected, i.actual])).toEqual([['dhcpv6.option.bad-length', 4, 16, 15]]);
    expect(d.value.options[0]).toMatchObject({ code: 72, kind: 'raw' });
    expect(findOption(d.value, 72)).toBeDefined();
    expect(toHex(encodeDhcpv6(d.value))).toBe(toHex(bytes));
  });

  it('DUID types decode; a short LLT and a bad length are issues', () => {
    const d = decodeDhcpv6(fromHex('0b000001 0001 0006 0001 0001 0000'));
    expect(d.value.options[0]).toMatchObject({ kind: 'clientId', duid: { kind: 'other', type: 1 } });
    expect(d.issues.map((i) => i.code)).toEqual(['dhcpv6.duid.bad-length']);
    const uuid = decodeDhcpv6(fromHex('0b000001 0001 0012 0004 00112233445566778899aabbccddeeff'));
    expect(uuid.value.options[0]).toMatchObject({ duid: { kind: 'uuid', type: 4 } });
    expect(uuid.issues).toEqual([]);
  });

  it('lengthOverride writes the given length (negative tests)', () => {
    const m = msg.informationRequest(1, [opt.withLength(opt.elapsedTime(0), 40)]);
    const bytes = encodeDhcpv6(m);
    expect(toHex(bytes)).toBe('0b000001' + '00080028' + '0000');
    const d = decodeDhcpv6(bytes);
    expect(d.issues.map((i) => [i.code, i.offset])).toEqual([['dhcpv6.option.length-overrun', 4]]);
    expect(toHex(encodeDhcpv6(d.value))).toBe(toHex(bytes));
  });

  it('HNIDF profiles: rfc6610 bare FQDN vs hiopt-draft id-type octet', () => {
    const bare = encodeDhcpv6(msg.informationRequest(1, [opt.hnidf('msp.example')]));
    expect(toHex(bare)).toBe('0b000001' + '0031000d' + '036d7370076578616d706c6500');
    const draft = encodeDhcpv6(msg.informationRequest(1, [opt.hnidf('msp.example', 1)]));
    expect(toHex(draft)).toBe('0b000001' + '0031000e' + '01' + '036d7370076578616d706c6500');
    const asDraft = decodeDhcpv6(draft, { 'dhcpv6.hnidf': 'hiopt-draft' });
    expect(asDraft.issues).toEqual([]);
    expect(findKind(asDraft.value, 'hnidf')).toMatchObject({ fqdn: 'msp.example', idType: 1 });
    expect(toHex(encodeDhcpv6(asDraft.value, { 'dhcpv6.hnidf': 'hiopt-draft' }))).toBe(toHex(draft));
    // the draft layout read as RFC 6610: octet 1 is a label length that overruns → raw with an issue
    const asRfc = decodeDhcpv6(draft);
    expect(asRfc.value.options[0]!.kind).toBe('raw');
    expect(asRfc.issues.length).toBeGreaterThan(0);
    // bare RFC 6610 read with the draft profile: 0x03 taken as id-type, rest is not a whole name
    const bareAsDraft = decodeDhcpv6(bare, { 'dhcpv6.hnidf': 'hiopt-draft' });
    expect(bareAsDraft.value.options[0]!.kind).toBe('raw');
    // under the draft profile an HNIDF built without idType gets id-type 0
    const d0 = encodeDhcpv6(msg.informationRequest(1, [opt.hnidf('msp.example')]), { 'dhcpv6.hnidf': 'hiopt-draft' });
    expect(toHex(d0)).toBe('0b000001' + '0031000e' + '00' + '036d7370076578616d706c6500');
  });

  it('vendor sub-option overrun and user-class overrun keep the option raw', () => {
    const d = decodeDhcpv6(fromHex('0b000001 0011 0009 00000009 0001 0009 01 000f 0004 0005 6162'));
    expect(d.value.options.map((o) => o.kind)).toEqual(['raw', 'raw']);
    expect(d.issues.map((i) => i.code)).toEqual(['dhcpv6.option.bad-format', 'dhcpv6.option.bad-format']);
  });
});
