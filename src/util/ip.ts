// Address text <-> bytes through ipaddr.js: RFC 5952 canonical text for IPv6, dotted quad for IPv4.
import { AddrText } from './addr-text.js';
import ipaddr from 'ipaddr.js';

const noZone = (s: string): string => {
  const pct = s.indexOf('%');
  return pct >= 0 ? s.slice(0, pct) : s;
};

/** a dotted quad (not inet_aton's short or hex forms) or an IPv6 literal; a %zone suffix is allowed */
export function isIp(s: string): boolean {
  const t = noZone(s);
  return ipaddr.IPv4.isValidFourPartDecimal(t) || ipaddr.IPv6.isValid(t);
}

/** Parse an IPv4 or IPv6 literal (a %zone suffix is dropped) into 4 or 16 bytes. Throws on bad input (config, not wire data). */
const parsed = new Map<string, Uint8Array>();
export function parseIp(s: string): Uint8Array {
  const hit = parsed.get(s);
  if (hit) return hit.slice();
  const t = noZone(s);
  const ok = t.includes(':') ? ipaddr.IPv6.isValid(t) : ipaddr.IPv4.isValidFourPartDecimal(t);
  if (!ok) throw new Error(`not an IPv4 or IPv6 address: ${JSON.stringify(s)}`);
  const b = Uint8Array.from(ipaddr.parse(t).toByteArray());
  if (parsed.size >= 4096) parsed.clear();
  parsed.set(s, b);
  return b.slice();
}

const shared = new AddrText();
/** Canonical text of a 4- or 16-byte address (reads `len` bytes at `off`). */
export function ipToString(bytes: Uint8Array, off = 0, len = bytes.length - off): string {
  if (len === 4 || len === 16) return shared.text(bytes, off, len);
  throw new RangeError(`ipToString: address length ${len} is neither 4 nor 16`);
}
