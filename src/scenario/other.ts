// The other bootstrapping paths as captures, built with the protocol builders (DIGEST §9–§12):
//   S002  PANA (RFC 5191) with the Mobility-Capability / HA / HoA AVPs, and the PAA's DER/DEA on the Diameter side
//   S003  Mobile IPv4 RRQ/RRP (RFC 5944 + RFC 2794 NAI) with the S003 NVSEs, direct or relayed by a foreign agent
//   S004  HA-initiated IKEv2 (IKE_SA_INIT, IKE_AUTH, CREATE_CHILD_SA), Home Agent Switch with B=1, BU/BA
// Each builder makes the clean flow; `mutate` rewrites (or drops, by returning null) one leg for negative cases.
import { avp, diameterMessage, encodeDiameter } from '../proto/diameter/index.js';
import { encodePana, type PanaMessage } from '../proto/pana/message.js';
import { panaAvp, panaMessage } from '../proto/pana/build.js';
import { encodeMipv4, type Mipv4Message } from '../proto/mipv4/message.js';
import { mipv4Ext, rrp, rrq } from '../proto/mipv4/build.js';
import { encodeMh, type MhMessage } from '../proto/mh/message.js';
import { ba, bu, has } from '../proto/mh/build.js';
import { mhOpt } from '../proto/mh/options.js';
import { withMhChecksum } from '../proto/mh/checksum.js';
import { IPPROTO_MH } from '../proto/mh/names.js';
import { encodeIke, type IkeMessage } from '../proto/ikev2/message.js';
import { ikeMessage, ikePayload } from '../proto/ikev2/build.js';
import { buildIp, buildTcp, buildUdp } from '../net/build.js';
import { FIXTURE_EPOCH, type FixtureFrame } from '../fixtures/kit.js';

export const OTHER_ADDR = {
  // S002: PaC and PAA on the access link; the PAA is also the Diameter client (same address)
  pac: '2001:db8:1::100',
  paa: '2001:db8:1::1',
  aaa: '2001:db8:ff::a',
  panaHa: '2001:db8:10::1',
  panaHoa: '2001:db8:10::100',
  // S003: IPv4 access, foreign agent, foreign home agent
  mn4: '198.51.100.10',
  fa: '198.51.100.1',
  fha: '203.0.113.1',
  thoa: '203.0.113.77',
  nai: 'mn1@msp.example',
  v6Ha: '2001:db8:10::1',
  v6Hoa: '2001:db8:10::100',
  v6Coa: '2001:db8:77::10',
  // S004: the failed HA, the initiator HA, the mobile node's care-of address
  oldHa: '2001:db8:10::1',
  newHa: '2001:db8:20::1',
  mn: '2001:db8:77::10',
  mnFqdn: 'mn1.example.com',
} as const;

const PANA_PORT = 716;
const PAC_PORT = 40716;
const MIP_PORT = 434;
const MN_MIP_PORT = 49434;
const IKE = 500;

type Mut<T> = (m: T) => T | null;

function apply<T>(m: T, f: Mut<T> | undefined): T | null {
  return f ? f(m) : m;
}

const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);

/** AH header body after Next Header / Payload Len: Reserved(2) | SPI(4) | Sequence(4) | ICV(12) (RFC 4302 §2) */
const AH_BODY = Uint8Array.of(0, 0, 0, 0, 0x10, 0x01, 0, 0, 0, 1, ...new Array<number>(12).fill(0xab));

/** an MH message in an IPv6 packet (next header 135) with its checksum computed; `ah` puts an AH header before it */
export function mhFrame(ts: number, src: string, dst: string, m: MhMessage, ah = false): FixtureFrame {
  const ext = ah ? [{ type: 51, body: AH_BODY }] : [];
  return { ts, data: buildIp({ src, dst, proto: IPPROTO_MH, ext, payload: withMhChecksum(encodeMh(m), src, dst) }) };
}

// ---------------------------------------------------------------------------------------------- S002 PANA

export type PanaLeg = 'pci' | 'parStart' | 'panStart' | 'parEap' | 'panEap' | 'parComplete' | 'panComplete' | 'pnr' | 'pna';

export interface PanaOptions {
  t0?: number;
  sessionId?: number;
  /** HA the AAA server grants in the DEA (null: no Diameter traffic) */
  aaaHa?: string | null;
  /** HA the PAA puts in the C-flag PAR */
  ha?: string;
  /** Result-Code of the C-flag PAR (0 PANA_SUCCESS) */
  resultCode?: number;
  mutate?: Partial<Record<PanaLeg, Mut<PanaMessage>>>;
}

const EAP_REQ_ID = Uint8Array.of(1, 1, 0, 5, 1);
const EAP_RESP_ID = Uint8Array.of(2, 1, 0, 20, 1, ...new TextEncoder().encode('mn1@msp.example'));
const EAP_SUCCESS = Uint8Array.of(3, 2, 0, 4);
const EAP_FAILURE = Uint8Array.of(4, 2, 0, 4);

export function panaMessages(o: PanaOptions = {}): Record<PanaLeg, PanaMessage> {
  const sid = o.sessionId ?? 0x1001;
  const ok = (o.resultCode ?? 0) === 0;
  const ha = o.ha ?? OTHER_ADDR.panaHa;
  const auth = panaAvp.auth(bytes(20, 0xa5));
  return {
    pci: panaMessage({ type: 1 }),
    parStart: panaMessage({ type: 2, flags: ['R', 'S'], sessionId: sid, seq: 100, avps: [panaAvp.prfAlgorithm(5), panaAvp.integrityAlgorithm(12), panaAvp.mobilityCapability(1)] }),
    panStart: panaMessage({ type: 2, flags: ['S'], sessionId: sid, seq: 100, avps: [panaAvp.prfAlgorithm(5), panaAvp.integrityAlgorithm(12), panaAvp.mobilityCapability(1)] }),
    parEap: panaMessage({ type: 2, flags: ['R'], sessionId: sid, seq: 101, avps: [panaAvp.eapPayload(EAP_REQ_ID)] }),
    panEap: panaMessage({ type: 2, sessionId: sid, seq: 101, avps: [panaAvp.eapPayload(EAP_RESP_ID)] }),
    parComplete: panaMessage({
      type: 2, flags: ['R', 'C'], sessionId: sid, seq: 102,
      avps: ok
        ? [panaAvp.resultCode(0), panaAvp.eapPayload(EAP_SUCCESS), panaAvp.keyId(7), panaAvp.haAddress(ha), panaAvp.hoa(OTHER_ADDR.panaHoa), auth]
        : [panaAvp.resultCode(o.resultCode ?? 1), panaAvp.eapPayload(EAP_FAILURE)],
    }),
    panComplete: panaMessage({ type: 2, flags: ['C'], sessionId: sid, seq: 102, avps: ok ? [panaAvp.keyId(7), auth] : [] }),
    pnr: panaMessage({ type: 4, flags: ['R', 'P'], sessionId: sid, seq: 500, avps: [auth] }),
    pna: panaMessage({ type: 4, flags: ['P'], sessionId: sid, seq: 500, avps: [auth] }),
  };
}

function diameterEap(t: number, ha: string, sid: number): FixtureFrame[] {
  const host = [avp('Origin-Host', 'paa.access.example'), avp('Origin-Realm', 'access.example')];
  const session = `paa.access.example;1;${sid}`;
  const der = diameterMessage('DER', [
    avp('Session-Id', session), avp('Auth-Application-Id', 5), ...host, avp('Destination-Realm', 'msp.example'),
    avp('Auth-Request-Type', 'AUTHORIZE_AUTHENTICATE'), avp('User-Name', OTHER_ADDR.nai), avp('EAP-Payload', EAP_RESP_ID),
    avp('MIP6-Feature-Vector', 1n), // MIP6_INTEGRATED: S002 §4.2 "the AAA signaling may be used by the PAA to indicate that it supports Mobile IPv6 Bootstrapping"
  ], { hopByHop: 0x51, endToEnd: 0x51 });
  const dea = diameterMessage('DEA', [
    avp('Session-Id', session), avp('Auth-Application-Id', 5), avp('Auth-Request-Type', 'AUTHORIZE_AUTHENTICATE'),
    avp('Result-Code', 'DIAMETER_SUCCESS'), avp('Origin-Host', 'aaa.msp.example'), avp('Origin-Realm', 'msp.example'),
    avp('EAP-Payload', EAP_SUCCESS), avp('MIP6-Agent-Info', [avp('MIP-Home-Agent-Address', ha)]), avp('MIP6-Feature-Vector', 1n),
  ], { hopByHop: 0x51, endToEnd: 0x51 });
  const q = encodeDiameter(der);
  const a = encodeDiameter(dea);
  const A = OTHER_ADDR;
  return [
    { ts: t, data: buildTcp({ src: A.paa, dst: A.aaa, sport: 41868, dport: 3868, seq: 1000, ack: 9000, flags: 'PA', payload: q }) },
    { ts: t + 0.01, data: buildTcp({ src: A.aaa, dst: A.paa, sport: 3868, dport: 41868, seq: 9000, ack: 1000 + q.length, flags: 'PA', payload: a }) },
  ];
}

/** PCI, S-flag PAR/PAN with Mobility-Capability, one EAP round, the PAA's DER/DEA, C-flag PAR/PAN with HA/HoA, a ping */
export function panaExchange(o: PanaOptions = {}): FixtureFrame[] {
  const t0 = o.t0 ?? FIXTURE_EPOCH;
  const m = panaMessages(o);
  const A = OTHER_ADDR;
  const up = (ts: number, leg: PanaLeg): FixtureFrame[] => {
    const x = apply(m[leg], o.mutate?.[leg]);
    return x ? [{ ts, data: buildUdp({ src: A.pac, dst: A.paa, sport: PAC_PORT, dport: PANA_PORT, payload: encodePana(x) }) }] : [];
  };
  const down = (ts: number, leg: PanaLeg): FixtureFrame[] => {
    const x = apply(m[leg], o.mutate?.[leg]);
    return x ? [{ ts, data: buildUdp({ src: A.paa, dst: A.pac, sport: PANA_PORT, dport: PAC_PORT, payload: encodePana(x) }) }] : [];
  };
  const aaaHa = o.aaaHa === undefined ? A.panaHa : o.aaaHa;
  return [
    ...up(t0, 'pci'),
    ...down(t0 + 0.01, 'parStart'),
    ...up(t0 + 0.02, 'panStart'),
    ...down(t0 + 0.03, 'parEap'),
    ...up(t0 + 0.04, 'panEap'),
    ...(aaaHa ? diameterEap(t0 + 0.05, aaaHa, o.sessionId ?? 0x1001) : []),
    ...down(t0 + 0.1, 'parComplete'),
    ...up(t0 + 0.11, 'panComplete'),
    ...up(t0 + 0.5, 'pnr'),
    ...down(t0 + 0.51, 'pna'),
  ];
}

// ---------------------------------------------------------------------------------------------- S003 MIPv4

export type Mipv4Leg = 'rrq' | 'rrp' | 'rrqRelayed' | 'rrpRelayed';

export interface Mipv4Options {
  t0?: number;
  identification?: bigint;
  /** registration through a foreign agent (S003 §4.1.2): MN→FA→FHA and back */
  viaFa?: boolean;
  mutate?: Partial<Record<Mipv4Leg, Mut<Mipv4Message>>>;
}

export const MIP_AUTH = bytes(16, 0x3c);

export function mipv4Messages(o: Mipv4Options = {}): { rrq: Mipv4Message; rrp: Mipv4Message } {
  const A = OTHER_ADDR;
  const id = o.identification ?? 0xe5a3_0000_1234_5678n;
  return {
    rrq: rrq({
      flags: o.viaFa ? [] : ['D'], lifetime: 1800, homeAddress: '0.0.0.0', homeAgent: A.fha, careOfAddress: o.viaFa ? A.fa : A.mn4,
      identification: id, extensions: [mipv4Ext.nai(A.nai), mipv4Ext.auth(32, 256, MIP_AUTH)],
    }),
    rrp: rrp({
      code: 0, lifetime: 1800, homeAddress: A.thoa, homeAgent: A.fha, identification: id,
      extensions: [
        mipv4Ext.nai(A.nai),
        mipv4Ext.s003('haAssignment', A.v6Ha), mipv4Ext.s003('ipv6Hoa', A.v6Hoa),
        mipv4Ext.s003('thoav4', A.thoa), mipv4Ext.s003('ipv6Coa', A.v6Coa),
        mipv4Ext.auth(32, 256, MIP_AUTH),
      ],
    }),
  };
}

/** RRQ (HoA 0.0.0.0 + NAI, RFC 2794) to the FHA and its RRP with the S003 NVSEs; with `viaFa` both legs through the FA */
export function mipv4Registration(o: Mipv4Options = {}): FixtureFrame[] {
  const t0 = o.t0 ?? FIXTURE_EPOCH;
  const A = OTHER_ADDR;
  const m = mipv4Messages(o);
  const udp = (ts: number, src: string, dst: string, sport: number, dport: number, x: Mipv4Message | null): FixtureFrame[] =>
    x ? [{ ts, data: buildUdp({ src, dst, sport, dport, payload: encodeMipv4(x) }) }] : [];
  const mut = (leg: Mipv4Leg, x: Mipv4Message) => apply(x, o.mutate?.[leg]);
  if (!o.viaFa) {
    return [
      ...udp(t0, A.mn4, A.fha, MN_MIP_PORT, MIP_PORT, mut('rrq', m.rrq)),
      ...udp(t0 + 0.05, A.fha, A.mn4, MIP_PORT, MN_MIP_PORT, mut('rrp', m.rrp)),
    ];
  }
  return [
    ...udp(t0, A.mn4, A.fa, MIP_PORT, MIP_PORT, mut('rrq', m.rrq)),
    ...udp(t0 + 0.01, A.fa, A.fha, MIP_PORT, MIP_PORT, mut('rrqRelayed', m.rrq)),
    ...udp(t0 + 0.05, A.fha, A.fa, MIP_PORT, MIP_PORT, mut('rrpRelayed', m.rrp)),
    ...udp(t0 + 0.06, A.fa, A.mn4, MIP_PORT, MIP_PORT, mut('rrp', m.rrp)),
  ];
}

// ---------------------------------------------------------------------------------------------- S004 HA-initiated

export type IkeLeg = 'initReq' | 'initResp' | 'authReq' | 'authResp' | 'childReq' | 'childResp';

export interface S004Options {
  t0?: number;
  /** who opens the IKE SA (S004 §4.2: the HA) */
  ikeFrom?: 'ha' | 'mn';
  /** where the Home Agent Switch goes in time: after CREATE_CHILD_SA (default), before it, or not at all */
  hasAt?: 'after-child' | 'before-child' | 'none';
  /** whom the MN sends its Binding Update(s) to after the HAS */
  buTo?: ('new' | 'old')[];
  /** carry the RFC 5026 DNS Update option in the BU (default true) */
  dnsUpdate?: boolean;
  /** send HAS, BU and BA under AH (transport mode): decodable and IPsec-protected, once the network layer reports AH */
  ah?: boolean;
  mutate?: Partial<Record<IkeLeg, Mut<IkeMessage>>> & { has?: Mut<MhMessage>; bu?: Mut<MhMessage>; ba?: Mut<MhMessage> };
}

export const ISPI = 'a1a2a3a4a5a6a7a8';
export const RSPI = 'b1b2b3b4b5b6b7b8';

export function s004Messages(): Record<IkeLeg, IkeMessage> & { has: MhMessage; bu: MhMessage; ba: MhMessage; buPlain: MhMessage; baPlain: MhMessage } {
  const sa = ikePayload.sa([ikePayload.transform(1, 12, false), ikePayload.transform(2, 5, false), ikePayload.transform(3, 12, false), ikePayload.transform(4, 19, true)]);
  const sk = (first: number, fill: number) => ikePayload.sk(first, bytes(48, fill));
  const A = OTHER_ADDR;
  return {
    initReq: ikeMessage({ ispi: ISPI, exchangeType: 34, flags: ['I'], messageId: 0, payloads: [sa, ikePayload.ke(19, bytes(64, 0x11)), ikePayload.nonce(bytes(32, 0x12))] }),
    initResp: ikeMessage({ ispi: ISPI, rspi: RSPI, exchangeType: 34, flags: ['R'], messageId: 0, payloads: [sa, ikePayload.ke(19, bytes(64, 0x21)), ikePayload.nonce(bytes(32, 0x22))] }),
    authReq: ikeMessage({ ispi: ISPI, rspi: RSPI, exchangeType: 35, flags: ['I'], messageId: 1, payloads: [sk(35, 0x31)] }),
    authResp: ikeMessage({ ispi: ISPI, rspi: RSPI, exchangeType: 35, flags: ['R'], messageId: 1, payloads: [sk(36, 0x41)] }),
    childReq: ikeMessage({ ispi: ISPI, rspi: RSPI, exchangeType: 36, flags: ['I'], messageId: 2, payloads: [sk(33, 0x51)] }),
    childResp: ikeMessage({ ispi: ISPI, rspi: RSPI, exchangeType: 36, flags: ['R'], messageId: 2, payloads: [sk(33, 0x61)] }),
    has: has({ addresses: [A.newHa], b: true }),
    bu: bu({ seq: 1, flags: ['A', 'H', 'K'], lifetimeS: 420, options: [mhOpt.dnsUpdate(0, false, A.mnFqdn)] }),
    ba: ba({ seq: 1, status: 0, flags: ['K'], lifetimeS: 420, options: [mhOpt.dnsUpdate(0, false, A.mnFqdn)] }),
    buPlain: bu({ seq: 1, flags: ['A', 'H', 'K'], lifetimeS: 420 }),
    baPlain: ba({ seq: 1, status: 0, flags: ['K'], lifetimeS: 420 }),
  };
}

/** HA-initiated IKEv2, Home Agent Switch (B=1, own address), BU/BA with DNS Update — all in the clear (see MH-04/HAI-10) */
export function s004Bootstrap(o: S004Options = {}): FixtureFrame[] {
  const t0 = o.t0 ?? FIXTURE_EPOCH;
  const A = OTHER_ADDR;
  const m = s004Messages();
  const [init, resp] = o.ikeFrom === 'mn' ? [A.mn, A.newHa] : [A.newHa, A.mn];
  const ike = (ts: number, leg: IkeLeg): FixtureFrame[] => {
    const x = apply(m[leg], o.mutate?.[leg]);
    const up = leg.endsWith('Req');
    return x ? [{ ts, data: buildUdp({ src: up ? init : resp, dst: up ? resp : init, sport: IKE, dport: IKE, payload: encodeIke(x) }) }] : [];
  };
  const hasAt = o.hasAt ?? 'after-child';
  const hasMsg = apply(m.has, o.mutate?.has);
  const hasFrames = (ts: number): FixtureFrame[] => (hasMsg && hasAt !== 'none' ? [mhFrame(ts, A.newHa, A.mn, hasMsg, o.ah)] : []);
  const dns = o.dnsUpdate ?? true;
  const frames: FixtureFrame[] = [
    ...ike(t0, 'initReq'), ...ike(t0 + 0.01, 'initResp'), ...ike(t0 + 0.02, 'authReq'), ...ike(t0 + 0.03, 'authResp'),
    ...(hasAt === 'before-child' ? hasFrames(t0 + 0.035) : []),
    ...ike(t0 + 0.04, 'childReq'), ...ike(t0 + 0.05, 'childResp'),
    ...(hasAt === 'after-child' ? hasFrames(t0 + 0.06) : []),
  ];
  let t = t0 + 0.07;
  for (const to of o.buTo ?? ['new']) {
    const ha = to === 'new' ? A.newHa : A.oldHa;
    const b = apply(dns ? m.bu : m.buPlain, o.mutate?.bu);
    const a = apply(dns ? m.ba : m.baPlain, o.mutate?.ba);
    if (b) frames.push(mhFrame(t, A.mn, ha, b, o.ah));
    if (a) frames.push(mhFrame(t + 0.01, ha, A.mn, a, o.ah));
    t += 0.02;
  }
  return frames;
}

/** the three paths one after another, each in its own second */
export function bootstrapPathsMix(): FixtureFrame[] {
  return [
    ...panaExchange({ t0: FIXTURE_EPOCH }),
    ...mipv4Registration({ t0: FIXTURE_EPOCH + 1 }),
    ...s004Bootstrap({ t0: FIXTURE_EPOCH + 2 }),
  ];
}
