// PANA message codec: RFC 5191 §6.2 header, §6.3 AVPs; plus the pre-RFC draft header (Settings 'pana.profile' = 'draft').
// RFC:   Reserved(2) | Message Length(2) | Flags(2) | Message Type(2) | Session Identifier(4) | Sequence Number(4) | AVPs
// draft: Version(1) | Reserved(1) | Message Length(2) | Flags(2) | Message Type(2) | Sequence Number(4) | AVPs
// AVP:   Code(2) | Flags(2; V 0x8000) | Length(2) | Reserved(2) | [Vendor-Id(4)] | Value | pad to 4.
//        RFC 5191: Length counts the Value only; draft: Length counts header + Value (as Diameter).
import type { Settings } from '../../assert/profiles.js';
import { Reader } from '../../wire/reader.js';
import { Writer } from '../../wire/writer.js';
import type { Decoded, Span } from '../../wire/codec.js';
import { issue, shortIssue, WireShort, type DecodeIssue } from '../../wire/issue.js';
import { codepoint } from '../codepoints.js';
import { ipText } from './addr.js';
import {
  PANA_AVP_V, PANA_AVPS, PANA_DRAFT_AVPS, PANA_DRAFT_FLAGS_RESERVED, PANA_FLAGS_RESERVED,
  PANA_RESULT_CODES, PANA_TERMINATION_CAUSES,
} from './names.js';

export type PanaProfile = 'rfc5191' | 'draft';

export interface PanaAvp {
  code: number;
  /** 16-bit AVP flags; V (0x8000) is set on encode whenever vendorId is present */
  flags: number;
  vendorId?: number;
  reserved?: number;
  /** the Value, exactly as on the wire (EAP-Payload stays bytes) */
  data: Uint8Array;
  /** padding bytes when they are not the standard zeros (kept to re-encode exactly) */
  padding?: Uint8Array;
  /** Length field as decoded (RFC: value only; draft: header + value) */
  length?: number;
  override?: { length?: number };
  /** decode-time view: name and interpreted value */
  name?: string;
  parsed?: unknown;
  raw?: Span;
}

export interface PanaMessage {
  profile: PanaProfile;
  /** draft only: the Version octet (1) */
  version?: number;
  /** RFC: 16 bits; draft: the 8-bit reserved octet */
  reserved: number;
  flags: number;
  type: number;
  /** RFC 5191 only */
  sessionId: number;
  seq: number;
  avps: PanaAvp[];
  /** bytes inside the message length that do not form a whole AVP */
  tail?: Uint8Array;
  /** bytes after the message length */
  trailing?: Uint8Array;
  /** the whole message, when even the header is cut short (encode gives it back as is) */
  truncated?: Uint8Array;
  /** Message Length as decoded */
  length?: number;
  override?: { length?: number };
  raw?: Span;
}

const P = 'pana';

function s002Avp(settings: Settings | undefined, code: number, vendor: number): string | undefined {
  for (const [key, name] of [
    ['pana.avp.mobilityCapability', 'Mobility-Capability'],
    ['pana.avp.haAddress', 'Home-Agent-Address'],
    ['pana.avp.hoa', 'Home-Address'],
  ] as const) {
    if (codepoint(settings, key) === code && codepoint(settings, `${key}.vendor`) === vendor) return name;
  }
  return undefined;
}

/** name and interpreted value of one AVP (RFC 5191 §8; S002 AVPs per DIGEST §11.2, tester-chosen encodings) */
function view(avp: PanaAvp, profile: PanaProfile, settings: Settings | undefined): { name: string; parsed?: unknown } {
  const d = avp.data;
  const u32 = d.length === 4 ? new DataView(d.buffer, d.byteOffset, 4).getUint32(0) : undefined;
  if (profile === 'draft') {
    const name = avp.vendorId === undefined ? PANA_DRAFT_AVPS.get(avp.code) : undefined;
    return { name: name ?? `AVP-${avp.code}` };
  }
  if (avp.vendorId !== undefined) {
    const name = s002Avp(settings, avp.code, avp.vendorId);
    if (name === 'Mobility-Capability') return { name, ...(u32 !== undefined ? { parsed: u32 } : {}) };
    if (name) return { name, ...(d.length === 4 || d.length === 16 ? { parsed: ipText(d) } : {}) };
    return { name: `Vendor-${avp.vendorId}-AVP-${avp.code}` };
  }
  const def = PANA_AVPS.get(avp.code);
  if (!def) return { name: `AVP-${avp.code}` };
  if (def.kind !== 'u32' || u32 === undefined) return { name: def.name };
  if (avp.code === 7) return { name: def.name, parsed: { code: u32, name: PANA_RESULT_CODES.get(u32) ?? `RESULT_${u32}` } };
  if (avp.code === 9) return { name: def.name, parsed: { code: u32, name: PANA_TERMINATION_CAUSES.get(u32) ?? `CAUSE_${u32}` } };
  return { name: def.name, parsed: u32 };
}

function readAvps(r: Reader, m: PanaMessage, settings: Settings | undefined, issues: DecodeIssue[]): void {
  const draft = m.profile === 'draft';
  while (r.remaining > 0) {
    const start = r.pos;
    const i = m.avps.length;
    if (r.remaining < 8) {
      issues.push(issue(`${P}.avp.truncated`, `${r.remaining} octets left, an AVP header needs 8`, r.abs(), { path: ['avps', i] }));
      m.tail = r.rest();
      return;
    }
    const code = r.u16();
    const flags = r.u16();
    const length = r.u16();
    const reserved = r.u16();
    const avp: PanaAvp = { code, flags, length, data: new Uint8Array(0) };
    if (reserved !== 0) {
      avp.reserved = reserved;
      issues.push(issue(`${P}.avp.reserved-nonzero`, 'AVP Reserved is not zero', r.abs(start + 6), { path: ['avps', i, 'reserved'], severity: 'warning', actual: reserved }));
    }
    if (flags & PANA_AVP_V) {
      if (r.remaining < 4) {
        r.pos = start;
        issues.push(issue(`${P}.avp.truncated`, 'V flag set but no room for a Vendor-Id', r.abs(start + 8), { path: ['avps', i] }));
        m.tail = r.rest();
        return;
      }
      avp.vendorId = r.u32();
    }
    const hdr = r.pos - start;
    let valueLen = draft ? length - hdr : length;
    if (valueLen < 0) {
      issues.push(issue(`${P}.avp.bad-length`, `AVP Length ${length} is shorter than its header`, r.abs(start + 4), { path: ['avps', i, 'length'], expected: hdr, actual: length }));
      avp.override = { length };
      valueLen = 0;
    }
    if (valueLen > r.remaining) {
      issues.push(issue(`${P}.avp.length-overrun`, `AVP Length ${length} runs past the message`, r.abs(start + 4), { path: ['avps', i, 'length'], expected: r.remaining, actual: valueLen }));
      avp.override = { length };
      valueLen = r.remaining;
    }
    avp.data = r.bytes(valueLen);
    const pad = (4 - (valueLen % 4)) % 4;
    const got = Math.min(pad, r.remaining);
    const padding = r.bytes(got);
    if (got < pad) {
      avp.padding = padding;
      issues.push(issue(`${P}.avp.missing-padding`, `AVP value not padded to 4 octets`, r.abs(), { path: ['avps', i], severity: 'warning', expected: pad, actual: got }));
    } else if (padding.some((b) => b !== 0)) {
      avp.padding = padding;
      issues.push(issue(`${P}.avp.padding-nonzero`, 'AVP padding is not zero', r.abs() - got, { path: ['avps', i], severity: 'warning' }));
    }
    Object.assign(avp, view(avp, m.profile, settings));
    avp.raw = { offset: r.abs(start), length: r.pos - start };
    m.avps.push(avp);
  }
}

export function decodePana(bytes: Uint8Array, settings?: Settings): Decoded<PanaMessage> {
  const profile: PanaProfile = settings?.['pana.profile'] ?? 'rfc5191';
  const draft = profile === 'draft';
  const hlen = draft ? 12 : 16;
  const m: PanaMessage = { profile, reserved: 0, flags: 0, type: 0, sessionId: 0, seq: 0, avps: [], raw: { offset: 0, length: bytes.length } };
  const issues: DecodeIssue[] = [];
  const r = new Reader(bytes);
  try {
    if (draft) {
      m.version = r.u8();
      m.reserved = r.u8();
    } else {
      m.reserved = r.u16();
    }
    const length = r.u16();
    m.length = length;
    m.flags = r.u16();
    m.type = r.u16();
    if (!draft) m.sessionId = r.u32();
    m.seq = r.u32();
    if (draft && m.version !== 1) issues.push(issue(`${P}.header.version`, `draft PANA version ${m.version}, expected 1`, 0, { expected: 1, actual: m.version }));
    if (!draft && (m.reserved >> 8) === 1)
      issues.push(issue(`${P}.header.draft-format`, 'first octet 1 looks like pre-RFC PANA: try --profile pana-draft', 0, { severity: 'warning' }));
    if (m.reserved !== 0) issues.push(issue(`${P}.header.reserved-nonzero`, 'Reserved is not zero (RFC 5191 §6.2)', draft ? 1 : 0, { severity: 'warning', actual: m.reserved }));
    const resv = m.flags & (draft ? PANA_DRAFT_FLAGS_RESERVED : PANA_FLAGS_RESERVED);
    if (resv) issues.push(issue(`${P}.header.flags-reserved`, 'reserved flag bits set', 4, { severity: 'warning', actual: resv }));
    let end = bytes.length;
    if (length !== bytes.length) {
      m.override = { length };
      issues.push(issue(`${P}.header.bad-length`, `Message Length ${length}, datagram has ${bytes.length} octets`, 2, { expected: bytes.length, actual: length }));
      if (length >= hlen && length < bytes.length) end = length;
    }
    readAvps(new Reader(bytes, hlen, end), m, settings, issues);
    if (end < bytes.length) m.trailing = bytes.subarray(end);
  } catch (e) {
    if (!(e instanceof WireShort)) throw e;
    issues.push(shortIssue(P, e, ['header']));
    m.truncated = bytes;
  }
  return { value: m, issues };
}

export function encodePanaAvp(w: Writer, a: PanaAvp, profile: PanaProfile): void {
  const flags = a.vendorId !== undefined ? a.flags | PANA_AVP_V : a.flags;
  const hdr = a.vendorId !== undefined ? 12 : 8;
  w.u16(a.code).u16(flags);
  const len = a.override?.length ?? (profile === 'draft' ? hdr + a.data.length : a.data.length);
  w.u16(len).u16(a.reserved ?? 0);
  if (a.vendorId !== undefined) w.u32(a.vendorId);
  w.bytes(a.data);
  if (a.padding) w.bytes(a.padding);
  else w.zeros((4 - (a.data.length % 4)) % 4);
}

export function encodePana(m: PanaMessage): Uint8Array {
  if (m.truncated) return m.truncated.slice();
  const w = new Writer(64);
  const draft = m.profile === 'draft';
  if (draft) w.u8(m.version ?? 1).u8(m.reserved);
  else w.u16(m.reserved);
  w.u16(0).u16(m.flags).u16(m.type);
  if (!draft) w.u32(m.sessionId);
  w.u32(m.seq);
  for (const a of m.avps) encodePanaAvp(w, a, m.profile);
  if (m.tail) w.bytes(m.tail);
  const msgLen = w.pos;
  if (m.trailing) w.bytes(m.trailing);
  w.patchU16(2, m.override?.length ?? msgLen);
  return w.finish();
}
