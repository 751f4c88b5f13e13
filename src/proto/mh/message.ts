// Mobility Header codec (RFC 6275 §6.1.1): Payload Proto | Header Len (8-octet units, excluding the first 8) |
// MH Type | Reserved | Checksum(2) | message data | mobility options. Types 0–7 (RFC 6275 §6.1.2–6.1.9) and
// 12 Home Agent Switch (RFC 5142 §5.1; S004 B bit in the reserved octet) are decoded; other types kept raw.
import type { Settings } from '../../assert/profiles.js';
import type { Decoded, Span } from '../../wire/codec.js';
import { issue, shortIssue, WireShort, type DecodeIssue } from '../../wire/issue.js';
import { Reader } from '../../wire/reader.js';
import { Writer } from '../../wire/writer.js';
import { ipBytes, ipText } from '../pana/addr.js';
import { BA_STATUS, BE_STATUS, HAS_B_BIT, IPPROTO_NONE } from './names.js';
import { readMhOptions, writeMhOption, type MhOption } from './options.js';

export type MhBody =
  | { kind: 'brr'; reserved: number }
  | { kind: 'hoti' | 'coti'; reserved: number; cookie: Uint8Array }
  | { kind: 'hot' | 'cot'; nonceIndex: number; cookie: Uint8Array; token: Uint8Array }
  /** lifetime in 4-second units as on the wire */
  | { kind: 'bu'; seq: number; flags: number; lifetime: number }
  | { kind: 'ba'; status: number; statusName?: string; flags: number; seq: number; lifetime: number }
  | { kind: 'be'; status: number; statusName?: string; reserved: number; homeAddress: string }
  /** reserved is the whole octet; its MSB is S004's B bit (b is a decode-time view) */
  | { kind: 'has'; reserved: number; b?: boolean; addresses: string[]; count?: number; override?: { count?: number } }
  /** any other type: everything after the 6-octet common header, options included */
  | { kind: 'raw'; data: Uint8Array };

export interface MhMessage {
  payloadProto: number;
  type: number;
  reserved: number;
  checksum: number;
  body: MhBody;
  options: MhOption[];
  /** octets that do not form a whole option */
  tail?: Uint8Array;
  /** octets after the length Header Len gives */
  trailing?: Uint8Array;
  /** the whole message when even the common header is cut short */
  truncated?: Uint8Array;
  /** Header Len as decoded */
  headerLen?: number;
  override?: { headerLen?: number };
  raw?: Span;
}

const P = 'mh';
const KIND_BY_TYPE = ['brr', 'hoti', 'coti', 'hot', 'cot', 'bu', 'ba', 'be'] as const;

function readBody(r: Reader, type: number): MhBody {
  const kind = type === 12 ? 'has' : KIND_BY_TYPE[type];
  switch (kind) {
    case 'brr':
      return { kind, reserved: r.u16() };
    case 'hoti': case 'coti':
      return { kind, reserved: r.u16(), cookie: r.bytes(8) };
    case 'hot': case 'cot':
      return { kind, nonceIndex: r.u16(), cookie: r.bytes(8), token: r.bytes(8) };
    case 'bu':
      return { kind, seq: r.u16(), flags: r.u16(), lifetime: r.u16() };
    case 'ba': {
      const status = r.u8();
      return { kind, status, statusName: BA_STATUS.get(status) ?? (status < 128 ? 'accepted' : 'rejected'), flags: r.u8(), seq: r.u16(), lifetime: r.u16() };
    }
    case 'be': {
      const status = r.u8();
      return { kind, status, statusName: BE_STATUS.get(status) ?? `status ${status}`, reserved: r.u8(), homeAddress: ipText(r.bytes(16)) };
    }
    case 'has': {
      const count = r.u8();
      const reserved = r.u8();
      const fit = Math.min(count, Math.floor(r.remaining / 16));
      const addresses: string[] = [];
      for (let i = 0; i < fit; i++) addresses.push(ipText(r.bytes(16)));
      const body: MhBody = { kind, count, reserved, b: (reserved & HAS_B_BIT) !== 0, addresses };
      if (fit < count) body.override = { count };
      return body;
    }
    default:
      return { kind: 'raw', data: r.rest() };
  }
}

export function decodeMh(bytes: Uint8Array, _settings?: Settings): Decoded<MhMessage> {
  const issues: DecodeIssue[] = [];
  const m: MhMessage = { payloadProto: 0, type: 0, reserved: 0, checksum: 0, body: { kind: 'raw', data: new Uint8Array(0) }, options: [], raw: { offset: 0, length: bytes.length } };
  const r = new Reader(bytes);
  let total: number;
  try {
    m.payloadProto = r.u8();
    m.headerLen = r.u8();
    m.type = r.u8();
    m.reserved = r.u8();
    m.checksum = r.u16();
  } catch (e) {
    if (!(e instanceof WireShort)) throw e;
    issues.push(shortIssue(P, e, ['header']));
    m.truncated = bytes;
    return { value: m, issues };
  }
  total = (m.headerLen + 1) * 8;
  if (m.payloadProto !== IPPROTO_NONE)
    issues.push(issue(`${P}.header.payload-proto`, `Payload Proto ${m.payloadProto}, expected 59 (RFC 6275 §6.1.1)`, 0, { severity: 'warning', expected: IPPROTO_NONE, actual: m.payloadProto }));
  if (total > bytes.length) {
    issues.push(issue(`${P}.header.length-overrun`, `Header Len ${m.headerLen} says ${total} octets, ${bytes.length} present`, 1, { expected: bytes.length, actual: total }));
    m.override = { headerLen: m.headerLen };
    total = bytes.length;
  } else if (total < bytes.length) {
    issues.push(issue(`${P}.header.trailing`, `${bytes.length - total} octets after the ${total} Header Len gives`, total, { severity: 'warning', expected: total, actual: bytes.length }));
    m.trailing = bytes.subarray(total);
  }
  const br = new Reader(bytes, 6, total);
  try {
    m.body = readBody(br, m.type);
    if (m.body.kind === 'has' && m.body.override)
      issues.push(issue(`${P}.has.count-overrun`, `# of Addresses ${m.body.count} does not fit the message`, 6, { path: ['body', 'count'], expected: m.body.addresses.length, actual: m.body.count }));
  } catch (e) {
    if (!(e instanceof WireShort)) throw e;
    issues.push(shortIssue(P, e, ['body']));
    m.body = { kind: 'raw', data: bytes.subarray(6, total) };
    return { value: m, issues };
  }
  if (m.body.kind !== 'raw') {
    const o = readMhOptions(br, issues);
    m.options = o.options;
    if (o.tail) m.tail = o.tail;
  }
  return { value: m, issues };
}

function writeBody(w: Writer, b: MhBody): void {
  switch (b.kind) {
    case 'brr': w.u16(b.reserved); break;
    case 'hoti': case 'coti': w.u16(b.reserved).bytes(b.cookie); break;
    case 'hot': case 'cot': w.u16(b.nonceIndex).bytes(b.cookie).bytes(b.token); break;
    case 'bu': w.u16(b.seq).u16(b.flags).u16(b.lifetime); break;
    case 'ba': w.u8(b.status).u8(b.flags).u16(b.seq).u16(b.lifetime); break;
    case 'be': w.u8(b.status).u8(b.reserved).bytes(ipBytes(b.homeAddress, 16)); break;
    case 'has':
      w.u8(b.override?.count ?? b.addresses.length).u8(b.reserved);
      for (const a of b.addresses) w.bytes(ipBytes(a, 16));
      break;
    case 'raw': w.bytes(b.data); break;
  }
}

/** Encodes as given: Header Len is computed (rounded up) unless overridden; the checksum is written as is — see checksum.ts. */
export function encodeMh(m: MhMessage): Uint8Array {
  if (m.truncated) return m.truncated.slice();
  const w = new Writer(64);
  w.u8(m.payloadProto).u8(0).u8(m.type).u8(m.reserved).u16(m.checksum);
  writeBody(w, m.body);
  for (const o of m.options) writeMhOption(w, o);
  if (m.tail) w.bytes(m.tail);
  w.patchU8(1, m.override?.headerLen ?? Math.ceil(w.pos / 8) - 1);
  if (m.trailing) w.bytes(m.trailing);
  return w.finish();
}
