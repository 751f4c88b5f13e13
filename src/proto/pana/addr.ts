// Address text <-> bytes for the codecs (ipaddr.js; IPv6 text per RFC 5952, as Endpoint.addr).
import ipaddr from 'ipaddr.js';

export function ipText(b: Uint8Array): string {
  const a = ipaddr.fromByteArray(Array.from(b));
  return a.kind() === 'ipv6' ? (a as ipaddr.IPv6).toRFC5952String() : a.toString();
}

/** bytes of an IPv4 (4) or IPv6 (16) address; `want` forces the family (IPv4 text in a 16-octet field is mapped). */
export function ipBytes(text: string, want: 4 | 16): Uint8Array {
  let a = ipaddr.parse(text);
  if (want === 16 && a.kind() === 'ipv4') a = (a as ipaddr.IPv4).toIPv4MappedAddress();
  if (want === 4 && a.kind() === 'ipv6') a = (a as ipaddr.IPv6).toIPv4Address();
  return new Uint8Array(a.toByteArray());
}
