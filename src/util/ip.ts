// Address text <-> bytes through ipaddr.js: RFC 5952 canonical text for IPv6, dotted quad for IPv4.
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
export function parseIp(s: string): Uint8Array {
  if (!isIp(s)) throw new Error(`not an IPv4 or IPv6 address: ${JSON.stringify(s)}`);
  return Uint8Array.from(ipaddr.parse(noZone(s)).toByteArray());
}

// The decode path formats the same few addresses millions of times: cache the text by address value.
const cache4 = new Map<number, string>();
const cache6 = new Map<string, string>();
const CACHE_MAX = 50_000;

/** Canonical text of a 4- or 16-byte address (reads `len` bytes at `off`). */
export function ipToString(bytes: Uint8Array, off = 0, len = bytes.length - off): string {
  if (len === 4) {
    const k = ((bytes[off]! << 24) | (bytes[off + 1]! << 16) | (bytes[off + 2]! << 8) | bytes[off + 3]!) >>> 0;
    let s = cache4.get(k);
    if (s === undefined) {
      s = `${bytes[off]}.${bytes[off + 1]}.${bytes[off + 2]}.${bytes[off + 3]}`;
      if (cache4.size >= CACHE_MAX) cache4.clear();
      cache4.set(k, s);
    }
    return s;
  }
  if (len === 16) {
    let k = '';
    for (let i = 0; i < 16; i += 2) k += String.fromCharCode((bytes[off + i]! << 8) | bytes[off + i + 1]!);
    let s = cache6.get(k);
    if (s === undefined) {
      const text = (ipaddr.fromByteArray(Array.from(bytes.subarray(off, off + 16))) as ipaddr.IPv6).toRFC5952String();
      if (cache6.size >= CACHE_MAX) cache6.clear();
      cache6.set(k, text);
      return text;
    }
    return s;
  }
  throw new RangeError(`ipToString: address length ${len} is neither 4 nor 16`);
}
