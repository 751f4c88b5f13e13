// IPv6 address text <-> bytes for DHCPv6 fields, through the shared adapter (src/util/ip.ts: ipaddr.js, RFC 5952),
// so addresses from options compare equal to the Endpoint addresses the network layer produces.
import { ipToString, parseIp } from '../../util/ip.js';

/** RFC 5952 text of the 16 bytes at buf[off..off+16) (the caller has checked they are present) */
export function ipv6At(buf: Uint8Array, off: number): string {
  return ipToString(buf, off, 16);
}

/** 16 bytes of an IPv6 address given as text. Throws on bad text: a programmer error when crafting. */
export function ipv6Bytes(text: string): Uint8Array {
  const b = parseIp(text);
  if (b.length !== 16) throw new RangeError(`not an IPv6 address: ${text}`);
  return b;
}

/** canonical RFC 5952 text of any IPv6 text form */
export function canonicalIpv6(text: string): string {
  return ipv6At(ipv6Bytes(text), 0);
}
