// Runs Diameter probe cases against a target that acts as a Diameter server (AAA server, home agent).
// Cases are data (diameter-server.ts, diameter-home-agent.ts): one message each, on the shared session, on a
// connection of their own after a CER ('own'), or on a bare connection with no CER ('bare', cases about the CER or
// what comes before it). Every case ends with an outcome that is also in the recording: the answer, no answer
// within the timeout, or the connection closed by the target (FIN/RST).
//
// Recording rule: a request left unanswered must reach the matcher's window as a timeout, not look as if the target
// had closed on it. So connections with an unanswered request stay open until the window has passed, a DWR then
// moves the capture clock past it, and only then does the tester close (DPR on the session, FIN elsewhere).
import type { Settings } from '../../assert/profiles.js';
import { ipv6Text, type DiameterMessage, type Dictionary } from '../../proto/diameter/index.js';
import { dictionaryFor, findAvp, CMD } from '../../proto/diameter/index.js';
import { ProbeTargetError, UsageError } from '../../util/errors.js';
import { DiameterPeer, describeOutcome, resultCodeOf, type Identity, type Outcome } from '../diameter-peer.js';
import { parseTarget, type Target } from '../target.js';
import type { ProbeOptions } from '../roles/types.js';
import { connectTcp } from '../transport/tcp.js';
import type { Tap } from '../transport/types.js';
import ipaddr from 'ipaddr.js';

export interface CaseCtx {
  peer: DiameterPeer;
  dict: Dictionary;
  settings: Settings;
  host: string;
  realm: string;
  /** Destination-Realm: --opt destRealm, else the target's CEA Origin-Realm, else our realm */
  destRealm: string;
  ha: string;
  hnp: { len: number; prefix: string };
  /** role-specific extras (--opt KEY=VALUE) */
  extra: Record<string, unknown>;
}

export interface DiameterCase {
  name: string;
  what: string;
  /** what the cited text requires of the target (for the case list and the test messages; assertions judge) */
  expect: string;
  /** 'session': the shared session; 'own': a connection of its own after a CER; 'bare': its own, no CER first */
  conn: 'session' | 'own' | 'bare';
  /** the message (or raw bytes) the case sends; null = the session's CER itself (reported from the session setup) */
  build: ((c: CaseCtx) => DiameterMessage | Uint8Array) | null;
}

export interface DiameterProbe {
  target: Target;
  bind?: string;
  timeoutMs: number;
  settings: Settings;
  identity: Omit<Identity, 'originHost'> & { originHost: string };
  ha: string;
  hnp: { len: number; prefix: string };
  cases?: string[];
  extra: Record<string, unknown>;
  tap: Tap;
}

export interface DiameterCaseResult {
  name: string;
  what: string;
  expect: string;
  conn: DiameterCase['conn'];
  outcome: Outcome['kind'] | 'not-run';
  resultCode?: number;
  eBit?: boolean;
  failedAvp?: boolean;
  /** one line: what happened */
  detail: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A distinct Origin-Host for a case's own connection ('garbage-tester.test.realm'), so the target never takes it for a second connection of the session's peer. */
export function caseHost(originHost: string, caseName: string): string {
  const dot = originHost.indexOf('.');
  return dot > 0 ? `${caseName}-${originHost.slice(0, dot)}${originHost.slice(dot)}` : `${caseName}-${originHost}`;
}

function resultOf(c: DiameterCase, o: Outcome | null, note = ''): DiameterCaseResult {
  const base = { name: c.name, what: c.what, expect: c.expect, conn: c.conn };
  if (!o) return { ...base, outcome: 'not-run', detail: note || 'not run' };
  const r: DiameterCaseResult = { ...base, outcome: o.kind, detail: describeOutcome(o) + note };
  if (o.kind === 'answer') {
    const rc = resultCodeOf(o.msg);
    if (rc !== undefined) r.resultCode = rc;
    r.eBit = (o.msg.flags & CMD.E) !== 0;
    r.failedAvp = findAvp(o.msg, 'Failed-AVP') !== undefined;
  }
  return r;
}

const isSuccess = (o: Outcome): boolean => o.kind === 'answer' && resultCodeOf(o.msg) === 2001;

/**
 * Runs the cases; returns one result per case. Throws ProbeTargetError when the target cannot be reached or does
 * not complete a capabilities exchange on the first connection (silent, reset, junk, oversize): nothing else can run.
 */
export async function probeDiameterTarget(p: DiameterProbe, all: readonly DiameterCase[]): Promise<DiameterCaseResult[]> {
  const cases = all.filter((c) => !p.cases?.length || p.cases.includes(c.name));
  const unknown = (p.cases ?? []).filter((n) => !all.some((c) => c.name === n));
  if (unknown.length) throw new UsageError(`unknown case(s) ${unknown.join(', ')}; cases: ${all.map((c) => c.name).join(', ')}`);
  const dict = dictionaryFor(p.settings);
  const windowMs = p.settings['flow.window'] * 1000;
  const host = p.target.scope ? `${p.target.addr}%${p.target.scope}` : p.target.addr;
  const where = `${p.target.addr.includes(':') ? `[${p.target.addr}]` : p.target.addr}:${p.target.port}`;
  const maxBuffer = Math.max(p.settings['diameter.maxMessage'], 64 * 1024);
  const results = new Map<string, DiameterCaseResult>();
  /** connections kept open because a request on them is unanswered, and when the last such request was sent */
  const pending: DiameterPeer[] = [];
  let lastUnanswered = -Infinity;
  let destRealm = typeof p.extra.destRealm === 'string' ? p.extra.destRealm : undefined;

  const open = async (originHost: string): Promise<DiameterPeer | Outcome> => {
    const r = await connectTcp({ host, port: p.target.port, timeoutMs: p.timeoutMs, maxBuffer, tap: p.tap, ...(p.bind ? { localAddr: p.bind } : {}) });
    if (r.kind === 'timeout') return { kind: 'timeout', afterMs: r.afterMs };
    if (r.kind === 'error') return r;
    return new DiameterPeer(r.conn, { ...p.identity, originHost }, dict);
  };
  const ctx = (peer: DiameterPeer): CaseCtx => ({
    peer, dict, settings: p.settings, host: peer.id.originHost, realm: p.identity.originRealm,
    destRealm: destRealm ?? p.identity.originRealm, ha: p.ha, hnp: p.hnp, extra: p.extra,
  });
  /** after a case: remember unanswered requests; close the connection otherwise */
  const settle = async (peer: DiameterPeer, o: Outcome, sentAt: number, keep: boolean): Promise<void> => {
    if (o.kind === 'timeout') {
      lastUnanswered = Math.max(lastUnanswered, sentAt);
      if (!pending.includes(peer)) pending.push(peer);
      return;
    }
    if (!keep && !pending.includes(peer)) await peer.link.close();
  };

  // 1. the session: CER/CEA, then the session cases in order (reconnecting if a case killed it)
  let session: DiameterPeer | null = null;
  const first = await open(p.identity.originHost);
  if (!(first instanceof DiameterPeer)) throw new ProbeTargetError(`cannot connect to ${where}: ${describeOutcome(first, 'the connection')}`);
  const t0 = performance.now();
  const cea = await first.capabilities(p.timeoutMs);
  if (cea.outcome.kind !== 'answer') {
    await first.link.close();
    throw new ProbeTargetError(`${where} is not a Diameter peer we can talk to: ${describeOutcome(cea.outcome, 'the CER')}`);
  }
  const cerCase = cases.find((c) => c.build === null);
  if (cerCase) results.set(cerCase.name, resultOf(cerCase, cea.outcome));
  destRealm ??= (findAvp(cea.outcome.msg, 'Origin-Realm')?.value as string | undefined) ?? undefined;
  let sessionNote = '';
  if (isSuccess(cea.outcome)) session = first;
  else {
    sessionNote = `no session: ${describeOutcome(cea.outcome, 'the CER')}`;
    await settle(first, cea.outcome, t0, false);
  }

  for (const c of cases.filter((x) => x.conn === 'session' && x.build)) {
    if (session?.dead) {
      await session.link.close();
      const s = await open(p.identity.originHost);
      session = null;
      if (s instanceof DiameterPeer) {
        const again = await s.capabilities(p.timeoutMs);
        if (isSuccess(again.outcome)) session = s;
        else {
          sessionNote = `session lost and not re-established: ${describeOutcome(again.outcome, 'the CER')}`;
          await settle(s, again.outcome, performance.now(), false);
        }
      } else sessionNote = `session lost; reconnect failed: ${describeOutcome(s, 'the connection')}`;
    }
    if (!session) {
      results.set(c.name, resultOf(c, null, sessionNote));
      continue;
    }
    const at = performance.now();
    const { outcome } = await send(session, c.build!(ctx(session)), p.timeoutMs);
    results.set(c.name, resultOf(c, outcome));
    if (outcome.kind === 'timeout') lastUnanswered = Math.max(lastUnanswered, at);
  }

  // 2. cases on connections of their own
  for (const c of cases.filter((x) => x.conn !== 'session')) {
    const peer = await open(caseHost(p.identity.originHost, c.name));
    if (!(peer instanceof DiameterPeer)) {
      results.set(c.name, resultOf(c, peer, ' (connect)'));
      continue;
    }
    if (c.conn === 'own') {
      const at = performance.now();
      const ce = await peer.capabilities(p.timeoutMs);
      if (!isSuccess(ce.outcome)) {
        results.set(c.name, resultOf(c, null, `not run: ${describeOutcome(ce.outcome, 'its CER')}`));
        await settle(peer, ce.outcome, at, false);
        continue;
      }
    }
    const at = performance.now();
    const { outcome } = await send(peer, c.build!(ctx(peer)), p.timeoutMs);
    results.set(c.name, resultOf(c, outcome));
    await settle(peer, outcome, at, false);
  }

  // 3. teardown: let unanswered requests expire in the recording before anything of ours closes their connections
  const wait = lastUnanswered + windowMs + 100 - performance.now();
  if (wait > 0 && Number.isFinite(wait)) await sleep(wait);
  const ticker = session && !session.dead ? session : pending.find((x) => !x.dead);
  if (Number.isFinite(lastUnanswered) && ticker) await ticker.request(ticker.dwr(), p.timeoutMs);
  if (session) await session.disconnect(p.timeoutMs);
  for (const x of pending) if (x !== session) await x.link.close();
  return cases.map((c) => results.get(c.name) ?? resultOf(c, null));
}

/** sends a case's message (fresh identifiers) or raw bytes, and waits for the answer or the end of the connection */
async function send(peer: DiameterPeer, what: DiameterMessage | Uint8Array, timeoutMs: number): Promise<{ outcome: Outcome }> {
  if (what instanceof Uint8Array) {
    const r = await peer.sendRaw(what);
    if (r.kind === 'error') return { outcome: { kind: 'error', code: r.code, message: r.message } };
    const n = await peer.next(timeoutMs);
    return { outcome: n.kind === 'message' ? { kind: 'answer', msg: n.msg, issues: n.issues, ms: 0 } : n };
  }
  return peer.request(what, timeoutMs);
}

/** PREFIX/LEN text → the RFC 5447 §4.2.4 17-octet form (prefix length, then 16 octets with the host bits zero) */
export function homeLinkPrefix(hnp: { len: number; prefix: string }): Uint8Array {
  const bytes = new Uint8Array(ipaddr.parse(hnp.prefix).toByteArray());
  const out = new Uint8Array(17);
  out[0] = hnp.len;
  for (let i = 0; i < 16; i++) {
    const keep = Math.max(0, Math.min(8, hnp.len - i * 8));
    out[i + 1] = (bytes[i] ?? 0) & ((0xff << (8 - keep)) & 0xff);
  }
  return out;
}

export const prefixText = (b: Uint8Array): string => `${ipv6Text(b, 1)}/${b[0]}`;

/** ProbeOptions (CLI flags, --opt) → DiameterProbe; `authApps` = the Auth-Application-Ids the tester advertises */
export function diameterProbeOptions(o: ProbeOptions, settings: Settings, tap: Tap, authApps: number[]): DiameterProbe {
  const [prefix, len] = o.hnp.split('/');
  if (!prefix || !len || !Number.isInteger(Number(len)) || Number(len) > 128) throw new UsageError(`--hnp wants PREFIX/LEN, got '${o.hnp}'`);
  if (!ipaddr.isValid(prefix) || !ipaddr.isValid(o.ha)) throw new UsageError(`--ha / --hnp: not IP addresses ('${o.ha}', '${o.hnp}')`);
  return {
    target: parseTarget(o.target, 3868),
    ...(o.bind ? { bind: o.bind } : {}),
    timeoutMs: o.timeout,
    settings,
    identity: { originHost: o.originHost, originRealm: o.originRealm, authApps },
    ha: o.ha,
    hnp: { prefix, len: Number(len) },
    cases: o.cases,
    extra: o.extra,
    tap,
  };
}
