// RFC 6733 §4.1 AVP: Code(4) | Flags(1) Length(3) | [Vendor-ID(4) when V] | Data | zero padding to 4 (not counted in Length).
import { concatBytes } from '../../wire/codec.js';
import type { Span } from '../../wire/codec.js';
import { issue, type DecodeIssue } from '../../wire/issue.js';
import type { Dictionary } from './dictionary/index.js';
import type { AvpType } from './dictionary/types.js';
import { decodeUtf8, decodeValue, encodeValue, type AvpValue } from './types.js';

/** AVP flags (§4.1): V vendor-specific, M mandatory, P (deprecated end-to-end security); the low 5 bits are reserved. */
export const AVPF = { V: 0x80, M: 0x40, P: 0x20, RESERVED: 0x1f } as const;

export interface DiameterAvp {
  code: number;
  /** the whole flags octet, reserved bits included. Vendor-ID is on the wire exactly when V (0x80) is set. */
  flags: number;
  vendorId?: number;
  /** AVP Length as read (on encode it is computed unless `lengthOverride`) */
  length: number;
  /** dictionary name, when known */
  name?: string;
  type?: AvpType;
  /** see AvpValue: raw bytes for unknown AVPs and for values that could not be decoded */
  value: AvpValue;
  /** Enumerated (or named Unsigned32) value name */
  enumName?: string;
  /** Grouped children */
  avps?: DiameterAvp[];
  /** data octets (a view into the message) when decoded */
  data?: Uint8Array;
  /** padding octets when they were not the standard zero padding (non-zero or cut short); written back as is */
  padding?: Uint8Array;
  /** where the AVP sits in the message: offset of its code, AVP Length (without padding) */
  raw?: Span;
  /** encode: write this in the AVP Length field instead of the computed one */
  lengthOverride?: number;
  /** encode: write these octets instead of the AVP (header, data and padding), for negative probes */
  rawBytes?: Uint8Array;
}

/** Grouped AVPs nested deeper than this keep their contents as bytes (an issue says so): bounded recursion */
export const MAX_GROUP_DEPTH = 64;

interface Ctx {
  buf: Uint8Array;
  dv: DataView;
  dict: Dictionary | undefined;
  issues: DecodeIssue[];
}

export interface AvpListResult {
  avps: DiameterAvp[];
  /** offset where decoding stopped (= end when every AVP was read) */
  stop: number;
}

/** Decodes the AVPs in buf[start, end). Never throws. Issues carry offsets into buf (the message). */
export function decodeAvps(
  buf: Uint8Array,
  start: number,
  end: number,
  dict: Dictionary | undefined,
  issues: DecodeIssue[],
  path: (string | number)[] = [],
): AvpListResult {
  return list({ buf, dv: new DataView(buf.buffer, buf.byteOffset, buf.byteLength), dict, issues }, start, end, path);
}

const pathOf = (path: (string | number)[], i: number): (string | number)[] => [...path, 'avps', i];

function list(c: Ctx, start: number, end: number, path: (string | number)[]): AvpListResult {
  const avps: DiameterAvp[] = [];
  let pos = start;
  while (pos < end) {
    const rem = end - pos;
    if (rem < 8) {
      c.issues.push(issue('diameter.avp.truncated', `${rem} octets left, an AVP header needs 8`, pos, { path: pathOf(path, avps.length), expected: 8, actual: rem }));
      break;
    }
    const code = c.dv.getUint32(pos);
    const flags = c.buf[pos + 4]!;
    const length = (c.buf[pos + 5]! << 16) | (c.buf[pos + 6]! << 8) | c.buf[pos + 7]!;
    const hdr = flags & AVPF.V ? 12 : 8;
    if (length < hdr) {
      c.issues.push(issue('diameter.avp.short-length', `AVP ${code} Length ${length} is below its header size ${hdr}`, pos, { path: pathOf(path, avps.length), expected: `≥ ${hdr}`, actual: length }));
      break;
    }
    if (length > rem) {
      c.issues.push(issue('diameter.avp.overrun', `AVP ${code} Length ${length} overruns the ${rem} octets left`, pos, { path: pathOf(path, avps.length), expected: `≤ ${rem}`, actual: length }));
      break;
    }
    const vendorId = hdr === 12 ? c.dv.getUint32(pos + 8) : undefined;
    const data = c.buf.subarray(pos + hdr, pos + length);
    const node: DiameterAvp = { code, flags, length, value: data, data, raw: { offset: pos, length } };
    if (vendorId !== undefined) node.vendorId = vendorId;
    // padding
    const padded = pos + ((length + 3) & ~3);
    let next = padded;
    if (padded > end) {
      node.padding = c.buf.subarray(pos + length, end);
      next = end;
      c.issues.push(issue('diameter.avp.missing-padding', `AVP ${code} padding cut short by the end of its container`, pos + length, { severity: 'warning', path: pathOf(path, avps.length), expected: padded - pos - length, actual: end - pos - length }));
    } else {
      for (let i = pos + length; i < padded; i++) {
        if (c.buf[i] !== 0) {
          node.padding = c.buf.subarray(pos + length, padded);
          c.issues.push(issue('diameter.avp.bad-padding', `AVP ${code} padding is not zero`, pos + length, { path: pathOf(path, avps.length), expected: 0, actual: Array.from(node.padding) }));
          break;
        }
      }
    }
    const def = c.dict?.avp(code, vendorId ?? 0);
    if (def) {
      node.name = def.name;
      node.type = def.type;
      if (def.type === 'Grouped' && path.length / 2 >= MAX_GROUP_DEPTH) {
        c.issues.push(issue('diameter.avp.too-deep', `Grouped AVP ${code} nested deeper than ${MAX_GROUP_DEPTH} levels: contents kept as bytes`, pos, { path: pathOf(path, avps.length), expected: `≤ ${MAX_GROUP_DEPTH}`, actual: path.length / 2 + 1 }));
      } else if (def.type === 'Grouped') {
        const inner = list(c, pos + hdr, pos + length, pathOf(path, avps.length));
        node.avps = inner.avps;
        // a group whose contents could not all be read keeps its bytes as the value, so it re-encodes exactly
        node.value = inner.stop === pos + length ? inner.avps : data;
      } else {
        const r = decodeValue(def.type, data, pos);
        node.value = r.value;
        if (r.issue) c.issues.push({ ...r.issue, path: pathOf(path, avps.length) });
        if (def.enums && typeof node.value === 'number') {
          const n = def.enums[node.value];
          if (n !== undefined) node.enumName = n;
        }
      }
    }
    avps.push(node);
    pos = next;
  }
  return { avps, stop: pos };
}

/** The data octets an AVP encodes to: raw bytes as they are, Grouped from its children, else the typed value. */
export function avpData(a: DiameterAvp): Uint8Array {
  const v = a.value;
  if (v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return encodeAvpList(v);
  if (a.type === 'Grouped' && a.avps) return encodeAvpList(a.avps);
  return encodeValue(a.type, v);
}

/** One AVP to bytes (header, data, padding). Length computed unless lengthOverride; V governs whether Vendor-ID is written. */
export function encodeAvp(a: DiameterAvp): Uint8Array {
  if (a.rawBytes) return a.rawBytes;
  const data = avpData(a);
  const v = (a.flags & AVPF.V) !== 0;
  const hdr = v ? 12 : 8;
  const len = hdr + data.length;
  const total = a.padding ? len + a.padding.length : (len + 3) & ~3;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, a.code >>> 0);
  dv.setUint32(4, (((a.flags & 0xff) << 24) | ((a.lengthOverride ?? len) & 0xffffff)) >>> 0);
  if (v) dv.setUint32(8, (a.vendorId ?? 0) >>> 0);
  out.set(data, hdr);
  if (a.padding) out.set(a.padding, len);
  return out;
}

export function encodeAvpList(avps: readonly DiameterAvp[]): Uint8Array {
  return concatBytes(avps.map(encodeAvp));
}
