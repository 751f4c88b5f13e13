// RFC 6733 §4.2 basic and §4.3 derived AVP data types: exact decode and canonical encode.
// A value whose length does not fit its type is kept as raw bytes with an issue (never thrown).
import ipaddr from 'ipaddr.js';
import { issue, type DecodeIssue } from '../../wire/issue.js';
import type { AvpType } from './dictionary/types.js';
import type { DiameterAvp } from './avp.js';

/** Address (§4.3.1): 2-octet IANA address family, then the address. 1 = IPv4, 2 = IPv6; other families keep their bytes. */
export type AddressValue = { family: 1 | 2; ip: string } | { family: number; bytes: Uint8Array };

/** Time (§4.3.1): NTP seconds since 1900, wrapping in 2036; `unix` applies the RFC 5905/4330 era rule (MSB clear = era 1). */
export interface TimeValue {
  ntp: number;
  unix: number;
}

/** DiameterURI (§4.3.1): "aaa://" / "aaas://" FQDN [":" port] [";transport=" tcp|sctp|udp] [";protocol=" diameter|radius|tacacs+]. */
export interface UriValue {
  uri: string;
  secure: boolean;
  fqdn: string;
  /** the explicit port, else 3868 (aaa) / 5658 (aaas) */
  port: number;
  transport?: string;
  protocol?: string;
}

/**
 * A decoded AVP value. Uint8Array for OctetString and for any value kept raw (unknown AVP, wrong length, bad UTF-8);
 * number for 32-bit types, Float32/64 and Enumerated; bigint for 64-bit integers; string for UTF8String/DiameterIdentity;
 * DiameterAvp[] for Grouped.
 */
export type AvpValue = Uint8Array | number | bigint | string | AddressValue | TimeValue | UriValue | DiameterAvp[];

/** Exact data length for fixed-size types. */
export const FIXED_LENGTH: Partial<Record<AvpType, number>> = {
  Integer32: 4, Unsigned32: 4, Float32: 4, Enumerated: 4, Time: 4, Integer64: 8, Unsigned64: 8, Float64: 8,
};

const NTP_UNIX = 2208988800; // seconds from 1900-01-01 to 1970-01-01
const ERA = 4294967296;

export function ntpToUnix(ntp: number): number {
  // RFC 4330 §3 / RFC 5905 §6: MSB set → 1968–2036 counted from 1900; MSB clear → 2036–2104 counted from 2036-02-07T06:28:16Z
  return ntp >= 0x80000000 ? ntp - NTP_UNIX : ntp + ERA - NTP_UNIX;
}
export function unixToNtp(unix: number): number {
  return (((Math.floor(unix) + NTP_UNIX) % ERA) + ERA) % ERA;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf8enc = new TextEncoder();

/** UTF-8 decode with an ASCII fast path; undefined when the bytes are not valid UTF-8. */
export function decodeUtf8(b: Uint8Array): string | undefined {
  let ascii = true;
  for (let i = 0; i < b.length; i++) {
    if (b[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    if (b.length > 64) return Buffer.from(b.buffer, b.byteOffset, b.length).toString('latin1');
    let s = '';
    for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
    return s;
  }
  try {
    return utf8.decode(b);
  } catch {
    return undefined;
  }
}

export function ipv4Text(b: Uint8Array, at = 0): string {
  return `${b[at]}.${b[at + 1]}.${b[at + 2]}.${b[at + 3]}`;
}

/** RFC 5952 text form of 16 octets. */
export function ipv6Text(b: Uint8Array, at = 0): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push((b[at + 2 * i]! << 8) | b[at + 2 * i + 1]!);
  let bestAt = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      bestAt = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(':');
  if (bestAt < 0) return hex(g);
  return `${hex(g.slice(0, bestAt))}::${hex(g.slice(bestAt + bestLen))}`;
}

/** Address from text ('192.0.2.1', '2001:db8::1'). Throws on bad text (builder input, not wire data). */
export function addressFromText(text: string): AddressValue {
  const a = ipaddr.parse(text);
  return a.kind() === 'ipv4' ? { family: 1, ip: a.toString() } : { family: 2, ip: ipv6Text(new Uint8Array(a.toByteArray())) };
}

/** Parses a DiameterURI; undefined when it does not follow §4.3.1. */
export function parseUri(uri: string): UriValue | undefined {
  const m = /^(aaas?):\/\/([^:;/\s]+)(?::(\d{1,5}))?((?:;[a-z]+=[^;]*)*)$/i.exec(uri);
  if (!m) return undefined;
  const secure = m[1]!.toLowerCase() === 'aaas';
  const v: UriValue = { uri, secure, fqdn: m[2]!, port: m[3] ? Number(m[3]) : secure ? 5658 : 3868 };
  if (v.port > 65535) return undefined;
  for (const p of (m[4] ?? '').split(';').slice(1)) {
    const [k, val] = p.split('=') as [string, string];
    const key = k.toLowerCase();
    const value = val.toLowerCase();
    if (key === 'transport' && ['tcp', 'sctp', 'udp'].includes(value)) v.transport = value;
    else if (key === 'protocol' && ['diameter', 'radius', 'tacacs+'].includes(value)) v.protocol = value;
    else return undefined;
  }
  return v;
}

export interface ValueResult {
  value: AvpValue;
  issue?: DecodeIssue;
}

const badLength = (type: AvpType, data: Uint8Array, offset: number, expected: number | string): DecodeIssue =>
  issue('diameter.avp.bad-length', `${type} value of ${data.length} octets (expected ${expected})`, offset, { expected, actual: data.length });

/**
 * Decodes the data octets of a non-Grouped AVP. `offset` is the AVP's offset in the message (for issues).
 * Never throws; a wrong length keeps the raw bytes.
 */
export function decodeValue(type: AvpType, data: Uint8Array, offset: number): ValueResult {
  const fixed = FIXED_LENGTH[type];
  if (fixed !== undefined && data.length !== fixed) return { value: data, issue: badLength(type, data, offset, fixed) };
  const view = fixed ? new DataView(data.buffer, data.byteOffset, data.length) : undefined;
  switch (type) {
    case 'Integer32':
    case 'Enumerated':
      return { value: view!.getInt32(0) };
    case 'Unsigned32':
      return { value: view!.getUint32(0) };
    case 'Integer64':
      return { value: view!.getBigInt64(0) };
    case 'Unsigned64':
      return { value: view!.getBigUint64(0) };
    case 'Float32': {
      const f = view!.getFloat32(0);
      return { value: Number.isNaN(f) ? data : f }; // NaN payloads survive only as bytes
    }
    case 'Float64': {
      const f = view!.getFloat64(0);
      return { value: Number.isNaN(f) ? data : f };
    }
    case 'Time': {
      const ntp = view!.getUint32(0);
      return { value: { ntp, unix: ntpToUnix(ntp) } };
    }
    case 'Address': {
      if (data.length < 2) return { value: data, issue: badLength(type, data, offset, '≥ 2') };
      const family = (data[0]! << 8) | data[1]!;
      if (family === 1) return data.length === 6 ? { value: { family: 1, ip: ipv4Text(data, 2) } } : { value: data, issue: badLength(type, data, offset, 6) };
      if (family === 2) return data.length === 18 ? { value: { family: 2, ip: ipv6Text(data, 2) } } : { value: data, issue: badLength(type, data, offset, 18) };
      return { value: { family, bytes: data.subarray(2) } };
    }
    case 'UTF8String':
    case 'DiameterIdentity':
    case 'DiameterURI': {
      const s = decodeUtf8(data);
      if (s === undefined) return { value: data, issue: issue('diameter.avp.bad-utf8', `${type} is not valid UTF-8`, offset, { actual: data.length }) };
      if (type !== 'DiameterURI') return { value: s };
      const u = parseUri(s);
      return u
        ? { value: u }
        : { value: { uri: s, secure: false, fqdn: '', port: 0 }, issue: issue('diameter.avp.bad-uri', `DiameterURI '${s}' does not follow RFC 6733 §4.3.1`, offset, { severity: 'warning', actual: s }) };
    }
    default:
      return { value: data };
  }
}

/** Encodes a non-Grouped value. A Uint8Array is written as is whatever the type (raw values, negative probes). */
export function encodeValue(type: AvpType | undefined, v: AvpValue): Uint8Array {
  if (v instanceof Uint8Array) return v;
  if (type === undefined) throw new Error('encodeValue: an AVP of unknown type needs a Uint8Array value');
  const fixed = FIXED_LENGTH[type];
  if (fixed) {
    const out = new Uint8Array(fixed);
    const dv = new DataView(out.buffer);
    switch (type) {
      case 'Integer32':
      case 'Enumerated':
        dv.setInt32(0, Number(v));
        break;
      case 'Unsigned32':
        dv.setUint32(0, Number(v) >>> 0);
        break;
      case 'Integer64':
        dv.setBigInt64(0, BigInt.asIntN(64, BigInt(v as bigint | number)));
        break;
      case 'Unsigned64':
        dv.setBigUint64(0, BigInt.asUintN(64, BigInt(v as bigint | number)));
        break;
      case 'Float32':
        dv.setFloat32(0, Number(v));
        break;
      case 'Float64':
        dv.setFloat64(0, Number(v));
        break;
      case 'Time':
        dv.setUint32(0, typeof v === 'number' ? unixToNtp(v) : (v as TimeValue).ntp >>> 0);
        break;
    }
    return out;
  }
  switch (type) {
    case 'Address': {
      const a = typeof v === 'string' ? addressFromText(v) : (v as AddressValue);
      const body = 'ip' in a ? new Uint8Array(ipaddr.parse(a.ip).toByteArray()) : a.bytes;
      const out = new Uint8Array(2 + body.length);
      out[0] = a.family >> 8;
      out[1] = a.family & 0xff;
      out.set(body, 2);
      return out;
    }
    case 'DiameterURI':
      return utf8enc.encode(typeof v === 'string' ? v : (v as UriValue).uri);
    default:
      if (typeof v === 'string') return utf8enc.encode(v);
      throw new Error(`encodeValue: ${type} needs a string or Uint8Array value`);
  }
}
