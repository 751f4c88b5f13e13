// probe diameter-server: the tester is a NAS / Diameter client toward an AAA server. Cases as data: the session's
// CER/CEA and DWR, the MIPv6 bootstrapping requests (RFC 5447 AAR/DER, RFC 5778 MIR, S001 MBR/MHR with the configured
// code points), and bad input with the answers RFC 6733 requires (DIGEST §5.8, §5.9).
import { codepoint } from '../../proto/codepoints.js';
import { avp, diameterMessage, AVPF, CMD, type AvpInput, type AvpOptions, type DiameterAvp, type DiameterMessage } from '../../proto/diameter/index.js';
import { homeLinkPrefix, type CaseCtx, type DiameterCase } from './diameter-run.js';
import ipaddr from 'ipaddr.js';

/** MIP6-Feature-Vector bits (RFC 5447 §4.2.5) */
export const FV = { MIP6_INTEGRATED: 1n, LOCAL_HOME_AGENT_ASSIGNMENT: 2n } as const;
/** Application-Ids (RFC 6733 §2.4; RFC 5778 §5) */
const APP = { nasreq: 1, eap: 5, mip6a: 8 } as const;
/** an Application-Id nobody supports (DIGEST DIA-07, DIA-31) */
export const UNSUPPORTED_APP = 0x00fffffe;
/** an AVP code nobody knows (DIGEST DIA-10) */
export const UNKNOWN_AVP = 0x00fffff0;
/** default unknown command: 16777214/16777215 are the S001 defaults, so the next one down; --opt unknownCommand=N */
export const UNKNOWN_COMMAND = 16777213;

export const bld = (c: CaseCtx) => ({
  a: (n: string | number, v: AvpInput, o: AvpOptions = {}): DiameterAvp => avp(n, v, { dict: c.dict, ...o }),
  m: (cmd: string | number, avps: DiameterAvp[], o: Parameters<typeof diameterMessage>[2] = {}): DiameterMessage => diameterMessage(cmd, avps, { dict: c.dict, ...o }),
});

/** the fixed head of an auth request: < Session-Id > { Auth-Application-Id } { Origin-Host } { Origin-Realm } { Destination-Realm } */
export function authHead(c: CaseCtx, appId: number, omit: string[] = []): DiameterAvp[] {
  const { a } = bld(c);
  return [
    a('Session-Id', c.peer.sessionId()),
    a('Auth-Application-Id', appId),
    a('Origin-Host', c.host),
    a('Origin-Realm', c.realm),
    a('Destination-Realm', c.destRealm),
  ].filter((x) => !omit.includes(x.name ?? ''));
}

/** MIP6-Agent-Info with the tester's HA and home link prefix (RFC 5447 §4.2.1) */
export const agentInfo = (c: CaseCtx): DiameterAvp => {
  const { a } = bld(c);
  return a('MIP6-Agent-Info', [a('MIP-Home-Agent-Address', c.ha), a('MIP6-Home-Link-Prefix', homeLinkPrefix(c.hnp))]);
};

/** a home address inside the home link prefix (prefix::101), in the S001 prefix-length + address form */
export function homeAddress(c: CaseCtx): { text: string; s001: Uint8Array } {
  const hlp = homeLinkPrefix(c.hnp);
  const b = hlp.slice(1);
  b[14] = 1;
  b[15] = 1;
  const s001 = new Uint8Array(17);
  s001[0] = c.hnp.len;
  s001.set(b, 1);
  return { text: ipaddr.fromByteArray([...b]).toString(), s001 };
}

const userName = (c: CaseCtx) => `mn1@${c.realm}`;

/** NASREQ AAR (RFC 7155 §3.1) with the RFC 5447 §5.1 additions */
export function aar(c: CaseCtx, o: { fv?: bigint | null; hint?: boolean; extra?: DiameterAvp[]; omit?: string[]; art?: number | string; appId?: number; flags?: number } = {}): DiameterMessage {
  const { a, m } = bld(c);
  const appId = o.appId ?? APP.nasreq;
  const avps = [
    ...authHead(c, appId, o.omit),
    a('Auth-Request-Type', o.art ?? 'AUTHORIZE_ONLY'),
    a('User-Name', userName(c)),
    ...(o.fv === null ? [] : [a('MIP6-Feature-Vector', o.fv ?? FV.MIP6_INTEGRATED | FV.LOCAL_HOME_AGENT_ASSIGNMENT)]),
    ...(o.hint === false ? [] : [agentInfo(c)]),
    ...(o.extra ?? []),
  ].filter((x) => !(o.omit ?? []).includes(x.name ?? ''));
  return m('AAR', avps, { applicationId: appId, ...(o.flags !== undefined ? { flags: o.flags } : {}) });
}

/** EAP-Response/Identity (RFC 3748 §5.1) */
export function eapIdentity(identity: string, id = 1): Uint8Array {
  const t = new TextEncoder().encode(identity);
  const b = new Uint8Array(5 + t.length);
  b.set([2, id, 0, 5 + t.length, 1]);
  b.set(t, 5);
  return b;
}

/** Diameter EAP DER (RFC 4072 §3.1) with the RFC 5447 §5.3 additions */
export function der(c: CaseCtx): DiameterMessage {
  const { a, m } = bld(c);
  return m('DER', [
    ...authHead(c, APP.eap),
    a('Auth-Request-Type', 'AUTHORIZE_AUTHENTICATE'),
    a('User-Name', userName(c)),
    a('EAP-Payload', eapIdentity(userName(c))),
    a('MIP6-Feature-Vector', FV.MIP6_INTEGRATED | FV.LOCAL_HOME_AGENT_ASSIGNMENT),
    agentInfo(c),
  ], { applicationId: APP.eap });
}

/** RFC 5778 §5.3 MIR (App-Id 8), every required AVP of the ABNF present */
export function mir(c: CaseCtx): DiameterMessage {
  const { a, m } = bld(c);
  const [head0, head1, ...rest] = authHead(c, APP.mip6a);
  return m('MIR', [
    head0!, head1!, a('User-Name', userName(c)), ...rest,
    a('Auth-Request-Type', 'AUTHORIZE_AUTHENTICATE'),
    a('MIP6-Feature-Vector', FV.MIP6_INTEGRATED),
    a('MIP6-Auth-Mode', 'MIP6_AUTH_MN_AAA'),
    a('MIP-MN-AAA-SPI', 0x100),
    a('MIP-Mobile-Node-Address', homeAddress(c).text),
    a('MIP6-Agent-Info', [a('MIP-Home-Agent-Address', c.ha)]),
    a('MIP-Careof-Address', '2001:db8:ffff::2'),
    a('MIP-Authenticator', new Uint8Array(12)),
    a('MIP-MAC-Mobility-Data', new Uint8Array(16)),
    a('MIP-Timestamp', new Uint8Array(8)),
  ], { applicationId: APP.mip6a });
}

/** S001 §4.3 MBR with the configured command code, Application-Id and vendor AVPs */
export function mbr(c: CaseCtx): DiameterMessage {
  const { a, m } = bld(c);
  const appId = codepoint(c.settings, 's001.appId');
  // RFC 5026 §4.2 DNS Update option body: Status 0, R=0, MN identity
  const dns = new Uint8Array([0, 0, ...new TextEncoder().encode(userName(c))]);
  return m('MBR', [
    ...authHead(c, appId),
    a('Auth-Request-Type', 'AUTHORIZE_ONLY'),
    a('User-Name', userName(c)),
    a('DNS-Update-Mobility-Option', dns),
    a('MIPv6-Bootstrapping-Feature', 2n),
  ], { applicationId: appId });
}

/** S001 §4.5 MHR (AAAH → HA) with the configured code points */
export function mhr(c: CaseCtx, o: { omit?: string[]; extra?: DiameterAvp[]; sa?: boolean } = {}): DiameterMessage {
  const { a, m } = bld(c);
  const appId = codepoint(c.settings, 's001.appId');
  return m('MHR', [
    ...authHead(c, appId, o.omit),
    a('Auth-Request-Type', 'AUTHORIZE_ONLY'),
    a('Home-Address', homeAddress(c).s001),
    a('Home-Link-Prefix', homeLinkPrefix(c.hnp)),
    ...(o.sa === false ? [] : [a('MIPv6-Security-Association-Parameters', new Uint8Array(16))]),
    ...(o.extra ?? []),
  ], { applicationId: appId });
}

/** a request with a command code the target does not know (DIA-06) */
export function unknownCommand(c: CaseCtx): DiameterMessage {
  const { a, m } = bld(c);
  const code = Number(c.extra.unknownCommand ?? UNKNOWN_COMMAND);
  return m(code, [...authHead(c, APP.nasreq), a('Auth-Request-Type', 'AUTHORIZE_ONLY')], { request: true, applicationId: APP.nasreq, flags: CMD.R | CMD.P });
}

export const unknownMAvp = (c: CaseCtx): DiameterAvp => bld(c).a(UNKNOWN_AVP, new Uint8Array([0, 0, 0, 1]), { flags: AVPF.M });

/** not Diameter at all: the first octet is not Version 1 (DIA-18) */
export const GARBAGE = new TextEncoder().encode('mip6-conform: these 64 octets are not a Diameter message at all!!\n').subarray(0, 64);

export const DIAMETER_SERVER_CASES: readonly DiameterCase[] = [
  { name: 'cer', what: 'CER/CEA opening the session (RFC 6733 §5.3)', expect: 'CEA with Result-Code 2001 and the server identity', conn: 'session', build: null },
  { name: 'dwr', what: 'DWR on the open session (RFC 6733 §5.5)', expect: 'DWA with Result-Code 2001', conn: 'session', build: (c) => c.peer.dwr() },
  {
    name: 'aar-mip6', what: 'NASREQ AAR with MIP6-Feature-Vector (INTEGRATED|LOCAL_HA) and a MIP6-Agent-Info hint (RFC 5447 §5.1)',
    expect: 'AAA; a success carries MIP6-Agent-Info with an HA address or host (RFC 5447 §4.2.1)', conn: 'session', build: (c) => aar(c),
  },
  {
    name: 'aar-fv-zero', what: 'AAR with MIP6-Feature-Vector = 0 (RFC 5447 §4.2.5)', expect: 'AAA without 5001/5004: value 0 MUST be supported',
    conn: 'session', build: (c) => aar(c, { fv: 0n, hint: false }),
  },
  {
    name: 'aar-hint-no-local', what: 'AAR with a MIP6-Agent-Info hint but LOCAL_HOME_AGENT_ASSIGNMENT clear (RFC 5447 §4.2.5)',
    expect: 'AAA that ignores the hint (does not authorise it as a local HA)', conn: 'session', build: (c) => aar(c, { fv: FV.MIP6_INTEGRATED }),
  },
  { name: 'der-eap', what: 'Diameter EAP DER with EAP-Response/Identity and the RFC 5447 §5.3 AVPs', expect: 'DEA (1001 multi-round or a final result)', conn: 'session', build: der },
  { name: 'mir', what: 'RFC 5778 §5.3 MIR (App-Id 8) with every required AVP', expect: 'MIA; a success carries MIP-Mobile-Node-Address', conn: 'session', build: mir },
  { name: 'mbr', what: 'S001 §4.3 MBR with the configured command code and Application-Id', expect: 'MBA echoing DNS-Update-Mobility-Option on success (S001 §4.7.5), or 3001/3007', conn: 'session', build: mbr },
  { name: 'mhr', what: 'S001 §4.5 MHR (meant for a home agent) with the configured code points', expect: 'MHA, or 3001/3007 from a node without S001', conn: 'session', build: (c) => mhr(c) },
  { name: 'unknown-command', what: 'a request with an unknown Command Code on App-Id 1 (DIA-06)', expect: '3001 DIAMETER_COMMAND_UNSUPPORTED with E set (RFC 6733 §7.1.3)', conn: 'session', build: unknownCommand },
  {
    name: 'unsupported-app', what: `AAR on Application-Id 0x${UNSUPPORTED_APP.toString(16)} (DIA-07)`, expect: '3007 DIAMETER_APPLICATION_UNSUPPORTED with E set',
    conn: 'session', build: (c) => aar(c, { appId: UNSUPPORTED_APP }),
  },
  {
    name: 'unknown-avp-m', what: `AAR with unknown AVP ${UNKNOWN_AVP} and M set (DIA-10)`, expect: '5001 DIAMETER_AVP_UNSUPPORTED with Failed-AVP holding that AVP',
    conn: 'session', build: (c) => aar(c, { extra: [unknownMAvp(c)] }),
  },
  {
    name: 'missing-avp', what: 'AAR without Destination-Realm (DIA-13)', expect: '5005 DIAMETER_MISSING_AVP; Failed-AVP SHOULD hold an example of it',
    conn: 'session', build: (c) => aar(c, { omit: ['Destination-Realm'] }),
  },
  {
    name: 'invalid-avp-length', what: 'AAR whose Auth-Request-Type claims AVP Length 10 (2 data octets for an Enumerated) (DIA-16)',
    expect: '5014 DIAMETER_INVALID_AVP_LENGTH with Failed-AVP', conn: 'session',
    build: (c) => {
      const m = aar(c);
      return { ...m, avps: m.avps.map((x) => (x.name === 'Auth-Request-Type' ? { ...x, lengthOverride: 10 } : x)) };
    },
  },
  {
    name: 'r-and-e', what: 'AAR with both R and E set (DIA-08)', expect: '3008 DIAMETER_INVALID_HDR_BITS with E set', conn: 'session',
    build: (c) => aar(c, { flags: CMD.R | CMD.P | CMD.E }),
  },
  {
    name: 'two-origin-host', what: 'AAR with Origin-Host twice (DIA-14)', expect: '5009 DIAMETER_AVP_OCCURS_TOO_MANY_TIMES with the second instance in Failed-AVP',
    conn: 'session', build: (c) => aar(c, { extra: [bld(c).a('Origin-Host', c.host)] }),
  },
  {
    name: 'bad-auth-request-type', what: 'AAR with Auth-Request-Type 99 (DIA-12)', expect: '5004 DIAMETER_INVALID_AVP_VALUE with the AVP in Failed-AVP',
    conn: 'session', build: (c) => aar(c, { art: 99 }),
  },
  {
    name: 'wrong-version', what: 'DWR with Version 2 on a connection of its own (DIA-17)', expect: '5011 DIAMETER_UNSUPPORTED_VERSION, or the connection closed',
    conn: 'own', build: (c) => ({ ...c.peer.dwr(), versionOverride: 2 }),
  },
  {
    name: 'dwr-before-cer', what: 'DWR as the first message of a new connection (DIA-30)', expect: 'no DWA; the connection SHOULD be closed (RFC 6733 §5.6.1)',
    conn: 'bare', build: (c) => c.peer.dwr(),
  },
  {
    name: 'cer-no-common-app', what: `CER advertising only Application-Id 0x${UNSUPPORTED_APP.toString(16)} (DIA-31)`,
    expect: 'CEA 5010 DIAMETER_NO_COMMON_APPLICATION (unless the target is a relay), then disconnect', conn: 'bare',
    build: (c) => c.peer.cer([bld(c).a('Auth-Application-Id', UNSUPPORTED_APP)]),
  },
  {
    name: 'garbage', what: '64 octets that are not Diameter, after a CER (DIA-18)', expect: 'the transport closed (RST) (RFC 6733 §2.1)', conn: 'own',
    build: () => GARBAGE,
  },
];
