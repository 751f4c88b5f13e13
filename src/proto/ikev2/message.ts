// IKEv2 codec, as far as the cleartext goes (RFC 7296 §3.1 header, §3.2 generic payload header).
// Header: IKE SA Initiator's SPI(8) | Responder's SPI(8) | Next Payload | MjVer(4)|MnVer(4) | Exchange Type | Flags |
//         Message ID(4) | Length(4). Payload: Next Payload | C(1 bit) + Reserved(7) | Payload Length(2) | body.
// On UDP 4500 an IKE message follows a 4-zero-octet non-ESP marker (RFC 7296 §2.23, RFC 3948 §2.2); a lone 0xFF
// is a NAT-keepalive; other 4500 traffic is ESP-in-UDP. SK (46) and SKF (53) bodies are opaque (`encrypted`).
import type { Settings } from '../../assert/profiles.js';
import type { Decoded, Span } from '../../wire/codec.js';
import { fromHex, toHex } from '../../wire/codec.js';
import { issue, shortIssue, WireShort, type DecodeIssue } from '../../wire/issue.js';
import { Reader } from '../../wire/reader.js';
import { Writer } from '../../wire/writer.js';
import { ID_TYPES, NOTIFY_TYPES, PAYLOAD_SK, PAYLOAD_SKF, PAYLOAD_TYPES } from './names.js';

export interface IkePayload {
  type: number;
  critical: boolean;
  /** the 7 reserved bits after C, when not zero */
  reserved?: number;
  body: Uint8Array;
  /** Next Payload written in this payload's header when it is not the next element's type
   *  (always set on SK/SKF: the type of the first encrypted payload) */
  nextPayload?: number;
  /** Payload Length as decoded (header included) */
  length?: number;
  override?: { length?: number };
  name?: string;
  /** SK / SKF: contents not inspectable */
  encrypted?: boolean;
  parsed?: unknown;
  raw?: Span;
}

export interface IkeMessage {
  /** 'ike'; or what else shows up on UDP 4500 */
  kind: 'ike' | 'nat-keepalive' | 'esp';
  nonEspMarker: boolean;
  /** SPIs as 16 hex digits */
  ispi: string;
  rspi: string;
  majorVersion: number;
  minorVersion: number;
  exchangeType: number;
  flags: number;
  messageId: number;
  payloads: IkePayload[];
  /** header Next Payload when it is not the first payload's type */
  nextPayload?: number;
  /** octets inside Length that do not form a whole payload, or follow SK */
  tail?: Uint8Array;
  /** octets after Length */
  trailing?: Uint8Array;
  /** the datagram, for 'nat-keepalive' and 'esp' */
  data?: Uint8Array;
  /** the whole message when even the header is cut short (encode gives it back as is) */
  truncated?: Uint8Array;
  /** ESP-in-UDP: SPI and sequence number */
  esp?: { spi: number; seq: number };
  length?: number;
  override?: { length?: number };
  raw?: Span;
}

const P = 'ikev2';
const HDR = 28;

/** decode-time view of a cleartext payload body (RFC 7296 §3.3–3.12) */
function view(p: IkePayload, issues: DecodeIssue[], path: (string | number)[]): unknown {
  const r = new Reader(p.body, 0, p.body.length, (p.raw?.offset ?? 0) + 4);
  try {
    switch (p.type) {
      case 33: { // SA: proposal substructures (§3.3.1), transforms kept raw
        const proposals: { number: number; protocolId: number; spiSize: number; transforms: number }[] = [];
        while (r.remaining > 0) {
          const last = r.u8();
          r.skip(1);
          const len = r.u16();
          const pr = r.sub(Math.max(0, len - 4));
          proposals.push({ number: pr.u8(), protocolId: pr.u8(), spiSize: pr.u8(), transforms: pr.u8() });
          if (last === 0) break;
        }
        return { proposalCount: proposals.length, proposals };
      }
      case 34: return { dhGroup: r.u16(), reserved: r.u16(), keyExchangeLength: r.remaining };
      case 35: case 36: { const idType = r.u8(); r.skip(3); return { idType, idTypeName: ID_TYPES.get(idType), data: r.rest() }; }
      case 38: return { encoding: r.u8(), authority: r.rest() };
      case 40: return { nonceLength: r.remaining };
      case 41: { // Notify (§3.10)
        const protocolId = r.u8();
        const spiSize = r.u8();
        const notifyType = r.u16();
        const spi = r.bytes(spiSize);
        return { protocolId, spiSize, notifyType, notifyName: NOTIFY_TYPES.get(notifyType) ?? `NOTIFY_${notifyType}`, spi, data: r.rest() };
      }
      case 43: return { vendorId: p.body };
      case PAYLOAD_SKF: return { fragmentNumber: r.u16(), totalFragments: r.u16() };
      default: return undefined;
    }
  } catch (e) {
    if (!(e instanceof WireShort)) throw e;
    issues.push(shortIssue(`${P}.payload`, e, path));
    return undefined;
  }
}

function readPayloads(r: Reader, first: number, m: IkeMessage, issues: DecodeIssue[]): void {
  let next = first;
  let stopped = false;
  const nexts: number[] = [];
  while (next !== 0 && r.remaining > 0) {
    const start = r.pos;
    const i = m.payloads.length;
    if (r.remaining < 4) {
      issues.push(issue(`${P}.payload.truncated`, `${r.remaining} octets left, a payload header needs 4`, r.abs(), { path: ['payloads', i] }));
      stopped = true;
      break;
    }
    const type = next;
    next = r.u8();
    const cr = r.u8();
    const length = r.u16();
    const p: IkePayload = { type, critical: (cr & 0x80) !== 0, length, body: new Uint8Array(0) };
    if (cr & 0x7f) p.reserved = cr & 0x7f;
    if (length < 4) {
      issues.push(issue(`${P}.payload.bad-length`, `Payload Length ${length} is below 4`, r.abs(start + 2), { path: ['payloads', i, 'length'], expected: 4, actual: length }));
      r.pos = start;
      stopped = true;
      break;
    }
    let n = length - 4;
    if (n > r.remaining) {
      issues.push(issue(`${P}.payload.length-overrun`, `Payload Length ${length} runs past the message`, r.abs(start + 2), { path: ['payloads', i, 'length'], expected: r.remaining + 4, actual: length }));
      p.override = { length };
      n = r.remaining;
    }
    p.body = r.bytes(n);
    p.raw = { offset: r.abs(start), length: r.pos - start };
    p.name = PAYLOAD_TYPES.get(type) ?? `Payload-${type}`;
    if (type === PAYLOAD_SK || type === PAYLOAD_SKF) {
      p.encrypted = true;
      p.parsed = { firstInner: next, firstInnerName: PAYLOAD_TYPES.get(next), ...(type === PAYLOAD_SKF ? (view(p, issues, ['payloads', i]) as object) : {}) };
    } else {
      const v = view(p, issues, ['payloads', i]);
      if (v !== undefined) p.parsed = v;
    }
    m.payloads.push(p);
    nexts.push(next);
    if (type === PAYLOAD_SK || type === PAYLOAD_SKF) {
      next = 0; // the chain continues inside the ciphertext (§3.14)
      if (r.remaining > 0) issues.push(issue(`${P}.payload.after-sk`, 'octets follow the Encrypted payload', r.abs(), { severity: 'warning' }));
      stopped = true;
    }
  }
  if (r.remaining > 0) {
    if (!stopped)
      issues.push(issue(`${P}.payload.after-last`, `${r.remaining} octets follow the payload whose Next Payload is 0`, r.abs(), { severity: 'warning' }));
    m.tail = r.rest();
  }
  // keep each Next Payload that differs from what the chain implies, so encode gives the same bytes back
  m.payloads.forEach((p, i) => {
    const implied = m.payloads[i + 1]?.type ?? 0;
    if (nexts[i] !== implied) p.nextPayload = nexts[i]!;
  });
  if ((m.payloads[0]?.type ?? 0) !== first) m.nextPayload = first;
}

function spiHex(b: Uint8Array): string {
  return toHex(b);
}

export function decodeIke(bytes: Uint8Array, _settings?: Settings): Decoded<IkeMessage> {
  const issues: DecodeIssue[] = [];
  const m: IkeMessage = {
    kind: 'ike', nonEspMarker: false, ispi: '', rspi: '', majorVersion: 0, minorVersion: 0, exchangeType: 0, flags: 0,
    messageId: 0, payloads: [], raw: { offset: 0, length: bytes.length },
  };
  if (bytes.length === 1 && bytes[0] === 0xff) return { value: { ...m, kind: 'nat-keepalive', data: bytes }, issues };
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lenAt = (at: number): number => (bytes.length >= at + 4 ? dv.getUint32(at) : -1);
  const zero4 = bytes.length >= 4 && dv.getUint32(0) === 0;
  // how well a header read at `at` fits: version nibble 2, Length = octets present
  const fit = (at: number): number => ((bytes[at + 17] ?? 0) >> 4 === 2 ? 1 : 0) + (lenAt(at + 24) === bytes.length - at ? 1 : 0);
  // 4 zero octets are a non-ESP marker unless the unmarked reading fits better (an initiator SPI starting 00000000)
  const marker = zero4 && fit(4) >= fit(0);
  const at = marker ? 4 : 0;
  // on UDP 4500 anything without the marker is ESP (RFC 3948 §2.2): non-zero SPI and no IKE header fit
  if (!zero4 && bytes.length >= 8 && fit(0) === 0) {
    return { value: { ...m, kind: 'esp', data: bytes, esp: { spi: dv.getUint32(0), seq: dv.getUint32(4) } }, issues };
  }
  m.nonEspMarker = marker;
  const r = new Reader(bytes, at);
  let length: number;
  let first: number;
  try {
    m.ispi = spiHex(r.bytes(8));
    m.rspi = spiHex(r.bytes(8));
    first = r.u8();
    const ver = r.u8();
    m.majorVersion = ver >> 4;
    m.minorVersion = ver & 0x0f;
    m.exchangeType = r.u8();
    m.flags = r.u8();
    m.messageId = r.u32();
    length = r.u32();
    m.length = length;
  } catch (e) {
    if (!(e instanceof WireShort)) throw e;
    issues.push(shortIssue(P, e, ['header']));
    m.truncated = bytes;
    return { value: m, issues };
  }
  if (m.majorVersion !== 2)
    issues.push(issue(`${P}.header.version`, `major version ${m.majorVersion}, expected 2`, at + 17, { severity: 'warning', expected: 2, actual: m.majorVersion }));
  const avail = bytes.length - at;
  let end = bytes.length;
  if (length !== avail) {
    m.override = { length };
    issues.push(issue(`${P}.header.bad-length`, `Length ${length}, ${avail} octets present`, at + 24, { expected: avail, actual: length }));
    if (length >= HDR && length < avail) end = at + length;
  }
  readPayloads(new Reader(bytes, at + HDR, end), first, m, issues);
  if (end < bytes.length) m.trailing = bytes.subarray(end);
  return { value: m, issues };
}

export function encodeIke(m: IkeMessage): Uint8Array {
  if (m.truncated) return m.truncated.slice();
  if (m.kind !== 'ike') return (m.data ?? new Uint8Array(0)).slice();
  const w = new Writer(128);
  if (m.nonEspMarker) w.u32(0);
  const at = w.pos;
  w.bytes(fromHex(m.ispi.padStart(16, '0'))).bytes(fromHex(m.rspi.padStart(16, '0')));
  w.u8(m.nextPayload ?? m.payloads[0]?.type ?? 0);
  w.u8(((m.majorVersion & 0xf) << 4) | (m.minorVersion & 0xf)).u8(m.exchangeType).u8(m.flags).u32(m.messageId).u32(0);
  m.payloads.forEach((p, i) => {
    w.u8(p.nextPayload ?? m.payloads[i + 1]?.type ?? 0);
    w.u8((p.critical ? 0x80 : 0) | (p.reserved ?? 0));
    w.u16(p.override?.length ?? p.body.length + 4);
    w.bytes(p.body);
  });
  if (m.tail) w.bytes(m.tail);
  w.patchU32(at + 24, m.override?.length ?? w.pos - at);
  if (m.trailing) w.bytes(m.trailing);
  return w.finish();
}
