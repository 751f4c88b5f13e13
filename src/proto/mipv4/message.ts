// Mobile IPv4 registration codec (RFC 5944 §3.3 Request, §3.4 Reply, §1.9 extension formats).
// RRQ: Type=1 | Flags | Lifetime(2) | Home Address(4) | Home Agent(4) | Care-of Address(4) | Identification(8) | Extensions
// RRP: Type=3 | Code  | Lifetime(2) | Home Address(4) | Home Agent(4) | Identification(8) | Extensions
// Extension short form: Type | Length | Data; long form (36, 38): Type | Sub-Type | Length(2) | Data.
import type { Settings } from '../../assert/profiles.js';
import type { Decoded, Span } from '../../wire/codec.js';
import { issue, shortIssue, WireShort, type DecodeIssue } from '../../wire/issue.js';
import { Reader } from '../../wire/reader.js';
import { Writer } from '../../wire/writer.js';
import { codepoint } from '../codepoints.js';
import { ipBytes, ipText } from '../pana/addr.js';
import { LONG_FORM, MIPV4_EXTENSIONS } from './names.js';

export interface Mipv4Extension {
  type: number;
  /** long form only: the Sub-Type (36) or Reserved (38) octet */
  subtype?: number;
  data: Uint8Array;
  /** Length field as decoded */
  length?: number;
  override?: { length?: number };
  name?: string;
  parsed?: unknown;
  raw?: Span;
}

export interface Mipv4Message {
  type: number;
  /** RRQ flags octet */
  flags?: number;
  /** RRP code */
  code?: number;
  lifetime: number;
  homeAddress: string;
  homeAgent: string;
  /** RRQ only */
  careOfAddress?: string;
  identification: bigint;
  extensions: Mipv4Extension[];
  /** bytes that do not form a whole extension */
  tail?: Uint8Array;
  /** a message type we do not decode: everything after the Type octet */
  body?: Uint8Array;
  /** the whole message, when the fixed part is cut short */
  truncated?: Uint8Array;
  raw?: Span;
}

const P = 'mipv4';

function u32At(d: Uint8Array, at: number): number {
  return new DataView(d.buffer, d.byteOffset, d.byteLength).getUint32(at);
}
function u16At(d: Uint8Array, at: number): number {
  return new DataView(d.buffer, d.byteOffset, d.byteLength).getUint16(at);
}

/** S003 NVSE sub-types (DIGEST §12.2; code points in src/proto/codepoints.ts) */
function s003Name(settings: Settings | undefined, vendor: number, vtype: number): string | undefined {
  if (vendor !== codepoint(settings, 's003.nvse.vendorId')) return undefined;
  for (const [key, name] of [
    ['s003.nvse.haAssignment', 'S003-HA-Assignment'],
    ['s003.nvse.ipv6Hoa', 'S003-IPv6-Home-Address'],
    ['s003.nvse.thoav4', 'S003-Temporary-IPv4-Home-Address'],
    ['s003.nvse.ipv6Coa', 'S003-IPv6-Care-of-Address'],
  ] as const) {
    if (codepoint(settings, key) === vtype) return name;
  }
  return undefined;
}

/** name and interpreted value of one extension */
function view(e: Mipv4Extension, settings: Settings | undefined): { name: string; parsed?: unknown } {
  const d = e.data;
  const name = MIPV4_EXTENSIONS.get(e.type) ?? `Extension-${e.type}`;
  switch (e.type) {
    case 32: case 33: case 34: // RFC 5944 §3.5.2–3.5.4: SPI(4) + Authenticator
    case 36: // RFC 3012 §5: SPI(4) + Authenticator after the long-form header
      return d.length >= 4 ? { name, parsed: { spi: u32At(d, 0), authenticator: d.subarray(4) } } : { name };
    case 131: // RFC 2794: NAI
      return { name, parsed: new TextDecoder().decode(d) };
    case 38: // RFC 3115 §3.1: Vendor/Org-ID(4) | CVSE-Type(2) | value
      return d.length >= 6 ? { name, parsed: { vendorId: u32At(d, 0), vendorType: u16At(d, 4), value: d.subarray(6) } } : { name };
    case 134: { // RFC 3115 §3.2: Reserved(2) | Vendor/Org-ID(4) | NVSE-Type(2) | value
      if (d.length < 8) return { name };
      const vendorId = u32At(d, 2);
      const vendorType = u16At(d, 6);
      const value = d.subarray(8);
      const s3 = s003Name(settings, vendorId, vendorType);
      const addr = s3 && (value.length === 4 || value.length === 16) ? { address: ipText(value) } : {};
      return { name: s3 ?? name, parsed: { reserved: u16At(d, 0), vendorId, vendorType, value, ...addr } };
    }
    default:
      return { name };
  }
}

function readExtensions(r: Reader, m: Mipv4Message, settings: Settings | undefined, issues: DecodeIssue[]): void {
  while (r.remaining > 0) {
    const start = r.pos;
    const i = m.extensions.length;
    const type = r.buf[r.pos]!;
    const long = LONG_FORM.has(type);
    const hdr = long ? 4 : 2;
    if (r.remaining < hdr) {
      issues.push(issue(`${P}.ext.truncated`, `${r.remaining} octets left, extension header needs ${hdr}`, r.abs(), { path: ['extensions', i] }));
      m.tail = r.rest();
      return;
    }
    r.skip(1);
    const e: Mipv4Extension = { type, data: new Uint8Array(0) };
    if (long) e.subtype = r.u8();
    const length = long ? r.u16() : r.u8();
    e.length = length;
    let n = length;
    if (n > r.remaining) {
      issues.push(issue(`${P}.ext.length-overrun`, `extension ${type} Length ${length} runs past the message`, r.abs(start + 1), { path: ['extensions', i, 'length'], expected: r.remaining, actual: length }));
      e.override = { length };
      n = r.remaining;
    }
    e.data = r.bytes(n);
    Object.assign(e, view(e, settings));
    e.raw = { offset: r.abs(start), length: r.pos - start };
    m.extensions.push(e);
  }
}

export function decodeMipv4(bytes: Uint8Array, settings?: Settings): Decoded<Mipv4Message> {
  const m: Mipv4Message = { type: 0, lifetime: 0, homeAddress: '0.0.0.0', homeAgent: '0.0.0.0', identification: 0n, extensions: [], raw: { offset: 0, length: bytes.length } };
  const issues: DecodeIssue[] = [];
  const r = new Reader(bytes);
  try {
    m.type = r.u8();
    if (m.type !== 1 && m.type !== 3) {
      m.body = r.rest();
      return { value: m, issues };
    }
    const b1 = r.u8();
    if (m.type === 1) m.flags = b1;
    else m.code = b1;
    m.lifetime = r.u16();
    m.homeAddress = ipText(r.bytes(4));
    m.homeAgent = ipText(r.bytes(4));
    if (m.type === 1) m.careOfAddress = ipText(r.bytes(4));
    m.identification = r.u64();
  } catch (e) {
    if (!(e instanceof WireShort)) throw e;
    issues.push(shortIssue(P, e, ['header']));
    m.truncated = bytes;
    return { value: m, issues };
  }
  readExtensions(r, m, settings, issues);
  return { value: m, issues };
}

export function encodeMipv4Extension(w: Writer, e: Mipv4Extension): void {
  w.u8(e.type);
  const len = e.override?.length ?? e.data.length;
  if (LONG_FORM.has(e.type)) w.u8(e.subtype ?? 0).u16(len);
  else w.u8(len);
  w.bytes(e.data);
}

export function encodeMipv4(m: Mipv4Message): Uint8Array {
  if (m.truncated) return m.truncated.slice();
  const w = new Writer(64);
  w.u8(m.type);
  if (m.body) return w.bytes(m.body).finish();
  w.u8((m.type === 1 ? m.flags : m.code) ?? 0).u16(m.lifetime);
  w.bytes(ipBytes(m.homeAddress, 4)).bytes(ipBytes(m.homeAgent, 4));
  if (m.type === 1) w.bytes(ipBytes(m.careOfAddress ?? '0.0.0.0', 4));
  w.u64(m.identification);
  for (const e of m.extensions) encodeMipv4Extension(w, e);
  if (m.tail) w.bytes(m.tail);
  return w.finish();
}
