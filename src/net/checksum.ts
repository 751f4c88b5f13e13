// Internet checksum (RFC 1071) with the IPv4/IPv6 pseudo-headers (RFC 768, RFC 8200 §8.1), and CRC-32C for SCTP
// (RFC 9260 Appendix A). Never verified by default: captures taken with checksum offload carry junk.

/** 16-bit ones'-complement sum (not yet folded/inverted) of b[off..end), added to `sum` */
export function onesSum(b: Uint8Array, off = 0, end = b.length, sum = 0): number {
  let i = off;
  for (; i + 1 < end; i += 2) sum += (b[i]! << 8) | b[i + 1]!;
  if (i < end) sum += b[i]! << 8;
  return sum;
}

function fold(sum: number): number {
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 65536);
  return sum;
}

/**
 * Checksum of a transport segment (UDP/TCP/ICMPv6...) with the pseudo-header of src/dst (4 or 16 bytes each).
 * Call it with the segment's checksum field zeroed to compute the value to write; over a segment as received,
 * a correct checksum gives 0.
 */
export function transportChecksum(src: Uint8Array, dst: Uint8Array, proto: number, seg: Uint8Array): number {
  let s = onesSum(src) + onesSum(dst) + proto + (seg.length >>> 16) + (seg.length & 0xffff);
  s = onesSum(seg, 0, seg.length, s);
  return ~fold(s) & 0xffff;
}

/** IPv4 header checksum over hdr (checksum field zeroed to compute; 0 when verifying a good header) */
export function ipv4HeaderChecksum(hdr: Uint8Array): number {
  return ~fold(onesSum(hdr)) & 0xffff;
}

const CRC32C_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32C (Castagnoli), reflected, init and final xor 0xffffffff */
export function crc32c(b: Uint8Array, off = 0, end = b.length): number {
  let c = 0xffffffff;
  for (let i = off; i < end; i++) c = CRC32C_TABLE[(c ^ b[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
