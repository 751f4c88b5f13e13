// Diameter conversations on one transport connection, built with our own encoder and packet builders:
//   CER/CEA, DWR/DWA + AAR/AAA (RFC 5447 AVPs), DPR/DPA between a NAS and the home AAA server (nasSteps);
//   CER/CEA + MIR/MIA between a home agent and the AAA server (mip6aSteps); S001 MBR/MBA (s001MbrSteps) and MHR/MHA (s001MhrSteps).
// Each message's segmentation is selectable (whole, split at offsets, coalesced, straddling, retransmitted, reordered,
// capture starting mid-stream) over TCP with correct seq/ack, or SCTP DATA chunks (PPID 46: whole, bundled, fragmented).
import { concatBytes } from '../wire/codec.js';
import type { FixtureFrame } from '../fixtures/kit.js';
import { FIXTURE_EPOCH } from '../fixtures/kit.js';
import { buildSctpData, buildTcp } from '../net/build.js';
import { avp, diameterMessage, encodeDiameter, prefix17, type AvpInput, type DiameterAvp, type DiameterMessage } from '../proto/diameter/index.js';
import { codepoint } from '../proto/codepoints.js';

export const DIA_ADDR = {
  nas: { addr: '2001:db8:1::10', port: 40001, host: 'nas.example.net', realm: 'example.net' },
  aaa: { addr: '2001:db8:2::20', port: 3868, host: 'aaa.example.com', realm: 'example.com' },
  ha: { addr: '2001:db8:3::30', port: 3868, host: 'ha1.example.com', realm: 'example.com' },
  /** the HA of the home MSP the AAA server assigns */
  homeAgent: '2001:db8:10::1',
  hnp: { len: 64, prefix: [0x20, 0x01, 0x0d, 0xb8, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
} as const;

export interface Peer {
  addr: string;
  port: number;
}

export type Side = 'client' | 'server';

export interface Step {
  from: Side;
  msg: DiameterMessage;
  /** seconds to wait before this step (default 1 ms) */
  dt?: number;
}

/** How each burst (back-to-back messages of one side) is cut into TCP segments. */
export type Segmentation =
  | 'whole' // one segment per message
  | { split: number[] } // every message cut at these offsets (e.g. [3] cuts inside the header, [19, 21] around its end)
  | 'coalesce' // a burst in one segment
  | 'straddle' // cuts in the middle of each message, so segments hold the tail of one and the head of the next
  | 'retransmit' // every segment sent twice
  | 'reorder' // each message in two segments, the second half sent first
  | 'midstream'; // no handshake in the capture: it starts with the first data segment

export type SctpMode = 'whole' | 'bundle' | 'fragment';

export interface ConversationOptions {
  steps: readonly Step[];
  client?: Peer;
  server?: Peer;
  transport?: 'tcp' | 'sctp';
  segmentation?: Segmentation;
  sctp?: SctpMode;
  t0?: number;
  /** how the TCP connection ends after the last step (default 'fin'; 'rst' by the server unless rstBy) */
  close?: 'fin' | 'rst' | 'none';
  rstBy?: Side;
}

interface Burst {
  from: Side;
  msgs: Uint8Array[];
  dt: number;
}

function bursts(steps: readonly Step[]): Burst[] {
  const out: Burst[] = [];
  for (const s of steps) {
    const last = out.at(-1);
    const bytes = encodeDiameter(s.msg);
    if (last && last.from === s.from && s.dt === undefined) last.msgs.push(bytes);
    else out.push({ from: s.from, msgs: [bytes], dt: s.dt ?? 0.001 });
  }
  return out;
}

/** [start, end) cuts of one burst's concatenated bytes, in sending order. */
function plan(b: Burst, seg: Segmentation): [number, number][] {
  const starts: number[] = [];
  let at = 0;
  for (const m of b.msgs) {
    starts.push(at);
    at += m.length;
  }
  const total = at;
  const ranges = (cuts: number[]): [number, number][] => {
    const c = [...new Set([0, ...cuts.filter((x) => x > 0 && x < total), total])].sort((x, y) => x - y);
    return c.slice(1).map((e, i) => [c[i]!, e]);
  };
  const bounds = starts.slice(1);
  if (seg === 'coalesce') return [[0, total]];
  if (seg === 'straddle') return ranges(b.msgs.map((m, i) => starts[i]! + (m.length >> 1)));
  if (seg === 'retransmit') return ranges(bounds).flatMap((r) => [r, r]);
  if (seg === 'reorder') {
    return b.msgs.flatMap((m, i): [number, number][] => {
      const s = starts[i]!;
      const mid = s + (m.length >> 1);
      return [[mid, s + m.length], [s, mid]];
    });
  }
  if (typeof seg === 'object') return ranges([...bounds, ...b.msgs.flatMap((m, i) => seg.split.filter((o) => o < m.length).map((o) => starts[i]! + o))]);
  return ranges(bounds);
}

const cat = concatBytes;

/** Frames of a whole conversation on one connection. */
export function conversation(o: ConversationOptions): FixtureFrame[] {
  const client = o.client ?? DIA_ADDR.nas;
  const server = o.server ?? DIA_ADDR.aaa;
  let t = o.t0 ?? FIXTURE_EPOCH;
  const frames: FixtureFrame[] = [];
  const ep = (s: Side) => (s === 'client' ? client : server);
  const other = (s: Side): Side => (s === 'client' ? 'server' : 'client');
  const bs = bursts(o.steps);

  if (o.transport === 'sctp') {
    const tsn = { client: 100, server: 900 };
    const ssn = { client: 0, server: 0 };
    const vtag = { client: 0x5c7a0001, server: 0x5c7a0002 };
    const send = (from: Side, chunks: { payload: Uint8Array; flags: number; tsn: number; ssn: number }[]) => {
      const a = ep(from);
      const b = ep(other(from));
      frames.push({ ts: (t += 0.0005), data: buildSctpData({ src: a.addr, dst: b.addr, sport: a.port, dport: b.port, vtag: vtag[other(from)], chunks: chunks.map((c) => ({ ...c, ppid: 46, sid: 0 })) }) });
    };
    for (const b of bs) {
      t += b.dt;
      const chunks = b.msgs.map((m) => ({ m, ssn: ssn[b.from]++ }));
      if (o.sctp === 'bundle') send(b.from, chunks.map(({ m, ssn: s }) => ({ payload: m, flags: 3, tsn: tsn[b.from]++, ssn: s })));
      else {
        for (const { m, ssn: s } of chunks) {
          if (o.sctp === 'fragment') {
            const mid = (m.length >> 1) & ~3;
            send(b.from, [{ payload: m.subarray(0, mid), flags: 2, tsn: tsn[b.from]++, ssn: s }]);
            send(b.from, [{ payload: m.subarray(mid), flags: 1, tsn: tsn[b.from]++, ssn: s }]);
          } else send(b.from, [{ payload: m, flags: 3, tsn: tsn[b.from]++, ssn: s }]);
        }
      }
    }
    return frames;
  }

  const seg = o.segmentation ?? 'whole';
  const isn = { client: 1000, server: 5000 };
  const next = { client: isn.client + 1, server: isn.server + 1 };
  const tcp = (from: Side, flags: string, seq: number, ack: number, payload?: Uint8Array) => {
    const a = ep(from);
    const b = ep(other(from));
    frames.push({
      ts: (t += 0.0005),
      data: buildTcp({ src: a.addr, dst: b.addr, sport: a.port, dport: b.port, seq, ack, flags, ...(payload ? { payload } : {}) }),
    });
  };
  if (seg !== 'midstream') {
    tcp('client', 'S', isn.client, 0);
    tcp('server', 'SA', isn.server, next.client);
    tcp('client', 'A', next.client, next.server);
  }
  for (const b of bs) {
    t += b.dt;
    const bytes = cat(b.msgs);
    const base = next[b.from];
    for (const [s, e] of plan(b, seg)) tcp(b.from, 'PA', base + s, next[other(b.from)], bytes.subarray(s, e));
    next[b.from] = base + bytes.length;
  }
  const close = o.close ?? 'fin';
  if (close === 'fin') {
    tcp('client', 'FA', next.client, next.server);
    tcp('server', 'FA', next.server, next.client + 1);
    tcp('client', 'A', next.client + 1, next.server + 1);
  } else if (close === 'rst') {
    const by = o.rstBy ?? 'server';
    tcp(by, 'RA', next[by], next[other(by)]);
  }
  return frames;
}

// ---- messages ----------------------------------------------------------------------------------------------------

type AvpArgs = [name: string | number, value: AvpInput, opts?: Parameters<typeof avp>[2]];
const a = (...x: AvpArgs): DiameterAvp => avp(...x);

let hop = 0;
/** a message with fresh identifiers, counted from 1 by each *Steps builder so captures are reproducible (answers take their request's with answerTo) */
export function request(cmd: string, avps: DiameterAvp[], opts: Parameters<typeof diameterMessage>[2] = {}): DiameterMessage {
  hop++;
  return diameterMessage(cmd, avps, { hopByHop: 0x22000000 + hop, endToEnd: 0x5a000000 + hop, ...opts });
}
export function answerTo(req: DiameterMessage, cmd: string, avps: DiameterAvp[], opts: Parameters<typeof diameterMessage>[2] = {}): DiameterMessage {
  return diameterMessage(cmd, avps, { hopByHop: req.hopByHop, endToEnd: req.endToEnd, applicationId: req.applicationId, ...opts });
}

export const origin = (p: { host: string; realm: string }): DiameterAvp[] => [a('Origin-Host', p.host), a('Origin-Realm', p.realm)];

export function homeLinkPrefix(): Uint8Array {
  return prefix17(DIA_ADDR.hnp.len, [...DIA_ADDR.hnp.prefix]);
}

/** MIP6-Agent-Info as the AAA server returns it: MIP-Home-Agent-Address + MIP6-Home-Link-Prefix (RFC 5447 §4.2.1). */
export function agentInfo(children?: DiameterAvp[]): DiameterAvp {
  return a('MIP6-Agent-Info', children ?? [a('MIP-Home-Agent-Address', DIA_ADDR.homeAgent), a('MIP6-Home-Link-Prefix', homeLinkPrefix())]);
}

export function cer(from: { host: string; realm: string; addr: string }, apps: DiameterAvp[]): DiameterMessage {
  return request('CER', [...origin(from), a('Host-IP-Address', from.addr), a('Vendor-Id', 32473), a('Product-Name', 'mip6-conform fixture'), a('Origin-State-Id', 1), ...apps]);
}
export function cea(req: DiameterMessage, from: { host: string; realm: string; addr: string }, apps: DiameterAvp[], rc = 2001): DiameterMessage {
  return answerTo(req, 'CEA', [a('Result-Code', rc), ...origin(from), a('Host-IP-Address', from.addr), a('Vendor-Id', 32473), a('Product-Name', 'mip6-conform fixture'), ...apps]);
}

export const NAS_SESSION = 'nas.example.net;1700000000;1';

/** A message rewrite keyed by abbreviation ('AAR', 'AAA', ...); the first message of that name is rewritten. */
export type Mutations = Partial<Record<string, (m: DiameterMessage) => DiameterMessage>>;

export interface NasOptions {
  mutate?: Mutations;
  /** steps inserted after AAR/AAA, before DPR/DPA */
  extra?: Step[];
  /** drop these messages (by abbreviation) from the capture */
  drop?: string[];
  /** MIP6-Feature-Vector the NAS sends (default MIP6_INTEGRATED | LOCAL_HOME_AGENT_ASSIGNMENT) and the server returns (default MIP6_INTEGRATED) */
  fv?: { request?: bigint | null; answer?: bigint | null };
}

function finish(steps: Step[], o: { mutate?: Mutations; drop?: string[] }): Step[] {
  const done = new Set<string>();
  const out: Step[] = [];
  for (const s of steps) {
    const n = s.msg.name ?? '';
    if (o.drop?.includes(n)) continue;
    const f = o.mutate?.[n];
    if (f && !done.has(n)) {
      done.add(n);
      out.push({ ...s, msg: f(s.msg) });
    } else out.push(s);
  }
  return out;
}

/** The clean NAS ↔ AAA exchange: CER/CEA, DWR+AAR / DWA+AAA (back to back), DPR/DPA. */
export function nasSteps(o: NasOptions = {}): Step[] {
  hop = 0;
  const nas = { ...DIA_ADDR.nas };
  const aaa = { ...DIA_ADDR.aaa };
  const c = cer(nas, [a('Auth-Application-Id', 1)]);
  const ce = cea(c, aaa, [a('Auth-Application-Id', 1), a('Auth-Application-Id', 5), a('Auth-Application-Id', 8)]);
  const dwr = request('DWR', [...origin(nas), a('Origin-State-Id', 1)]);
  const fvReq = o.fv?.request === undefined ? 0x3n : o.fv.request;
  const fvAns = o.fv?.answer === undefined ? 0x1n : o.fv.answer;
  const aar = request('AAR', [
    a('Session-Id', NAS_SESSION), a('Auth-Application-Id', 1), ...origin(nas), a('Destination-Realm', aaa.realm),
    a('Auth-Request-Type', 'AUTHORIZE_ONLY'), a('NAS-Identifier', 'nas1'), a('NAS-Port-Type', 19), a('User-Name', 'mn1@example.com'),
    ...(fvReq === null ? [] : [a('MIP6-Feature-Vector', fvReq)]),
  ]);
  const dwa = answerTo(dwr, 'DWA', [a('Result-Code', 2001), ...origin(aaa)]);
  const aaaMsg = answerTo(aar, 'AAA', [
    a('Session-Id', NAS_SESSION), a('Auth-Application-Id', 1), a('Auth-Request-Type', 'AUTHORIZE_ONLY'), a('Result-Code', 2001),
    ...origin(aaa), a('User-Name', 'mn1@example.com'), a('Authorization-Lifetime', 3600), a('Auth-Session-State', 'NO_STATE_MAINTAINED'),
    a('Re-Auth-Request-Type', 'AUTHORIZE_ONLY'), ...(fvAns === null ? [] : [a('MIP6-Feature-Vector', fvAns)]), agentInfo(),
  ]);
  const dpr = request('DPR', [...origin(nas), a('Disconnect-Cause', 'REBOOTING')]);
  const dpa = answerTo(dpr, 'DPA', [a('Result-Code', 2001), ...origin(aaa)]);
  return finish([
    { from: 'client', msg: c }, { from: 'server', msg: ce },
    { from: 'client', msg: dwr }, { from: 'client', msg: aar },
    { from: 'server', msg: dwa }, { from: 'server', msg: aaaMsg },
    ...(o.extra ?? []),
    { from: 'client', msg: dpr, dt: 0.01 }, { from: 'server', msg: dpa },
  ], o);
}

/** NAS-side request + AAA answer pair appended to nasSteps via `extra`: an AAR of another session. */
export function aarPair(extraAvps: DiameterAvp[], answer: (req: DiameterMessage) => DiameterMessage | null, n = 2, opts: Parameters<typeof diameterMessage>[2] = {}): Step[] {
  const sid = `nas.example.net;1700000000;${n}`;
  const req = request('AAR', [
    a('Session-Id', sid), a('Auth-Application-Id', 1), ...origin(DIA_ADDR.nas), a('Destination-Realm', DIA_ADDR.aaa.realm),
    a('Auth-Request-Type', 'AUTHORIZE_ONLY'), a('User-Name', `mn${n}@example.com`), a('MIP6-Feature-Vector', 0x1n), ...extraAvps,
  ], { hopByHop: 0x33000000 + n, endToEnd: 0x6b000000 + n, ...opts });
  const ans = answer(req);
  return [{ from: 'client', msg: req, dt: 0.01 }, ...(ans ? [{ from: 'server' as const, msg: ans }] : [])];
}

/** A plain AAA answer to an AAR (Session-Id echoed). */
export function aaaFor(req: DiameterMessage, rc: number, more: DiameterAvp[] = [], opts: Parameters<typeof diameterMessage>[2] = {}): DiameterMessage {
  const sid = req.avps.find((x) => x.code === 263);
  return answerTo(req, 'AAA', [
    ...(sid ? [a('Session-Id', sid.value as string)] : []), a('Auth-Application-Id', 1), a('Auth-Request-Type', 'AUTHORIZE_ONLY'),
    a('Result-Code', rc), ...origin(DIA_ADDR.aaa), ...more,
  ], opts);
}

export const HA_SESSION = 'ha1.example.com;1700000000;8';

/** HA ↔ AAA (RFC 5778 MIP6A): CER/CEA (App 8), MIR/MIA, DPR/DPA. */
export function mip6aSteps(o: { mutate?: Mutations; drop?: string[] } = {}): Step[] {
  hop = 0;
  const ha = { ...DIA_ADDR.ha };
  const aaa = { ...DIA_ADDR.aaa };
  const c = cer(ha, [a('Auth-Application-Id', 8)]);
  const ce = cea(c, aaa, [a('Auth-Application-Id', 1), a('Auth-Application-Id', 8)]);
  const mir = request('MIR', [
    a('Session-Id', HA_SESSION), a('Auth-Application-Id', 8), a('User-Name', 'mn1@example.com'), a('Destination-Realm', aaa.realm),
    ...origin(ha), a('Auth-Request-Type', 'AUTHORIZE_AUTHENTICATE'), a('MIP6-Feature-Vector', 0x1n), a('MIP6-Auth-Mode', 'MIP6_AUTH_MN_AAA'),
    a('MIP-MN-AAA-SPI', 0x100), a('MIP-Mobile-Node-Address', '2001:db8:10::100'),
    a('MIP6-Agent-Info', [a('MIP-Home-Agent-Address', ha.addr)]), a('MIP-Careof-Address', '2001:db8:ffff::5'),
    a('MIP-Authenticator', new Uint8Array(12).fill(0x11)), a('MIP-MAC-Mobility-Data', new Uint8Array(20).fill(0x22)),
    a('MIP-Timestamp', Uint8Array.of(0xe9, 0, 0, 0, 0, 0, 0, 1)), a('Service-Selection', 'ims'),
  ]);
  const mia = answerTo(mir, 'MIA', [
    a('Session-Id', HA_SESSION), a('Auth-Application-Id', 8), a('Result-Code', 2001), ...origin(aaa),
    a('Auth-Request-Type', 'AUTHORIZE_AUTHENTICATE'), a('Authorization-Lifetime', 3600), a('Re-Auth-Request-Type', 'AUTHORIZE_ONLY'),
    a('MIP-Mobile-Node-Address', '2001:db8:10::100'),
    a('MIP-MN-HA-MSA', [a('MIP-Session-Key', new Uint8Array(20).fill(0x33)), a('MIP-MSA-Lifetime', 3600), a('MIP-MN-HA-SPI', 0x200),
      a('MIP-Algorithm-Type', 'HMAC-SHA-1'), a('MIP-Replay-Mode', 'Timestamp')]),
    a('Service-Selection', 'ims'),
  ]);
  const dpr = request('DPR', [...origin(ha), a('Disconnect-Cause', 'REBOOTING')]);
  const dpa = answerTo(dpr, 'DPA', [a('Result-Code', 2001), ...origin(aaa)]);
  return finish([
    { from: 'client', msg: c }, { from: 'server', msg: ce }, { from: 'client', msg: mir }, { from: 'server', msg: mia },
    { from: 'client', msg: dpr, dt: 0.01 }, { from: 'server', msg: dpa },
  ], o);
}

export const S001_SESSION = 'nas.example.net;1700000000;77';

/** NAS ↔ AAA with the S001 application (code points from `codepoints`): CER/CEA advertising it, MBR/MBA (+ STR/STA), DPR/DPA. */
export function s001MbrSteps(o: { mutate?: Mutations; drop?: string[]; str?: { appId: number } } = {}): Step[] {
  hop = 0;
  const app = codepoint(undefined, 's001.appId');
  const nas = { ...DIA_ADDR.nas };
  const aaa = { ...DIA_ADDR.aaa };
  const vsai = a('Vendor-Specific-Application-Id', [a('Vendor-Id', 32473), a('Auth-Application-Id', app)]);
  const c = cer(nas, [vsai]);
  const ce = cea(c, aaa, [a('Auth-Application-Id', 1), a('Vendor-Specific-Application-Id', [a('Vendor-Id', 32473), a('Auth-Application-Id', app)])]);
  const mbr = request('MBR', [
    a('Session-Id', S001_SESSION), a('Auth-Application-Id', app), ...origin(nas), a('Destination-Realm', aaa.realm),
    a('Auth-Request-Type', 'AUTHORIZE_ONLY'), a('User-Name', 'mn1@example.com'), a('DNS-Update-Mobility-Option', Uint8Array.of(0, 0x80, 0, 0)),
    a('MIPv6-Bootstrapping-Feature', 0x2n),
  ]);
  const mba = answerTo(mbr, 'MBA', [
    a('Session-Id', S001_SESSION), a('Auth-Application-Id', app), a('Auth-Request-Type', 'AUTHORIZE_ONLY'), a('Result-Code', 2001), ...origin(aaa),
    a('DNS-Update-Mobility-Option', Uint8Array.of(0, 0, 0, 0)), a('Home-Link-Prefix', homeLinkPrefix()), a('Home-Agent-FQDN', DIA_ADDR.ha.host),
    a('Home-Agent-Address', prefix17(64, [0x20, 0x01, 0x0d, 0xb8, 0, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
  ]);
  const steps: Step[] = [{ from: 'client', msg: c }, { from: 'server', msg: ce }, { from: 'client', msg: mbr }, { from: 'server', msg: mba }];
  if (o.str) {
    const str = request('STR', [a('Session-Id', S001_SESSION), ...origin(nas), a('Destination-Realm', aaa.realm), a('Auth-Application-Id', app),
      a('Termination-Cause', 'DIAMETER_LOGOUT')], { applicationId: o.str.appId });
    const sta = answerTo(str, 'STA', [a('Session-Id', S001_SESSION), a('Result-Code', 2001), ...origin(aaa)]);
    steps.push({ from: 'client', msg: str, dt: 0.01 }, { from: 'server', msg: sta });
  }
  const dpr = request('DPR', [...origin(nas), a('Disconnect-Cause', 'REBOOTING')]);
  steps.push({ from: 'client', msg: dpr, dt: 0.01 }, { from: 'server', msg: answerTo(dpr, 'DPA', [a('Result-Code', 2001), ...origin(aaa)]) });
  return finish(steps, o);
}

/** AAA (client) → HA (Diameter server) with S001 MHR/MHA; no CER/CEA in the capture (it starts mid-stream). */
export function s001MhrSteps(o: { mutate?: Mutations; drop?: string[] } = {}): Step[] {
  hop = 0;
  const app = codepoint(undefined, 's001.appId');
  const aaa = { ...DIA_ADDR.aaa };
  const ha = { ...DIA_ADDR.ha };
  const sid = 'aaa.example.com;1700000000;9';
  const mhr = request('MHR', [
    a('Session-Id', sid), a('Auth-Application-Id', app), ...origin(aaa), a('Destination-Realm', ha.realm), a('Auth-Request-Type', 'AUTHORIZE_ONLY'),
    a('Home-Link-Prefix', homeLinkPrefix()), a('MIPv6-Security-Association-Parameters', Uint8Array.of(1, 2, 3, 4, 5)),
  ]);
  const mha = answerTo(mhr, 'MHA', [a('Session-Id', sid), a('Auth-Application-Id', app), ...origin(ha), a('Result-Code', 2001), a('Home-Link-Prefix', homeLinkPrefix())]);
  return finish([{ from: 'client', msg: mhr }, { from: 'server', msg: mha }], o);
}

/** Helpers for rewrites in fixture cases. */
export const edit = {
  without: (name: string) => (m: DiameterMessage): DiameterMessage => ({ ...m, avps: m.avps.filter((x) => x.name !== name) }),
  add: (...avps: DiameterAvp[]) => (m: DiameterMessage): DiameterMessage => ({ ...m, avps: [...m.avps, ...avps] }),
  replace: (name: string, by: DiameterAvp) => (m: DiameterMessage): DiameterMessage => ({ ...m, avps: m.avps.map((x) => (x.name === name ? by : x)) }),
  flags: (set: number, clear = 0) => (m: DiameterMessage): DiameterMessage => ({ ...m, flags: (m.flags | set) & ~clear }),
  header: (h: Partial<DiameterMessage>) => (m: DiameterMessage): DiameterMessage => ({ ...m, ...h }),
};

export { a as dAvp };
