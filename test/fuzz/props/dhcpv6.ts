// DHCPv6 (RFC 8415 §8, §9, §21; RFC 6610; RFC 6422) codec properties.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDhcpv6, encodeDhcpv6, msg, opt, optionDef, duid as mkDuid } from '../../../src/proto/dhcpv6/index.js';
import { ipv6At } from '../../../src/proto/dhcpv6/addr.js';
import type { Dhcpv6Message, Dhcpv6Option, Duid } from '../../../src/proto/dhcpv6/types.js';
import { check, expectIssues, hex, hostile, ipv6Bytes, without } from '../support.js';

const SPANS = new Set(['offset', 'length']);
const addr = ipv6Bytes.map((b) => ipv6At(b, 0));
const bytes = (max = 24): fc.Arbitrary<Uint8Array> => fc.uint8Array({ maxLength: max });
const u16 = fc.integer({ min: 0, max: 0xffff });
const u32 = fc.integer({ min: 0, max: 0xffffffff });

/** DNS name text as the decoder renders it (RFC 1035 labels; \DDD, \. and \\ escapes) */
function labelText(l: Uint8Array): string {
  let s = '';
  for (const c of l) {
    if (c > 0x20 && c < 0x7f && c !== 0x2e && c !== 0x5c) s += String.fromCharCode(c);
    else if (c === 0x2e) s += '\\.';
    else if (c === 0x5c) s += '\\\\';
    else s += '\\' + String(c).padStart(3, '0');
  }
  return s;
}
const label = fc.oneof(
  fc.stringMatching(/^[a-z0-9-]{1,20}$/).map((s) => new TextEncoder().encode(s)),
  fc.uint8Array({ minLength: 1, maxLength: 63 }),
);
export const fqdn = fc.array(label, { maxLength: 4 }).map((ls) => ls.map(labelText).join('.'));

export const duidArb: fc.Arbitrary<Duid> = fc.oneof(
  fc.tuple(bytes(16), u32, u16).map(([ll, t, hw]) => mkDuid.llt(ll, t, hw)),
  fc.tuple(u32, bytes(20)).map(([en, id]) => mkDuid.en(en, id)),
  fc.tuple(bytes(16), u16).map(([ll, hw]) => mkDuid.ll(ll, hw)),
  fc.uint8Array({ minLength: 16, maxLength: 16 }).map((u) => mkDuid.uuid(u)),
  fc.tuple(u16.filter((t) => t < 1 || t > 4), bytes(20)).map(([t, d]) => mkDuid.other(t, d)),
);

const unknownCode = u16.filter((c) => optionDef(c) === undefined);

/** leaf options (no nesting) */
const leaf: fc.Arbitrary<Dhcpv6Option> = fc.oneof(
  duidArb.map(opt.clientId),
  duidArb.map(opt.serverId),
  fc.array(u16, { maxLength: 8 }).map(opt.oro),
  fc.integer({ min: 0, max: 255 }).map(opt.preference),
  u16.map(opt.elapsedTime),
  fc.record({
    protocol: fc.integer({ min: 0, max: 255 }), algorithm: fc.integer({ min: 0, max: 255 }), rdm: fc.integer({ min: 0, max: 255 }),
    replay: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), info: bytes(),
  }).map(opt.auth),
  addr.map(opt.unicast),
  fc.tuple(u16, fc.string({ unit: 'grapheme', maxLength: 12 })).map(([s, m]) => opt.statusCode(s, m)),
  fc.constant(opt.rapidCommit()),
  fc.array(bytes(10), { maxLength: 3 }).map(opt.userClass),
  fc.tuple(u32, fc.array(bytes(10), { maxLength: 3 })).map(([e, c]) => opt.vendorClass(e, c)),
  fc.tuple(u32, fc.array(fc.record({ code: u16, data: bytes(10) }), { maxLength: 3 })).map(([e, s]) => opt.vendorOpts(e, s)),
  bytes().map(opt.interfaceId),
  fc.integer({ min: 0, max: 255 }).map(opt.reconfMsg),
  fc.constant(opt.reconfAccept()),
  fc.array(addr, { maxLength: 3 }).map(opt.dnsServers),
  fc.array(fqdn, { maxLength: 3 }).map(opt.domainList),
  u32.map(opt.informationRefreshTime),
  u32.map(opt.solMaxRt),
  u32.map(opt.infMaxRt),
  fqdn.map(opt.erpLocalDomainName),
  u16.map(opt.relaySourcePort),
  fqdn.map((f) => opt.hnidf(f)),
  fc.tuple(fc.integer({ min: 0, max: 255 }), addr).map(([l, p]) => opt.hnp(l, p)),
  addr.map(opt.haa),
  fqdn.map(opt.haf),
  fc.tuple(unknownCode, bytes()).map(([code, data]): Dhcpv6Option => ({ code, kind: 'unknown', data })),
);

const clientType = fc.integer({ min: 0, max: 255 }).filter((t) => t !== 12 && t !== 13);

/** options and messages nested through containers and RELAY_MSG */
export const tree = fc.letrec<{ option: Dhcpv6Option; options: Dhcpv6Option[]; message: Dhcpv6Message }>((tie) => ({
  option: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(u32, u32, u32, tie('options')).map(([a, b, c, o]) => opt.iaNa(a, b, c, o)),
    fc.tuple(u32, tie('options')).map(([a, o]) => opt.iaTa(a, o)),
    fc.tuple(u32, u32, u32, tie('options')).map(([a, b, c, o]) => opt.iaPd(a, b, c, o)),
    fc.tuple(addr, u32, u32, tie('options')).map(([a, p, v, o]) => opt.iaAddr(a, p, v, o)),
    fc.tuple(fc.integer({ min: 0, max: 255 }), addr, u32, u32, tie('options')).map(([l, a, p, v, o]) => opt.iaPrefix(l, a, p, v, o)),
    tie('options').map(opt.rsoo),
    tie('options').map(opt.vdinf),
    tie('options').map(opt.idinf),
    tie('options').map(opt.udinf),
    tie('message').map(opt.relayMsg),
  ),
  options: fc.array(tie('option'), { maxLength: 4, depthIdentifier: 'opts' }),
  message: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(clientType, fc.integer({ min: 0, max: 0xffffff }), tie('options')).map(([t, id, o]) => msg.message(t, id, o)),
    fc.tuple(fc.constantFrom(12, 13), fc.integer({ min: 0, max: 255 }), addr, addr, tie('options')).map(([t, h, l, p, o]) =>
      msg.relay(t, h, l, p, o)),
  ),
}));

const seeds = tree.message.map((m) => encodeDhcpv6(m));

describe('DHCPv6 properties', () => {
  it('decode(encode(x)) equals x for built messages, without issues', () => {
    check(tree.message, (m) => {
      const b = encodeDhcpv6(m);
      const d = decodeDhcpv6(b);
      expect(d.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(without(d.value, SPANS)).toEqual(without(m, SPANS));
      expect(hex(encodeDhcpv6(d.value))).toBe(hex(b));
    });
  });

  it('encode(decode(bytes)) === bytes for any bytes and mutated messages (unknown and raw data kept)', () => {
    check(hostile(seeds, [{ at: 2, size: 2 }, { at: 6, size: 2 }, { at: 36, size: 2 }]), (b) => {
      const d = decodeDhcpv6(b);
      expect(hex(encodeDhcpv6(d.value))).toBe(hex(b));
    });
  });

  it('hostile bytes never throw; issues are typed with offsets inside the buffer (both HNIDF profiles)', () => {
    check(fc.tuple(hostile(seeds, [{ at: 2, size: 2 }, { at: 36, size: 2 }]), fc.boolean()), ([b, draft]) => {
      const d = decodeDhcpv6(b, { 'dhcpv6.hnidf': draft ? 'hiopt-draft' : 'rfc6610' });
      expectIssues(d.issues, b.length);
    });
  });
});
