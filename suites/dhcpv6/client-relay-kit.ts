// Helpers for the client- and relay-role DHCPv6 checks: the client's transmissions, relay payload bytes,
// byte comparison, address scopes, ORO/home-information wording. General helpers live in ./kit.ts.
import type { Settings } from '../../src/assert/profiles.js';
import type { Dhcpv6ClientServerMessage, Dhcpv6Message, Dhcpv6Option, Dhcpv6RelayMessage } from '../../src/proto/dhcpv6/index.js';
import {
  dataSpan, findOption, HOP_COUNT_LIMIT, innermost, MIP6_CONTAINERS, MIP6_ORO_CODES, MSG, msgTypeName, OPT, optionName,
} from '../../src/proto/dhcpv6/index.js';
import { ipv6Bytes } from '../../src/proto/dhcpv6/index.js';
import { legs, type DMsg, type DTx } from './kit.js';

/** One copy of the client's message: as the client sent it, or as a Relay-forw carried it. */
export interface ClientCopy {
  msg: Dhcpv6ClientServerMessage;
  carrier: DMsg;
  /** true when `carrier` is the client's own datagram (not a relayed copy) */
  own: boolean;
}

/** Every transmission of the client's message: the client leg when captured, else the first relayed copy. */
export function clientCopies(tx: DTx): ClientCopy[] {
  const l = legs(tx);
  const own = l.client.filter((m) => m.value.kind === 'message').map((m) => ({ msg: m.value as Dhcpv6ClientServerMessage, carrier: m, own: true }));
  if (own.length) return own;
  const f = l.relayForw[0];
  if (!f) return [];
  const inner = innermost(f.value);
  return inner.kind === 'message' ? [{ msg: inner, carrier: f, own: false }] : [];
}

/** The client copies when the exchange is an Information-request, else []. */
export function irCopies(tx: DTx): ClientCopy[] {
  const c = clientCopies(tx);
  return c[0]?.msg.msgType === MSG.INFORMATION_REQUEST ? c : [];
}

/** Message types a relay sends or receives from servers; everything else arriving from a client is client traffic. */
export function isRelayType(t: number): boolean {
  return t === MSG.RELAY_FORW || t === MSG.RELAY_REPL;
}

/** The RELAY_MSG option of one relay layer and the bytes of the message it carries (a view into `raw`). */
export function relayPayload(layer: Dhcpv6RelayMessage, raw: Uint8Array): { option: Dhcpv6Option; bytes: Uint8Array | undefined } | undefined {
  const o = findOption(layer, OPT.RELAY_MSG);
  if (!o) return undefined;
  const s = dataSpan(o);
  if (!s || s.offset + s.length > raw.length) return { option: o, bytes: undefined };
  return { option: o, bytes: raw.subarray(s.offset, s.offset + s.length) };
}

/** Offset of the first octet where a and b differ, or -1 when equal. */
export function firstDiff(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

export function isLinkLocal(addr: string): boolean {
  const b = safeBytes(addr);
  return b !== undefined && b[0] === 0xfe && (b[1]! & 0xc0) === 0x80;
}

export function isUnspecified(addr: string): boolean {
  const b = safeBytes(addr);
  return b !== undefined && b.every((x) => x === 0);
}

export function isMulticast(addr: string): boolean {
  const b = safeBytes(addr);
  return b !== undefined && b[0] === 0xff;
}

function safeBytes(addr: string): Uint8Array | undefined {
  try {
    return ipv6Bytes(addr);
  } catch {
    return undefined;
  }
}

/** HOP_COUNT_LIMIT (and the relay's multicast Hop Limit) under the 'dhcpv6.base' setting (DIGEST §1.6). */
export function hopCountLimit(settings: Settings): number {
  return HOP_COUNT_LIMIT[settings['dhcpv6.base']];
}

/** Short names used in messages: 69 → IDINF. */
export function shortName(code: number): string {
  return optionName(code).replace(/^OPTION_(MIP6_)?/, '');
}

/** "[69, 32, 83]" */
export function codeList(codes: readonly number[]): string {
  return `[${codes.join(', ')}]`;
}

/** What an ORO asks for in the home-information sense: "IDINF", "HNIDF + VDINF", or "no home information". */
export function homeInfoAsked(codes: readonly number[]): string {
  const hit = codes.filter((c) => MIP6_ORO_CODES.has(c));
  return hit.length ? hit.map(shortName).join(' + ') : 'no home information (none of 49/50/69/70)';
}

/** ORO codes that ask for home information under 'rfc6611.oroCodes': 'any' 49/50/69/70, 'rfc6610' a container 50/69/70. */
export function homeInfoCodes(codes: readonly number[], mode: Settings['rfc6611.oroCodes']): number[] {
  const set: ReadonlySet<number> = mode === 'rfc6610' ? MIP6_CONTAINERS : MIP6_ORO_CODES;
  return codes.filter((c) => set.has(c));
}

/** Where the HNIDF sits in a client message: top level, inside IDINF (or another container), or nowhere. */
export function hnidfPlacement(m: Dhcpv6Message): { option: Dhcpv6Option; where: string } | undefined {
  for (const o of m.options) {
    if (o.code === OPT.MIP6_HNIDF) return { option: o, where: 'at the top level' };
  }
  for (const o of m.options) {
    if ('options' in o && MIP6_CONTAINERS.has(o.code)) {
      const h = o.options.find((x) => x.code === OPT.MIP6_HNIDF);
      if (h) return { option: h, where: `inside ${shortName(o.code)}` };
    }
  }
  return undefined;
}

/** Frame + byte offset text: "frame 3 @ 41". */
export function at(m: DMsg, offset: number | undefined): string {
  return offset === undefined ? `frame ${m.frame}` : `frame ${m.frame} @ ${offset}`;
}

export function typeName(t: number): string {
  return msgTypeName(t);
}

/** Time of a message relative to another, in seconds, 3 decimals. */
export function secs(x: number): string {
  return `${x.toFixed(3)} s`;
}

/** " (the message has decode errors: …)" when the carrier has 'error' issues, so an absence is read with care */
export function malformedNote(m: DMsg): string {
  const e = m.issues.find((i) => i.severity === 'error');
  return e ? ` (the message is malformed: ${e.code} at byte ${e.offset}, see RFC8415-21.1-client-well-formed)` : '';
}
