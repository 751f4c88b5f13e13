// Whole-message codec: decodeDiameter / encodeDiameter (RFC 6733 §3, §4). Decoding never throws; every node keeps
// its offset/length in the message; what could not be read is kept in `trailing` so any input re-encodes byte for byte.
import type { Decoded } from '../../wire/codec.js';
import { issue, type DecodeIssue } from '../../wire/issue.js';
import { decodeAvps, encodeAvpList, type DiameterAvp } from './avp.js';
import { defaultDictionary, type Dictionary } from './dictionary/index.js';
import { CMD, HEADER_LENGTH, readHeader, type DiameterHeader } from './header.js';

export interface DiameterMessage extends DiameterHeader {
  avps: DiameterAvp[];
  /** command abbreviation from the dictionary ('CER', 'MIA', ...) when known */
  name?: string;
  /** octets after the last AVP that could be read (and any beyond Message Length); written back as is */
  trailing?: Uint8Array;
  /** encode: Message Length to write instead of the computed one (set by decode when the input's was inconsistent) */
  lengthOverride?: number;
  /** encode: Version to write instead of `version` */
  versionOverride?: number;
  /** decode: the input was shorter than a header; `trailing` holds all of it and re-encodes as it was */
  headerCut?: boolean;
}

export function decodeDiameter(bytes: Uint8Array, dict: Dictionary = defaultDictionary()): Decoded<DiameterMessage> {
  const issues: DecodeIssue[] = [];
  if (bytes.length < HEADER_LENGTH) {
    issues.push(issue('diameter.truncated', `${bytes.length} octets, a Diameter header needs 20`, 0, { expected: HEADER_LENGTH, actual: bytes.length }));
    return {
      value: { version: bytes[0] ?? 0, length: 0, flags: 0, commandCode: 0, applicationId: 0, hopByHop: 0, endToEnd: 0, avps: [], trailing: bytes, headerCut: true, lengthOverride: bytes.length >= 4 ? (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]! : 0 },
      issues,
    };
  }
  const h = readHeader(bytes);
  if (h.version !== 1) issues.push(issue('diameter.header.bad-version', `Version ${h.version}, expected 1`, 0, { expected: 1, actual: h.version }));
  if (h.flags & CMD.RESERVED) {
    issues.push(issue('diameter.header.reserved-bits', `reserved command flag bits set (0x${(h.flags & CMD.RESERVED).toString(16)})`, 4, { severity: 'warning', expected: 0, actual: h.flags & CMD.RESERVED }));
  }
  if (h.length < HEADER_LENGTH || h.length % 4 !== 0) {
    issues.push(issue('diameter.header.bad-length', `Message Length ${h.length} is ${h.length < HEADER_LENGTH ? 'below 20' : 'not a multiple of 4'}`, 1, { expected: 'multiple of 4, ≥ 20', actual: h.length }));
  }
  if (h.length !== bytes.length && h.length >= HEADER_LENGTH) {
    issues.push(issue('diameter.header.length-mismatch', `Message Length ${h.length} but ${bytes.length} octets present`, 1, { expected: bytes.length, actual: h.length }));
  }
  const end = h.length >= HEADER_LENGTH && h.length <= bytes.length ? h.length : bytes.length;
  const { avps, stop } = decodeAvps(bytes, HEADER_LENGTH, end, dict, issues);
  const msg = h as DiameterMessage;
  msg.avps = avps;
  const name = dict.abbrev(h);
  if (name) msg.name = name;
  if (stop < bytes.length) msg.trailing = bytes.subarray(stop);
  if (h.length !== bytes.length) msg.lengthOverride = h.length;
  return { value: msg, issues };
}

/** Encodes a message; Message Length and AVP Lengths are computed unless overridden. */
export function encodeDiameter(msg: DiameterMessage): Uint8Array {
  if (msg.headerCut && msg.trailing) return msg.trailing.slice();
  const body = encodeAvpList(msg.avps);
  const trailing = msg.trailing ?? new Uint8Array(0);
  const out = new Uint8Array(HEADER_LENGTH + body.length + trailing.length);
  const dv = new DataView(out.buffer);
  const length = msg.lengthOverride ?? out.length;
  dv.setUint32(0, ((((msg.versionOverride ?? msg.version) & 0xff) << 24) | (length & 0xffffff)) >>> 0);
  dv.setUint32(4, (((msg.flags & 0xff) << 24) | (msg.commandCode & 0xffffff)) >>> 0);
  dv.setUint32(8, msg.applicationId >>> 0);
  dv.setUint32(12, msg.hopByHop >>> 0);
  dv.setUint32(16, msg.endToEnd >>> 0);
  out.set(body, HEADER_LENGTH);
  out.set(trailing, HEADER_LENGTH + body.length);
  return out;
}
