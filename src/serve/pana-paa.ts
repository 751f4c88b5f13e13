// The reference PAA (RFC 5191 §4) with a dummy EAP method (Identity, then Success or Failure) and the S002
// bootstrapping AVPs: Mobility-Capability in the first (S-flag) PAR, Home-Agent / Home-Address in the final C-flag
// PAR when the PaC echoed Mobility-Capability and authentication succeeded. `paaReceive` is the pure part
// (message + session table in, messages out); `startPaa` is a small UDP server around it with retransmission of
// unanswered PARs (RFC 5191 §9). Faults, when named, break exactly one rule each.
import { randomBytes, randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import type { Settings } from '../assert/profiles.js';
import { panaAvp, panaMessage } from '../proto/pana/build.js';
import { decodePana, encodePana, type PanaAvp, type PanaMessage } from '../proto/pana/message.js';
import { PANA_AVPS, PANA_FLAGS } from '../proto/pana/names.js';
import {
  AUTH_HMAC_SHA1_160, avpOf, DEFAULT_MSK_HEX, EAP, eapPacket, eapView, hasFlag, PANA_AUTHENTICATION_REJECTED, PANA_AVP, PANA_SUCCESS,
  panaAuthKey, PRF_HMAC_SHA1, s002Of, u32, withAuth,
} from '../probe/scenarios/pana-kit.js';
import { plainAddr, type Endpoint } from '../probe/transport/types.js';

export interface PaaConfig {
  /** MSK the dummy EAP method yields; null = no key (no Key-Id, no AUTH) */
  msk: Uint8Array | null;
  /** identities in these realms (or their subdomains) are rejected (RFC 6761 reserves 'invalid') */
  rejectRealms: string[];
  ha: string;
  hoa: string;
  /** Mobility-Capability value offered */
  mobility: number;
  sessionLifetime: number;
}

export const DEFAULT_PAA: PaaConfig = {
  msk: new Uint8Array(Buffer.from(DEFAULT_MSK_HEX, 'hex')),
  rejectRealms: ['invalid'],
  ha: '2001:db8:10::1',
  hoa: '2001:db8:10::100',
  mobility: 1,
  sessionLifetime: 3600,
};

type Phase = 'start' | 'eap' | 'complete' | 'open';

export interface PaaSession {
  id: number;
  pac: Endpoint;
  phase: Phase;
  /** sequence number of the PAR last sent (RFC 5191 §4: the PAA's own numbering) */
  seq: number;
  /** the PAR last sent, still unanswered (null once answered) */
  outstanding: { seq: number; bytes: Uint8Array } | null;
  iPar?: Uint8Array;
  iPan?: Uint8Array;
  paaNonce: Uint8Array;
  pacNonce?: Uint8Array;
  mobility: boolean;
  eapId: number;
  keyId: number;
}

export interface PaaState {
  sessions: Map<number, PaaSession>;
  maxSessions: number;
}

export const newPaaState = (maxSessions = 256): PaaState => ({ sessions: new Map(), maxSessions });

export interface PaaOut {
  to: Endpoint;
  bytes: Uint8Array;
  /** a PAR: retransmit it until answered */
  sessionId?: number;
}

/** an RFC 5191 AVP, or a vendor AVP the decoder named from the S002 code points */
const known = (a: PanaAvp): boolean => (a.vendorId === undefined ? PANA_AVPS.has(a.code) : !(a.name ?? 'Vendor-').startsWith('Vendor-'));

/** One datagram received on the PAA's port → what to send. Never throws on wire data. */
export function paaReceive(st: PaaState, data: Uint8Array, from: Endpoint, cfg: PaaConfig, faults: ReadonlySet<string>, settings: Settings): PaaOut[] {
  const d = decodePana(data, settings);
  const m = d.value;
  if (m.truncated || m.profile !== 'rfc5191' || d.issues.some((i) => i.severity !== 'warning')) return []; // RFC 5191 §6: malformed → discard
  if (faults.has('paa-rejects-unknown-avp') && m.avps.some((a) => !known(a))) return [];
  if (m.type === 1) return pci(st, from, cfg, faults, settings);
  if (m.type !== 2 || hasFlag(m, 'R')) return []; // the PaC's own PARs, PNR, PTR: not handled by the dummy method
  const s = st.sessions.get(m.sessionId);
  if (!s || s.pac.addr !== from.addr || s.pac.port !== from.port) return [];
  // RFC 5191 §5.1: an answer whose sequence number is not that of the outstanding request is discarded
  if (!s.outstanding || (m.seq !== s.outstanding.seq && !faults.has('paa-accepts-wrong-seq'))) return [];
  s.outstanding = null;
  if (s.phase === 'start') {
    s.iPan = data;
    s.mobility = s002Of(m, 'pana.avp.mobilityCapability', settings) !== undefined;
    s.phase = 'eap';
    s.eapId = randomInt(0, 256);
    return [par(s, [], [panaAvp.nonce(s.paaNonce), panaAvp.eapPayload(eapPacket(EAP.REQUEST, s.eapId, EAP.IDENTITY))])];
  }
  if (s.phase === 'eap') {
    const nonce = avpOf(m, PANA_AVP.NONCE);
    if (nonce) s.pacNonce = nonce.data;
    const eap = avpOf(m, PANA_AVP.EAP_PAYLOAD);
    const e = eap ? eapView(eap.data) : undefined;
    if (!e || e.code !== EAP.RESPONSE) return []; // a bare acknowledgement: the dummy method waits (no PaC-initiated PAR support)
    const identity = e.type === EAP.IDENTITY ? new TextDecoder().decode(e.data) : '';
    const realm = identity.includes('@') ? identity.slice(identity.lastIndexOf('@') + 1).toLowerCase() : '';
    const ok = e.type === EAP.IDENTITY && !cfg.rejectRealms.some((x) => realm === x || realm.endsWith(`.${x}`));
    return [complete(s, ok, cfg, faults, settings)];
  }
  if (s.phase === 'complete') s.phase = 'open';
  return [];
}

function pci(st: PaaState, from: Endpoint, cfg: PaaConfig, faults: ReadonlySet<string>, settings: Settings): PaaOut[] {
  for (const s of st.sessions.values()) if (s.pac.addr === from.addr && s.pac.port === from.port && s.phase === 'start') return []; // a PCI retransmission
  while (st.sessions.size >= st.maxSessions) st.sessions.delete(st.sessions.keys().next().value as number);
  let id = randomInt(1, 0x7fffffff);
  while (st.sessions.has(id)) id = randomInt(1, 0x7fffffff);
  const s: PaaSession = {
    id, pac: from, phase: 'start', seq: randomInt(0, 0x7fffffff), outstanding: null, paaNonce: new Uint8Array(randomBytes(16)), mobility: false, eapId: 0, keyId: randomInt(1, 0xffff),
  };
  st.sessions.set(id, s);
  const avps = [panaAvp.prfAlgorithm(PRF_HMAC_SHA1), panaAvp.integrityAlgorithm(AUTH_HMAC_SHA1_160)];
  if (!faults.has('paa-no-mobility-capability')) avps.push(panaAvp.mobilityCapability(cfg.mobility, settings));
  const out = send(s, panaMessage({ type: 2, flags: ['R', 'S'], sessionId: id, seq: s.seq, avps }));
  s.iPar = out.bytes;
  return [out];
}

function par(s: PaaSession, flags: (keyof typeof PANA_FLAGS)[], avps: PanaAvp[]): PaaOut {
  s.seq = (s.seq + 1) >>> 0;
  return send(s, panaMessage({ type: 2, flags: ['R', ...flags], sessionId: s.id, seq: s.seq, avps }));
}

function send(s: PaaSession, m: PanaMessage): PaaOut {
  const bytes = encodePana(m);
  s.outstanding = { seq: m.seq, bytes };
  return { to: s.pac, bytes, sessionId: s.id };
}

/** the final PAR (RFC 5191 §4.3): C flag, Result-Code, EAP-Success/Failure; on success Key-Id, lifetime, AUTH, S002 AVPs */
function complete(s: PaaSession, ok: boolean, cfg: PaaConfig, faults: ReadonlySet<string>, settings: Settings): PaaOut {
  s.phase = 'complete';
  const avps: PanaAvp[] = [
    panaAvp.resultCode(ok ? PANA_SUCCESS : PANA_AUTHENTICATION_REJECTED),
    panaAvp.eapPayload(eapPacket(ok ? EAP.SUCCESS : EAP.FAILURE, s.eapId)),
  ];
  const keyed = ok && cfg.msk !== null && s.iPar && s.iPan && s.pacNonce;
  if (ok) avps.push(panaAvp.sessionLifetime(cfg.sessionLifetime));
  if (keyed) avps.push(panaAvp.keyId(s.keyId));
  // S002 §4.2: HA (and HoA) only after successful authentication, only to a PaC that asked for bootstrapping
  if (s.mobility && (ok || faults.has('paa-ha-after-failure'))) avps.push(panaAvp.haAddress(cfg.ha, settings), panaAvp.hoa(cfg.hoa, settings));
  const flags: (keyof typeof PANA_FLAGS)[] = faults.has('paa-no-c-flag') ? [] : ['C'];
  s.seq = (s.seq + 1) >>> 0;
  let m = panaMessage({ type: 2, flags: ['R', ...flags], sessionId: s.id, seq: s.seq, avps });
  if (keyed && !faults.has('paa-ha-without-auth')) {
    m = withAuth(m, panaAuthKey({ msk: cfg.msk!, iPar: s.iPar!, iPan: s.iPan!, pacNonce: s.pacNonce!, paaNonce: s.paaNonce, keyId: s.keyId }));
  }
  return send(s, m);
}

export interface PaaServerOptions {
  bind: string;
  /** 0 = ephemeral */
  port: number;
  faults: ReadonlySet<string>;
  settings: Settings;
  config?: PaaConfig;
  /** first retransmission of an unanswered PAR (RFC 5191 §9 REQ_IRT = 1 s); doubles each time */
  retransmitMs?: number;
  /** retransmissions per PAR (REQ_MRC is 10; the reference gives up sooner) */
  maxRetransmit?: number;
  log?: (line: string) => void;
}

export interface RunningServer {
  addr: string;
  port: number;
  stop(): Promise<void>;
}

export async function startPaa(o: PaaServerOptions): Promise<RunningServer> {
  const cfg = o.config ?? DEFAULT_PAA;
  const st = newPaaState();
  const log = o.log ?? (() => undefined);
  const sock = dgram.createSocket({ type: net.isIPv4(o.bind) ? 'udp4' : 'udp6', reuseAddr: false });
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const transmit = (out: PaaOut, attempt: number): void => {
    if (stopped) return;
    sock.send(out.bytes, out.to.port, out.to.addr, (e) => e && log(`paa: ${e.message}`));
    if (out.sessionId === undefined || attempt >= (o.maxRetransmit ?? 3)) return;
    const t = setTimeout(() => {
      timers.delete(t);
      const s = st.sessions.get(out.sessionId!);
      if (s?.outstanding && s.outstanding.bytes === out.bytes) transmit(out, attempt + 1);
    }, (o.retransmitMs ?? 1000) * 2 ** attempt);
    timers.add(t);
  };
  sock.on('error', (e) => log(`paa: ${e.message}`));
  sock.on('message', (data, rinfo) => {
    const from = { addr: plainAddr(rinfo.address), port: rinfo.port };
    for (const out of paaReceive(st, new Uint8Array(data), from, cfg, o.faults, o.settings)) transmit(out, 0);
  });
  await new Promise<void>((res, rej) => {
    sock.once('error', rej);
    sock.bind({ address: o.bind, port: o.port, exclusive: true }, () => {
      sock.off('error', rej);
      res();
    });
  });
  const port = sock.address().port;
  log(`pana paa on [${o.bind}]:${port}`);
  return {
    addr: plainAddr(o.bind),
    port,
    stop: () => {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((r) => sock.close(() => r()));
    },
  };
}
