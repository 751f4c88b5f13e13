// probe pana-paa: the tester is a PaC (RFC 5191 §4). Per case, from its own ephemeral port: a PANA-Client-Initiation
// (Session Identifier 0, Sequence Number 0), a PAN to every PAR (echoing S/C and the sequence number), EAP kept as
// bytes: an EAP-Response/Identity to an Identity request, a Nak to any real method. The final (C-flag) PAR is
// answered with Key-Id and AUTH when the MSK is known. Everything is recorded and judged as a capture would be.
import { randomBytes } from 'node:crypto';
import type { Settings } from '../../assert/profiles.js';
import { panaAvp, panaMessage } from '../../proto/pana/build.js';
import { ipText } from '../../proto/pana/addr.js';
import { decodePana, encodePana, type PanaAvp, type PanaMessage } from '../../proto/pana/message.js';
import { PANA_FLAGS } from '../../proto/pana/names.js';
import { ProbeTargetError } from '../../util/errors.js';
import type { Target } from '../target.js';
import type { Tap } from '../transport/types.js';
import { openUdp, type UdpSocket } from '../transport/udp.js';
import {
  AUTH_HMAC_SHA1_160, authValid, avpOf, EAP, eapPacket, eapView, hasFlag, PANA_AVP, panaAuthKey, PRF_HMAC_SHA1, readU32, s002Of, u32, withAuth,
} from './pana-kit.js';

export interface PanaPaaProbe {
  target: Target;
  bind?: string;
  timeoutMs: number;
  settings: Settings;
  /** EAP identity (NAI) the PaC answers with */
  identity: string;
  /** MSK for AUTH (RFC 5191 §5.3); null = answer the final PAR without AUTH */
  msk: Uint8Array | null;
  cases?: string[];
  tap: Tap;
}

export interface PanaCase {
  name: string;
  what: string;
  /** answer Mobility-Capability in the S-flag PAN when the PAA offers it (S002 §4.2) */
  mobility: boolean;
  /** identity override (a realm the PAA cannot know) */
  identity?: string;
  /** the first S-flag PAN carries a wrong Sequence Number (RFC 5191 §5.1: the PAA discards it) */
  wrongSeq?: boolean;
  /** every PAN carries an AVP of an unassigned code (PBS-06 robustness) */
  unknownAvp?: boolean;
  /** what a conformant PAA that knows the identity ends with */
  expect: 'success' | 'rejected';
}

/** AVP code no registry assigns (RFC 5191 §11.2.1 allocates from 1 up) */
export const UNKNOWN_AVP_CODE = 65000;

/** The cases, as data. */
export const PANA_PAA_CASES: readonly PanaCase[] = [
  { name: 'plain', what: 'PCI, then the exchange without Mobility-Capability: no HA/HoA expected', mobility: false, expect: 'success' },
  { name: 'mobility', what: 'S002 §4.2: the PaC echoes Mobility-Capability in the S-flag PAN; the C-flag PAR should bring HA/HoA', mobility: true, expect: 'success' },
  {
    name: 'mobility-rejected', what: 'S002 PBS-03: Mobility-Capability echoed but the identity is in realm .invalid: no HA/HoA after the failure',
    mobility: true, identity: 'pac@realm.invalid', expect: 'rejected',
  },
  { name: 'pan-wrong-seq', what: 'RFC 5191 §5.1: the S-flag PAN carries a wrong Sequence Number; the PAA must discard it (and retransmit its PAR)', mobility: false, wrongSeq: true, expect: 'success' },
  { name: 'unknown-avp', what: `PBS-06: every PAN carries AVP ${UNKNOWN_AVP_CODE} (unassigned); the exchange must still complete`, mobility: false, unknownAvp: true, expect: 'success' },
];

export interface PanaCaseResult {
  name: string;
  what: string;
  expect: 'success' | 'rejected';
  /** a PAR came back at all */
  answered: boolean;
  sessionId?: number;
  offeredMobility: boolean;
  /** the final PAR (Result-Code) was received */
  completed: boolean;
  resultCode?: number;
  ha?: string;
  hoa?: string;
  /** AUTH of the final PAR verified with the MSK (undefined: no AUTH or no key) */
  authValid?: boolean;
  /** PARs received again after they were answered (or after the wrong-sequence PAN) */
  retransmits: number;
  /** wrongSeq case: what the PAA did with the bad PAN */
  wrongSeq?: 'retransmitted' | 'accepted' | 'silent';
}

/** Runs the cases one after another, each from a fresh socket. Throws ProbeTargetError when the first case gets no PAR at all. */
export async function probePanaPaa(p: PanaPaaProbe): Promise<PanaCaseResult[]> {
  const cases = PANA_PAA_CASES.filter((c) => !p.cases?.length || p.cases.includes(c.name));
  const out: PanaCaseResult[] = [];
  for (const c of cases) {
    const r = await runCase(c, p);
    out.push(r);
    if (!r.answered && out.length === 1) {
      throw new ProbeTargetError(`no PANA-Auth-Request from ${p.target.addr}:${p.target.port} within ${p.timeoutMs} ms of a PCI (is a PAA listening?)`);
    }
  }
  return out;
}

async function open(p: PanaPaaProbe): Promise<UdpSocket> {
  const v6 = p.target.addr.includes(':');
  const loop = p.target.addr === '::1' || p.target.addr.startsWith('127.');
  const sock = await openUdp({ bind: p.bind ?? (loop ? (v6 ? '::1' : '127.0.0.1') : v6 ? '::' : '0.0.0.0'), port: 0, family: v6 ? 6 : 4, tap: p.tap });
  if (sock.kind === 'error') throw new ProbeTargetError(`cannot open a UDP socket: ${sock.code} ${sock.message}`);
  return sock;
}

interface PacState {
  iPar?: Uint8Array;
  iPan?: Uint8Array;
  paaNonce?: Uint8Array;
  pacNonce: Uint8Array;
  nonceSent: boolean;
  /** PAN sent per PAR sequence number, resent when the PAR is retransmitted */
  answered: Map<number, Uint8Array>;
  /** wrongSeq: the PAR answered wrongly and the PAN that would have been right */
  wrong?: { seq: number; right: Uint8Array };
}

async function runCase(c: PanaCase, p: PanaPaaProbe): Promise<PanaCaseResult> {
  const sock = await open(p);
  const to = { addr: p.target.scope ? `${p.target.addr}%${p.target.scope}` : p.target.addr, port: p.target.port };
  const res: PanaCaseResult = { name: c.name, what: c.what, expect: c.expect, answered: false, offeredMobility: false, completed: false, retransmits: 0 };
  const st: PacState = { pacNonce: new Uint8Array(randomBytes(16)), nonceSent: false, answered: new Map() };
  const send = async (b: Uint8Array): Promise<void> => {
    const r = await sock.send(b, to);
    if (r.kind === 'error') throw new ProbeTargetError(`cannot send to ${p.target.addr}:${p.target.port}: ${r.code} ${r.message}`);
  };
  try {
    await send(encodePana(panaMessage({ type: 1 }))); // RFC 5191 §4.1: PCI, Session Identifier 0, Sequence Number 0
    const fromTarget = (d: { from: { addr: string; port: number } }) => d.from.addr === p.target.addr && d.from.port === p.target.port;
    for (;;) {
      const r = await sock.receive(p.timeoutMs, fromTarget);
      if (r.kind !== 'datagram') break;
      const m = decodePana(r.data, p.settings).value;
      if (m.truncated || m.type !== 2 || !hasFlag(m, 'R')) continue; // PNR/PTR and stray answers: not part of this exchange
      res.answered = true;
      if (st.wrong) {
        if (m.seq === st.wrong.seq) {
          res.wrongSeq = 'retransmitted';
          res.retransmits++;
          st.answered.set(m.seq, st.wrong.right);
          st.wrong = undefined;
          await send(st.answered.get(m.seq)!);
          continue;
        }
        res.wrongSeq = 'accepted';
        st.wrong = undefined;
      }
      const again = st.answered.get(m.seq);
      if (again) {
        res.retransmits++;
        await send(again);
        continue;
      }
      const { pan, final } = answer(c, p, m, r.data, st, res);
      const bytes = encodePana(pan);
      if (hasFlag(m, 'S')) st.iPan = bytes;
      if (c.wrongSeq && hasFlag(m, 'S') && !res.wrongSeq) {
        st.wrong = { seq: m.seq, right: bytes };
        await send(encodePana({ ...pan, seq: (pan.seq + 0x10000) >>> 0 }));
        continue;
      }
      st.answered.set(m.seq, bytes);
      await send(bytes);
      if (final) break;
    }
    if (st.wrong) res.wrongSeq = 'silent';
    return res;
  } finally {
    await sock.close();
  }
}

function pick(m: PanaMessage, code: number, prefer: number): number | undefined {
  const offered = m.avps.filter((a) => a.vendorId === undefined && a.code === code).map((a) => readU32(a.data)).filter((x): x is number => x !== undefined);
  return offered.includes(prefer) ? prefer : offered[0];
}

/** The PAN for one PAR (RFC 5191 §4.1–4.3): echoes S and C, the Session Identifier and the Sequence Number. */
function answer(c: PanaCase, p: PanaPaaProbe, m: PanaMessage, raw: Uint8Array, st: PacState, res: PanaCaseResult): { pan: PanaMessage; final: boolean } {
  const flags = (Object.keys(PANA_FLAGS) as (keyof typeof PANA_FLAGS)[]).filter((f) => (f === 'S' || f === 'C') && hasFlag(m, f));
  const avps: PanaAvp[] = [];
  const final = avpOf(m, PANA_AVP.RESULT_CODE) !== undefined || hasFlag(m, 'C');
  if (hasFlag(m, 'S')) {
    st.iPar = raw;
    res.sessionId = m.sessionId;
    const prf = pick(m, PANA_AVP.PRF_ALGORITHM, PRF_HMAC_SHA1);
    const integ = pick(m, PANA_AVP.INTEGRITY_ALGORITHM, AUTH_HMAC_SHA1_160);
    if (prf !== undefined) avps.push(panaAvp.prfAlgorithm(prf));
    if (integ !== undefined) avps.push(panaAvp.integrityAlgorithm(integ));
    const mc = s002Of(m, 'pana.avp.mobilityCapability', p.settings);
    res.offeredMobility = mc !== undefined;
    if (mc && c.mobility) avps.push(panaAvp.mobilityCapability(readU32(mc.data) ?? 1, p.settings)); // S002 §4.2: only when offered
  }
  const nonce = avpOf(m, PANA_AVP.NONCE);
  if (nonce) st.paaNonce = nonce.data;
  if (nonce && !st.nonceSent) {
    avps.push(panaAvp.nonce(st.pacNonce));
    st.nonceSent = true;
  }
  const eap = avpOf(m, PANA_AVP.EAP_PAYLOAD);
  const e = eap ? eapView(eap.data) : undefined;
  if (e?.code === EAP.REQUEST) {
    avps.push(panaAvp.eapPayload(e.type === EAP.IDENTITY
      ? eapPacket(EAP.RESPONSE, e.id, EAP.IDENTITY, new TextEncoder().encode(c.identity ?? p.identity))
      : eapPacket(EAP.RESPONSE, e.id, EAP.NAK, Uint8Array.of(0)))); // RFC 3748 §5.3.1: no alternative method
  }
  if (c.unknownAvp) avps.push(panaAvp.raw(UNKNOWN_AVP_CODE, u32(0x6d36)));
  let pan = panaMessage({ type: 2, flags, sessionId: m.sessionId, seq: m.seq, avps });
  if (final) {
    res.completed = true;
    res.resultCode = readU32(avpOf(m, PANA_AVP.RESULT_CODE)?.data);
    const ha = s002Of(m, 'pana.avp.haAddress', p.settings);
    const hoa = s002Of(m, 'pana.avp.hoa', p.settings);
    if (ha && (ha.data.length === 4 || ha.data.length === 16)) res.ha = ipText(ha.data);
    if (hoa && (hoa.data.length === 4 || hoa.data.length === 16)) res.hoa = ipText(hoa.data);
    const keyId = avpOf(m, PANA_AVP.KEY_ID);
    const kid = readU32(keyId?.data);
    if (keyId && kid !== undefined && p.msk && st.iPar && st.iPan && st.paaNonce) {
      const key = panaAuthKey({ msk: p.msk, iPar: st.iPar, iPan: st.iPan, pacNonce: st.pacNonce, paaNonce: st.paaNonce, keyId: kid });
      if (avpOf(m, PANA_AVP.AUTH)) res.authValid = authValid(m, key);
      pan = withAuth({ ...pan, avps: [...pan.avps, panaAvp.keyId(kid)] }, key); // RFC 5191 §4.3: the C-flag PAN carries Key-Id and AUTH
    }
  }
  return { pan, final };
}
