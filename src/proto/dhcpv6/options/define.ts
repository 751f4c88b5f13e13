// The shape of one option definition and the context decoders share. Definitions are plain objects in tables
// (registry.ts): no closures are made per decoded option.
import type { Reader } from '../../../wire/reader.js';
import type { Writer } from '../../../wire/writer.js';
import type { DecodeIssue, IssueSeverity } from '../../../wire/issue.js';
import type { Dhcpv6Message, Dhcpv6Option, OptionKind, OptionOfKind } from '../types.js';
import { ipv6At, ipv6Bytes } from '../addr.js';

export type HnidfProfile = 'rfc6610' | 'hiopt-draft';

/** Containers and relay messages nest at most this deep; deeper data is kept raw (no stack exhaustion on crafted input). */
export const MAX_DEPTH = 40;

export interface DecodeCtx {
  /** option definitions indexed by code (codes above the table size are unknown) */
  readonly defs: readonly (OptionDef | undefined)[];
  readonly hnidf: HnidfProfile;
  readonly issues: DecodeIssue[];
  /** current path in the decoded tree; list decoders push/pop, issues copy it */
  readonly path: (string | number)[];
  depth: number;
  /** decodes a complete message in r.buf[r.pos, end) (RELAY_MSG); injected to keep modules acyclic */
  readonly decodeMessage: (r: Reader, end: number, ctx: DecodeCtx) => Dhcpv6Message;
}

export interface EncodeCtx {
  readonly byKind: ReadonlyMap<OptionKind, OptionDef>;
  readonly hnidf: HnidfProfile;
  readonly encodeMessage: (m: Dhcpv6Message, w: Writer, ctx: EncodeCtx) => void;
}

/**
 * One option: `decode` reads option-data at r.pos (exactly `len` octets are present before the container ends)
 * and returns the node, or undefined after recording an issue, in which case the list keeps the option raw.
 * `encode` writes option-data only; the list writes code and length.
 */
export interface OptionDef<O extends Dhcpv6Option = any> {
  readonly code: number;
  readonly name: string;
  readonly kind: O['kind'];
  /** RFC and section defining the layout */
  readonly source: string;
  decode(r: Reader, len: number, ctx: DecodeCtx): O | undefined;
  encode(o: O, w: Writer, ctx: EncodeCtx): void;
}

export function defineOption<K extends OptionKind>(d: OptionDef<OptionOfKind<K>> & { kind: K }): OptionDef<OptionOfKind<K>> {
  Object.freeze(d);
  return d;
}

/** records an issue at the current path (plus `sub`) */
export function report(
  ctx: DecodeCtx,
  code: string,
  message: string,
  offset: number,
  extra: { expected?: unknown; actual?: unknown; severity?: IssueSeverity; sub?: (string | number)[] } = {},
): void {
  const path = extra.sub ? [...ctx.path, ...extra.sub] : ctx.path.slice();
  const i: DecodeIssue = { code, message, offset, severity: extra.severity ?? 'error', path };
  if (extra.expected !== undefined) i.expected = extra.expected;
  if (extra.actual !== undefined) i.actual = extra.actual;
  ctx.issues.push(i);
}

/** option-data length must be exactly n: otherwise an issue and undefined */
export function exactLength(ctx: DecodeCtx, r: Reader, name: string, len: number, n: number): boolean {
  if (len === n) return true;
  report(ctx, 'dhcpv6.option.bad-length', `${name} length ${len}, expected ${n}`, r.abs() - 4, { expected: n, actual: len });
  return false;
}

/** option-data length must be at least n */
export function minLength(ctx: DecodeCtx, r: Reader, name: string, len: number, n: number): boolean {
  if (len >= n) return true;
  report(ctx, 'dhcpv6.option.bad-length', `${name} length ${len}, expected at least ${n}`, r.abs() - 4, {
    expected: `>=${n}`,
    actual: len,
  });
  return false;
}

/** reads 16 octets as RFC 5952 text */
export function readIpv6(r: Reader): string {
  r.need(16);
  const s = ipv6At(r.buf, r.pos);
  r.pos += 16;
  return s;
}

export function writeIpv6(w: Writer, text: string): void {
  w.bytes(ipv6Bytes(text));
}
