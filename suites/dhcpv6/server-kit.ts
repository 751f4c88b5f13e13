// Helpers for assertions that judge the DHCPv6 server: the request as the server received it, the answer as
// the server sent it (the Relay-repl's inner message before any relay touched it), why a request may be
// discarded, and byte views of options for byte-identical comparisons.
import type { Check, Evidence } from '../../src/assert/types.js';
import { v } from '../../src/assert/types.js';
import { bytesEqual, toHex } from '../../src/wire/codec.js';
import {
  ANSWER_TYPES, IA_CODES, MIP6_CONTAINERS, MIP6_ORO_CODES, MSG, OPT, findAll, findKind, findOption, innermost, relayChain,
} from '../../src/proto/dhcpv6/index.js';
import type { Dhcpv6ClientServerMessage, Dhcpv6Option, Dhcpv6RelayMessage } from '../../src/proto/dhcpv6/index.js';
import { ev, legs, type DMsg, type DTx } from './kit.js';

export interface Side {
  msg: Dhcpv6ClientServerMessage;
  /** the captured message that carries it (the client leg, a Relay-forw, a Relay-repl or the Reply) */
  carrier: DMsg;
}

/** Highest message type in the IANA registry (36, ADDR-REG-REPLY, RFC 9686; recalled, UNVERIFIED); above it = unknown. */
export const LAST_KNOWN_MSG_TYPE = 36;
/** UseMulticast status (RFC 8415 §21.13) and UnspecFail. */
export const STATUS = { SUCCESS: 0, UNSPEC_FAIL: 1, USE_MULTICAST: 5 } as const;
/** message types a server sends (answers, Relay-repl, Reconfigure) */
export const SERVER_SENT: ReadonlySet<number> = new Set([...ANSWER_TYPES, MSG.RELAY_REPL, MSG.RECONFIGURE]);

export function isUnknownMsgType(t: number): boolean {
  return t <= 0 || t > LAST_KNOWN_MSG_TYPE;
}

export function isExchange(tx: DTx): boolean {
  return tx.proto === 'dhcpv6' && tx.kind === 'dhcpv6.exchange';
}

/** the leg with the deepest relay nesting: the Relay-forw the server received / the Relay-repl the server sent */
function deepest(ms: DMsg[]): DMsg | undefined {
  let best: DMsg | undefined;
  let depth = -1;
  for (const m of ms) {
    const d = relayChain(m.value).length;
    if (d > depth) {
      best = m;
      depth = d;
    }
  }
  return best;
}

export function serverForw(tx: DTx): DMsg | undefined {
  return deepest(legs(tx).relayForw);
}

export function serverRepl(tx: DTx): DMsg | undefined {
  return deepest(legs(tx).relayRepl);
}

/** The request as the server received it: inside the deepest Relay-forw, else the client's own message. */
export function received(tx: DTx): Side | undefined {
  const f = serverForw(tx);
  if (f) {
    const inner = innermost(f.value);
    return inner.kind === 'message' && !inner.partial ? { msg: inner, carrier: f } : undefined;
  }
  const c = legs(tx).client[0];
  return c && c.value.kind === 'message' && !c.value.partial ? { msg: c.value, carrier: c } : undefined;
}

/** The answer as the server sent it: inside the deepest Relay-repl, else the Reply it sent directly. */
export function sent(tx: DTx): Side | undefined {
  const p = serverRepl(tx);
  if (p) {
    const inner = innermost(p.value);
    return inner.kind === 'message' && !inner.partial ? { msg: inner, carrier: p } : undefined;
  }
  const r = legs(tx).reply[0];
  return r && r.value.kind === 'message' && !r.value.partial ? { msg: r.value, carrier: r } : undefined;
}

export function answered(tx: DTx): boolean {
  const l = legs(tx);
  return l.relayRepl.length > 0 || l.reply.length > 0;
}

export function isIr(s: Side | undefined): s is Side {
  return s?.msg.msgType === MSG.INFORMATION_REQUEST;
}

/** the client leg went to a unicast address and no relay carried it (RFC 8415 §16, §18.4) */
export function unicastDirect(tx: DTx): DMsg | undefined {
  const l = legs(tx);
  const c = l.client[0];
  if (!c || l.relayForw.length) return undefined;
  return c.dst.addr.toLowerCase().startsWith('ff') ? undefined : c;
}

/**
 * Why a server may (or must) stay silent on this request, or undefined when it should answer
 * (RFC 8415 §16, §16.12): unknown type, IA option or any SERVERID in an IR, unicast to the server.
 */
export function discardReason(tx: DTx, req: Side | undefined): string | undefined {
  if (!req) return 'request not readable';
  if (isUnknownMsgType(req.msg.msgType)) return `unknown msg-type ${req.msg.msgType}`;
  if (req.msg.msgType !== MSG.INFORMATION_REQUEST) return undefined;
  if (req.msg.options.some((o) => IA_CODES.has(o.code))) return 'IA option in an Information-request';
  if (findOption(req.msg, OPT.SERVERID)) return 'Information-request names a server (SERVERID)';
  if (unicastDirect(tx)) return 'Information-request sent to a unicast address';
  return undefined;
}

/**
 * For Reply-content checks: the Reply, or the verdict to give when there is none (not-applicable when the
 * request may be discarded, else inconclusive naming what was missing).
 */
export function replyOrMissing(tx: DTx, req: Side): { reply: Side } | { check: Check } {
  const s = sent(tx);
  if (s) return { reply: s };
  const frames = ev([req.carrier]);
  if (answered(tx)) return { check: v.inconclusive('the answer could not be read as a client/server message', ev(legs(tx).relayRepl.concat(legs(tx).reply))) };
  const why = discardReason(tx, req);
  if (why) return { check: v.na(`no Reply, and the server may discard this request (${why})`, frames) };
  return { check: v.inconclusive(`no Reply captured for this ${msgName(req.msg.msgType)} (timeout ${tx.timeout?.afterMs ?? '?'} ms)`, { ...frames, path: 'reply', expected: 'a Reply' }) };
}

export function msgName(t: number): string {
  return t === MSG.INFORMATION_REQUEST ? 'Information-request' : `msg-type ${t}`;
}

/** whole option TLV bytes (code, len, data) as captured, when the node was decoded */
export function optionBytes(carrier: DMsg, o: Dhcpv6Option): Uint8Array | undefined {
  if (o.offset === undefined || o.length === undefined) return undefined;
  return carrier.raw.subarray(o.offset, o.offset + o.length);
}

/** option-data bytes as captured */
export function dataBytes(carrier: DMsg, o: Dhcpv6Option): Uint8Array | undefined {
  const b = optionBytes(carrier, o);
  return b ? b.subarray(4) : undefined;
}

export function sameData(a: DMsg, oa: Dhcpv6Option, b: DMsg, ob: Dhcpv6Option): boolean {
  if (oa.code !== ob.code) return false;
  const x = dataBytes(a, oa);
  const y = dataBytes(b, ob);
  return x !== undefined && y !== undefined && bytesEqual(x, y);
}

export function dataHex(carrier: DMsg, o: Dhcpv6Option): string {
  const b = dataBytes(carrier, o);
  return b ? toHex(b) : '';
}

/** ORO codes of a request (empty when there is no ORO) */
export function oroCodes(m: Dhcpv6ClientServerMessage): number[] {
  return findKind(m, 'oro')?.codes ?? [];
}

export function homeInfoRequested(m: Dhcpv6ClientServerMessage): boolean {
  return oroCodes(m).some((c) => MIP6_ORO_CODES.has(c));
}

/** HNIDF at the top level of the IR, or inside an IDINF the client sent (RFC 6610 placement, DIGEST MIPOPT-02) */
export function requestHnidf(m: Dhcpv6ClientServerMessage): string | undefined {
  const top = findKind(m, 'hnidf');
  if (top) return top.fqdn;
  return findKind(findKind(m, 'idinf')?.options ?? [], 'hnidf')?.fqdn;
}

export function containers(m: Dhcpv6ClientServerMessage): Dhcpv6Option[] {
  return m.options.filter((o) => MIP6_CONTAINERS.has(o.code));
}

/** the RSOO option lists of every relay layer, from the layer nearest the server to the one nearest the client */
export function rsooLayers(forw: DMsg): { layer: number; relay: Dhcpv6RelayMessage; options: Dhcpv6Option[] }[] {
  const out: { layer: number; relay: Dhcpv6RelayMessage; options: Dhcpv6Option[] }[] = [];
  relayChain(forw.value).forEach((relay, layer) => {
    for (const r of findAll(relay, OPT.RSOO)) if (r.kind === 'rsoo') out.push({ layer, relay, options: r.options });
  });
  return out;
}

export function optCodes(l: readonly Dhcpv6Option[]): number[] {
  return l.map((o) => o.code);
}

/** evidence for a request/answer pair */
export function pairEv(req: Side | undefined, ans: Side | undefined, extra: Omit<Evidence, 'frames'> = {}): Evidence {
  return ev([req?.carrier, ans?.carrier], extra);
}
