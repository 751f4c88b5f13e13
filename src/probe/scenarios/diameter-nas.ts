// probe nas: the tester plays the home AAA server. It listens, accepts the NAS's connection and CER (RFC 6733 §5.3),
// answers AAR (NASREQ, RFC 7155) and DER (Diameter EAP, RFC 4072) with success and the home-agent data of RFC 5447
// (MIP6-Agent-Info carrying --ha and --hnp), answers DWR/DPR/STR, and 3001 to anything else. What the NAS sent is
// judged from the recording by the nas / diameter-node assertions.
import type { Settings } from '../../assert/profiles.js';
import { avp, dictionaryFor, findAll, findAvp, CMD, type DiameterAvp, type DiameterMessage } from '../../proto/diameter/index.js';
import { ProbeTargetError } from '../../util/errors.js';
import { DiameterPeer, describeOutcome, type Identity, type Outcome } from '../diameter-peer.js';
import type { Tap } from '../transport/types.js';
import { homeLinkPrefix } from './diameter-run.js';
import { listenTcp } from './diameter-listen.js';

export interface NasProbe {
  bind: string;
  port: number;
  /** the NAS's address: connections from elsewhere are refused */
  from?: string;
  /** how long to wait for the NAS to connect */
  waitMs: number;
  /** the session ends after this long without a request from the NAS */
  idleMs: number;
  /** stop after answering this many AAR/DER/STR (0 = until idle or DPR) */
  maxRequests: number;
  settings: Settings;
  identity: Identity;
  ha: string;
  hnp: { len: number; prefix: string };
  tap: Tap;
}

export interface NasExchange {
  /** command abbreviation (or code) of what the NAS sent, or 'connection' */
  request: string;
  /** the Result-Code the tester answered with (none: not answered) */
  answered?: number;
  detail: string;
}

const RELAY = 0xffffffff;
/** MIP6_INTEGRATED | LOCAL_HOME_AGENT_ASSIGNMENT (RFC 5447 §4.2.5): what the tester, as AAAH, supports and authorises */
const SUPPORTED_FV = 3n;

/** Serves one NAS connection (after any number of refused pre-CER attempts); returns what happened, in order. */
export async function serveNas(p: NasProbe): Promise<NasExchange[]> {
  const dict = dictionaryFor(p.settings);
  const l = await listenTcp({ bind: p.bind, port: p.port, tap: p.tap, maxBuffer: Math.max(p.settings['diameter.maxMessage'], 64 * 1024), ...(p.from ? { from: p.from } : {}) });
  if (l.kind === 'error') throw new ProbeTargetError(`cannot listen on ${p.bind} port ${p.port}: ${l.code} ${l.message}`);
  const log: NasExchange[] = [];
  const deadline = performance.now() + p.waitMs;
  try {
    for (;;) {
      const link = await l.listener.accept(Math.max(0, deadline - performance.now()));
      if ('kind' in link) {
        if (log.length) return log;
        throw new ProbeTargetError(`no connection from ${p.from ?? 'the NAS'} to ${p.bind} port ${l.listener.local.port} within ${p.waitMs} ms`);
      }
      const peer = new DiameterPeer(link, p.identity, dict);
      peer.autoAnswer = false;
      const first = await peer.next(p.idleMs);
      if (first.kind !== 'message') {
        log.push({ request: 'connection', detail: `no CER: ${describeOutcome(first as Outcome, 'the connection')}` });
        await link.close();
        continue;
      }
      const m = first.msg;
      if (!(m.flags & CMD.R) || m.commandCode !== 257) {
        // RFC 6733 §5.6.1: a connection whose first message is not a CER is closed
        log.push({ request: m.name ?? String(m.commandCode), detail: 'first message is not a CER: connection closed (RFC 6733 §5.6.1)' });
        await link.close();
        continue;
      }
      const theirs = [...findAll(m, 'Auth-Application-Id'), ...findAll(m, 'Vendor-Specific-Application-Id/Auth-Application-Id')].map((x) => Number(x.value));
      const common = theirs.includes(RELAY) || theirs.some((a) => p.identity.authApps.includes(a));
      const rc = common ? 2001 : 5010;
      await peer.send(peer.cea(m, rc), true);
      log.push({ request: 'CER', answered: rc, detail: common ? 'CEA 2001' : `CEA 5010: no common application (NAS offers ${theirs.join(', ') || 'none'})` });
      if (!common) {
        await link.close();
        return log;
      }
      peer.autoAnswer = true;
      await serve(peer, p, log);
      return log;
    }
  } finally {
    await l.listener.close();
  }
}

async function serve(peer: DiameterPeer, p: NasProbe, log: NasExchange[]): Promise<void> {
  let served = 0;
  for (;;) {
    const r = await peer.next(p.idleMs);
    if (r.kind !== 'message') {
      if (peer.disconnected || r.kind !== 'timeout') {
        log.push({ request: 'connection', detail: peer.disconnected ? 'the NAS disconnected (DPR/DPA)' : describeOutcome(r as Outcome, 'the session') });
        await peer.link.close();
        return;
      }
      log.push({ request: 'connection', detail: `idle for ${p.idleMs} ms: tester sends DPR` });
      await peer.disconnect(p.idleMs);
      return;
    }
    const m = r.msg;
    if (!(m.flags & CMD.R)) continue; // an answer to nothing of ours
    const a = answerFor(peer, m, p);
    await peer.send(a, true);
    const rc = Number(findAvp(a, 'Result-Code')?.value);
    log.push({ request: m.name ?? String(m.commandCode), answered: rc, detail: `${a.name ?? a.commandCode} ${rc}` });
    if (rc !== 3001) served++;
    if (p.maxRequests > 0 && served >= p.maxRequests) {
      await peer.disconnect(p.idleMs);
      return;
    }
  }
}

/** EAP-Success (RFC 3748 §4.2) for the request's EAP Identifier */
function eapSuccess(req: DiameterMessage): Uint8Array {
  const v = findAvp(req, 'EAP-Payload')?.value;
  const id = v instanceof Uint8Array && v.length > 1 ? v[1]! : 0;
  return Uint8Array.of(3, id, 0, 4);
}

function answerFor(peer: DiameterPeer, m: DiameterMessage, p: NasProbe): DiameterMessage {
  const d = { dict: peer.dict };
  const echo = (name: string): DiameterAvp[] => {
    const x = findAvp(m, name);
    return x ? [x] : [];
  };
  const mip6 = (): DiameterAvp[] => {
    const fv = findAvp(m, 'MIP6-Feature-Vector')?.value;
    const asked = typeof fv === 'bigint' ? fv : 0n;
    return [
      avp('MIP6-Agent-Info', [avp('MIP-Home-Agent-Address', p.ha, d), avp('MIP6-Home-Link-Prefix', homeLinkPrefix(p.hnp), d)], d),
      // RFC 5447 §4.2.5: the server answers with the capabilities it supports and authorises, a subset of the request's
      avp('MIP6-Feature-Vector', asked & SUPPORTED_FV, d),
    ];
  };
  const app = [avp('Auth-Application-Id', m.applicationId, d)];
  switch (m.commandCode) {
    case 265: // AAR → AAA (RFC 7155 §3.2, RFC 5447 §5.2)
      if (m.applicationId !== 1) return peer.answer(m, 3007);
      return peer.answer(m, 2001, [...app, ...echo('Auth-Request-Type'), ...echo('User-Name'), ...mip6()]);
    case 268: // DER → DEA (RFC 4072 §3.2, RFC 5447 §5.4)
      if (m.applicationId !== 5) return peer.answer(m, 3007);
      return peer.answer(m, 2001, [...app, ...echo('Auth-Request-Type'), ...echo('User-Name'), avp('EAP-Payload', eapSuccess(m), d), ...mip6()]);
    case 275: // STR → STA (RFC 6733 §8.5)
      return peer.answer(m, 2001);
    default:
      return peer.answer(m, 3001);
  }
}
