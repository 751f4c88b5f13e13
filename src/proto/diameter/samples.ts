// Sample messages (one per command the tool knows), used for fixtures/messages/diameter/*.hex, tests and probes.
// Values are documentation ones: example.net / example.com (RFC 2606), 2001:db8::/32 (RFC 3849), 192.0.2.0/24 (RFC 5737).
import { avp, diameterMessage } from './build.js';
import type { DiameterAvp } from './avp.js';
import type { DiameterMessage } from './message.js';
import { defaultDictionary, type Dictionary } from './dictionary/index.js';

const SID = 'nas.example.net;1096298391;1';
const id = { hopByHop: 0x1234abcd, endToEnd: 0x5a5a0001 };

/** 17-octet prefix form (RFC 5447 §4.2.4): length + 16 octets. */
export function prefix17(prefixLength: number, addr16: number[]): Uint8Array {
  const b = new Uint8Array(17);
  b[0] = prefixLength;
  b.set(addr16, 1);
  return b;
}

const HLP = prefix17(64, [0x20, 0x01, 0x0d, 0xb8, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

export function sampleMessages(dict: Dictionary = defaultDictionary()): Record<string, DiameterMessage> {
  const a = (n: string | number, v: Parameters<typeof avp>[1], o: Parameters<typeof avp>[2] = {}): DiameterAvp => avp(n, v, { dict, ...o });
  const m = (c: string, avps: DiameterAvp[], extra: Parameters<typeof diameterMessage>[2] = {}) => diameterMessage(c, avps, { dict, ...id, ...extra });
  const nas = [a('Origin-Host', 'nas.example.net'), a('Origin-Realm', 'example.net')];
  const aaa = [a('Origin-Host', 'aaa.example.com'), a('Origin-Realm', 'example.com')];
  const agentInfo = a('MIP6-Agent-Info', [
    a('MIP-Home-Agent-Address', '2001:db8:1::1'),
    a('MIP-Home-Agent-Host', [a('Destination-Realm', 'example.com'), a('Destination-Host', 'ha1.example.com')]),
    a('MIP6-Home-Link-Prefix', HLP),
  ]);
  const fv = (x: bigint) => a('MIP6-Feature-Vector', x);
  const s001 = dict.applications.find((x) => x.name === 's001')!;
  const s001App = s001.appIds[0]!;
  return {
    cer: m('CER', [...nas, a('Host-IP-Address', '2001:db8::10'), a('Host-IP-Address', '192.0.2.10'), a('Vendor-Id', 32473),
      a('Product-Name', 'mip6-conform'), a('Origin-State-Id', 1), a('Auth-Application-Id', 1), a('Auth-Application-Id', 5),
      a('Vendor-Specific-Application-Id', [a('Vendor-Id', 32473), a('Auth-Application-Id', s001App)]), a('Firmware-Revision', 100)]),
    cea: m('CEA', [a('Result-Code', 'DIAMETER_SUCCESS'), ...aaa, a('Host-IP-Address', '2001:db8::20'), a('Vendor-Id', 32473),
      a('Product-Name', 'aaa-server'), a('Auth-Application-Id', 1), a('Auth-Application-Id', 8)]),
    dwr: m('DWR', [...nas, a('Origin-State-Id', 1)]),
    dwa: m('DWA', [a('Result-Code', 2001), ...aaa]),
    dpr: m('DPR', [...nas, a('Disconnect-Cause', 'DO_NOT_WANT_TO_TALK_TO_YOU')]),
    dpa: m('DPA', [a('Result-Code', 2001), ...aaa]),
    'aar-mip6': m('AAR', [a('Session-Id', SID), a('Auth-Application-Id', 1), ...nas, a('Destination-Realm', 'example.com'),
      a('Auth-Request-Type', 'AUTHORIZE_AUTHENTICATE'), a('NAS-Identifier', 'nas1'), a('NAS-IPv6-Address', new Uint8Array(16).fill(0x20, 0, 1)),
      a('NAS-Port-Type', 19), a('Called-Station-Id', '00-11-22-33-44-55:ssid'), a('Calling-Station-Id', '66-77-88-99-aa-bb'),
      a('User-Name', 'mn1@example.com'), agentInfo, fv(0x3n)]),
    'aaa-mip6': m('AAA', [a('Session-Id', SID), a('Auth-Application-Id', 1), a('Auth-Request-Type', 'AUTHORIZE_AUTHENTICATE'),
      a('Result-Code', 'DIAMETER_SUCCESS'), ...aaa, a('Reply-Message', 'welcome'), agentInfo, fv(0x1n)]),
    'der-mip6i': m('DER', [a('Session-Id', 'ha1.example.com;1;7'), a('Auth-Application-Id', 7), a('Origin-Host', 'ha1.example.com'),
      a('Origin-Realm', 'example.com'), a('Destination-Realm', 'example.com'), a('Auth-Request-Type', 'AUTHORIZE_AUTHENTICATE'),
      a('User-Name', 'mn1@example.com'), a('EAP-Payload', new Uint8Array([2, 1, 0, 5, 1])), fv(0x1n),
      a('MIP-Mobile-Node-Address', '2001:db8:1::100'), a('Service-Selection', 'ims')], { applicationId: 7 }),
    'dea-mip6i': m('DEA', [a('Session-Id', 'ha1.example.com;1;7'), a('Auth-Application-Id', 7), a('Auth-Request-Type', 'AUTHORIZE_AUTHENTICATE'),
      a('Result-Code', 2001), ...aaa, a('EAP-Payload', new Uint8Array([3, 1, 0, 4])), a('EAP-Master-Session-Key', new Uint8Array(64).fill(0xab)),
      a('Accounting-EAP-Auth-Method', 23n), fv(0x1n), a('MIP-Mobile-Node-Address', '2001:db8:1::100')], { applicationId: 7 }),
    mir: m('MIR', [a('Session-Id', 'ha1.example.com;2;8'), a('Auth-Application-Id', 8), a('User-Name', 'mn1@example.com'),
      a('Destination-Realm', 'example.com'), a('Origin-Host', 'ha1.example.com'), a('Origin-Realm', 'example.com'),
      a('Auth-Request-Type', 'AUTHORIZE_AUTHENTICATE'), fv(0x1n), a('MIP6-Auth-Mode', 'MIP6_AUTH_MN_AAA'), a('MIP-MN-AAA-SPI', 0x100),
      a('MIP-Mobile-Node-Address', '2001:db8:1::100'), a('MIP6-Agent-Info', [a('MIP-Home-Agent-Address', '2001:db8:1::1')]),
      a('MIP-Careof-Address', '2001:db8:ffff::5'), a('MIP-Authenticator', new Uint8Array(12).fill(0x11)),
      a('MIP-MAC-Mobility-Data', new Uint8Array(20).fill(0x22)), a('MIP-Timestamp', new Uint8Array([0xe9, 0, 0, 0, 0, 0, 0, 1])),
      a('Event-Timestamp', new Date('2024-05-01T12:00:00Z'))]),
    mia: m('MIA', [a('Session-Id', 'ha1.example.com;2;8'), a('Auth-Application-Id', 8), a('Result-Code', 2001), ...aaa,
      a('Auth-Request-Type', 'AUTHORIZE_AUTHENTICATE'), a('Authorization-Lifetime', 3600), a('Re-Auth-Request-Type', 'AUTHORIZE_ONLY'),
      a('MIP-Mobile-Node-Address', '2001:db8:1::100'),
      a('MIP-MN-HA-MSA', [a('MIP-Session-Key', new Uint8Array(20).fill(0x33)), a('MIP-MSA-Lifetime', 3600), a('MIP-MN-HA-SPI', 0x200),
        a('MIP-Algorithm-Type', 'HMAC-SHA-1'), a('MIP-Replay-Mode', 'Timestamp')]),
      a('Redirect-Host', 'aaa://aaa2.example.com:3868;transport=sctp;protocol=diameter')]),
    mbr: m('MBR', [a('Session-Id', SID), a('Auth-Application-Id', s001App), ...nas, a('Destination-Realm', 'example.com'),
      a('Auth-Request-Type', 'AUTHORIZE_ONLY'), a('User-Name', 'mn1@example.com'), a('DNS-Update-Mobility-Option', new Uint8Array([0, 0x80, 0, 0])),
      a('MIPv6-Bootstrapping-Feature', 0x2n)]),
    mba: m('MBA', [a('Session-Id', SID), a('Auth-Application-Id', s001App), a('Auth-Request-Type', 'AUTHORIZE_ONLY'), a('Result-Code', 2001), ...aaa,
      a('DNS-Update-Mobility-Option', new Uint8Array([0, 0, 0, 0])), a('Home-Address', prefix17(64, [0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0])),
      a('Home-Link-Prefix', HLP), a('Home-Agent-FQDN', 'ha1.example.com'), a('Home-Agent-Address', prefix17(64, [0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]))]),
    mhr: m('MHR', [a('Session-Id', 'aaa.example.com;9;9'), a('Auth-Application-Id', s001App), ...aaa, a('Destination-Realm', 'example.com'),
      a('Auth-Request-Type', 'AUTHORIZE_ONLY'), a('Home-Link-Prefix', HLP), a('MIPv6-Security-Association-Parameters', new Uint8Array([1, 2, 3, 4, 5]))]),
    mha: m('MHA', [a('Session-Id', 'aaa.example.com;9;9'), a('Auth-Application-Id', s001App), a('Origin-Host', 'ha1.example.com'),
      a('Origin-Realm', 'example.com'), a('Result-Code', 2001), a('Home-Link-Prefix', HLP)]),
    'str': m('STR', [a('Session-Id', SID), ...nas, a('Destination-Realm', 'example.com'), a('Auth-Application-Id', 1),
      a('Termination-Cause', 'DIAMETER_LOGOUT')], { applicationId: 1 }),
    'error-3001': m('DPA', [a('Origin-Host', 'aaa.example.com'), a('Origin-Realm', 'example.com'), a('Result-Code', 3001),
      a('Error-Message', 'no such command')], { flags: 0x20, applicationId: 0 }),
  };
}

/** Deliberately faulty messages (fixture names say the fault), for negative probes and assertion tests. */
export function faultySamples(dict: Dictionary = defaultDictionary()): Record<string, DiameterMessage> {
  const good = sampleMessages(dict);
  const without = (m: DiameterMessage, name: string): DiameterMessage => ({ ...m, avps: m.avps.filter((x) => x.name !== name) });
  const mir = good.mir!;
  const dwa = good.dwa!;
  const aar = good['aar-mip6']!;
  return {
    'mir-missing-origin-host': without(mir, 'Origin-Host'),
    // Result-Code (Unsigned32) with AVP Length 10: two data octets (RFC 6733 §4.1 → 5014)
    'dwa-result-code-bad-length': { ...dwa, avps: [avp('Result-Code', new Uint8Array([0x07, 0xd1]), { dict }), ...dwa.avps.slice(1)] },
    // an AVP nobody defines, M set (→ 5001 at a receiver)
    'aar-unknown-avp-m': { ...aar, avps: [...aar.avps, avp(0xfffff0, new Uint8Array([0xde, 0xad]), { dict, flags: 0x40 })] },
    // two Origin-Host (→ 5009)
    'dwr-origin-host-twice': { ...good.dwr!, avps: [...good.dwr!.avps, avp('Origin-Host', 'other.example.net', { dict })] },
  };
}
