// UDP (RFC 768). The length field is checked against the IP payload; the checksum is not verified unless asked.
import type { DecodeIssue } from '../wire/issue.js';
import { transportChecksum } from './checksum.js';
import { netIssue, type FrameRef } from './issues.js';

export interface UdpHeader {
  sport: number;
  dport: number;
  length: number;
  checksum: number;
  /** payload range in the buffer */
  start: number;
  end: number;
}

/** UDP header at [off, end) of b; issues on a bad length. `at` maps offsets into frame bytes for issues. */
export function decodeUdp(b: Uint8Array, off: number, end: number, f: FrameRef, issues: DecodeIssue[], at = off): UdpHeader | undefined {
  if (off + 8 > end) {
    issues.push(netIssue(f, 'net.udp.truncated', 'UDP header shorter than 8 bytes', at, { actual: end - off }));
    return undefined;
  }
  const length = (b[off + 4]! << 8) | b[off + 5]!;
  const h: UdpHeader = {
    sport: (b[off]! << 8) | b[off + 1]!,
    dport: (b[off + 2]! << 8) | b[off + 3]!,
    length,
    checksum: (b[off + 6]! << 8) | b[off + 7]!,
    start: off + 8,
    end,
  };
  const avail = end - off;
  if (length < 8) {
    issues.push(netIssue(f, 'net.udp.bad-length', `UDP length ${length} is below 8`, at, { expected: avail, actual: length }));
  } else if (length > avail) {
    if (f.snapped)
      issues.push(netIssue(f, 'net.udp.truncated', 'UDP datagram cut by the snap length', at, { severity: 'warning', expected: length, actual: avail }));
    else issues.push(netIssue(f, 'net.udp.length-mismatch', `UDP length ${length} exceeds the IP payload of ${avail}`, at, { expected: avail, actual: length }));
  } else if (length < avail) {
    issues.push(netIssue(f, 'net.udp.length-mismatch', `UDP length ${length} is shorter than the IP payload of ${avail}`, at, {
      severity: 'warning', expected: avail, actual: length }));
    h.end = off + length;
  }
  return h;
}

/** UDP checksum of `udp` (header + payload, checksum field as given): zero it first to compute the value to write. */
export function udpChecksum(src: Uint8Array, dst: Uint8Array, udp: Uint8Array): number {
  const c = transportChecksum(src, dst, 17, udp);
  return c === 0 ? 0xffff : c; // RFC 768: a computed 0 is sent as all ones
}

/** true when the UDP checksum is right (0 over IPv4 means "none" and passes) */
export function udpChecksumOk(src: Uint8Array, dst: Uint8Array, udp: Uint8Array): boolean {
  if (udp.length >= 8 && udp[6] === 0 && udp[7] === 0) return src.length === 4;
  return transportChecksum(src, dst, 17, udp) === 0;
}
