// IPv4 (RFC 791) and IPv6 (RFC 8200) headers, IPv6 extension headers. Fragments are returned as such;
// frag.ts reassembles them. Mobility Header (135) is an upper-layer protocol (RFC 6275 §6.1), never skipped.
import type { DecodeIssue } from '../wire/issue.js';
import { netIssue, type FrameRef } from './issues.js';

export const IPPROTO = {
  HOPOPTS: 0,
  IPIP: 4,
  TCP: 6,
  UDP: 17,
  IPV6: 41,
  ROUTING: 43,
  FRAGMENT: 44,
  ESP: 50,
  AH: 51,
  ICMPV6: 58,
  NONE: 59,
  DSTOPTS: 60,
  SCTP: 132,
  MH: 135,
} as const;

/** Extension headers skipped by their length; everything else (ESP 50, MH 135, ...) is an upper layer. */
const EXT_8 = new Set<number>([IPPROTO.HOPOPTS, IPPROTO.ROUTING, IPPROTO.DSTOPTS]);
const MAX_EXT_CHAIN = 32;

export interface IpFragment {
  id: number;
  /** byte offset of this fragment's data in the original datagram */
  offset: number;
  more: boolean;
}

export interface IpPacket {
  version: 4 | 6;
  /** the bytes that hold the header (the frame, or a reassembled buffer for the payload only) */
  buf: Uint8Array;
  /** where the addresses are (in `addrBuf`) */
  addrBuf: Uint8Array;
  srcOff: number;
  dstOff: number;
  hopLimit: number;
  /** upper-layer protocol of [start, end), or the next header of the fragmentable part for a fragment */
  proto: number;
  start: number;
  end: number;
  frag: IpFragment | undefined;
  /** IPsec AH seen in the extension chain: its SPI (RFC 4302); ESP is the upper protocol 50 itself */
  ah?: number;
}

const be16 = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;
const be32 = (b: Uint8Array, i: number): number => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

/** Decode the IP header at `off` of a frame; undefined (with an issue) when it cannot be used. */
export function decodeIp(b: Uint8Array, off: number, f: FrameRef, issues: DecodeIssue[]): IpPacket | undefined {
  if (off >= b.length) {
    issues.push(netIssue(f, 'net.ip.truncated', 'no IP header', off));
    return undefined;
  }
  const v = b[off]! >> 4;
  if (v === 4) return decodeIpv4(b, off, f, issues);
  if (v === 6) return decodeIpv6(b, off, f, issues);
  issues.push(netIssue(f, 'net.ip.bad-version', `IP version ${v}`, off, { actual: v }));
  return undefined;
}

/** declared end vs captured end: snapped records are a warning, others an error */
function checkEnd(b: Uint8Array, declared: number, f: FrameRef, issues: DecodeIssue[], proto: string, at: number): number {
  if (declared <= b.length) return declared;
  if (f.snapped) {
    issues.push(netIssue(f, `net.${proto}.truncated`, `${proto} packet cut by the snap length`, at, {
      severity: 'warning', expected: declared - at, actual: b.length - at }));
  } else {
    issues.push(netIssue(f, `net.${proto}.bad-length`, `${proto} length runs past the captured bytes`, at, {
      expected: declared - at, actual: b.length - at }));
  }
  return b.length;
}

function decodeIpv4(b: Uint8Array, off: number, f: FrameRef, issues: DecodeIssue[]): IpPacket | undefined {
  if (off + 20 > b.length) {
    issues.push(netIssue(f, 'net.ipv4.truncated', 'IPv4 header shorter than 20 bytes', off, { actual: b.length - off }));
    return undefined;
  }
  const ihl = (b[off]! & 0x0f) * 4;
  const total = be16(b, off + 2);
  if (ihl < 20 || off + ihl > b.length || total < ihl) {
    issues.push(netIssue(f, 'net.ipv4.bad-header-length', `IHL ${ihl} / total length ${total}`, off, { actual: ihl }));
    return undefined;
  }
  const end = checkEnd(b, off + total, f, issues, 'ipv4', off);
  const fw = be16(b, off + 6);
  const fragOff = (fw & 0x1fff) * 8;
  const more = (fw & 0x2000) !== 0;
  return {
    version: 4,
    buf: b,
    addrBuf: b,
    srcOff: off + 12,
    dstOff: off + 16,
    hopLimit: b[off + 8]!,
    proto: b[off + 9]!,
    start: off + ihl,
    end,
    frag: more || fragOff ? { id: be16(b, off + 4), offset: fragOff, more } : undefined,
  };
}

function decodeIpv6(b: Uint8Array, off: number, f: FrameRef, issues: DecodeIssue[]): IpPacket | undefined {
  if (off + 40 > b.length) {
    issues.push(netIssue(f, 'net.ipv6.truncated', 'IPv6 header shorter than 40 bytes', off, { actual: b.length - off }));
    return undefined;
  }
  const plen = be16(b, off + 4);
  const nh = b[off + 6]!;
  // payload length 0 with hop-by-hop: a jumbogram (RFC 2675); take what was captured
  const end = plen === 0 && nh === IPPROTO.HOPOPTS ? b.length : checkEnd(b, off + 40 + plen, f, issues, 'ipv6', off);
  const p: IpPacket = {
    version: 6,
    buf: b,
    addrBuf: b,
    srcOff: off + 8,
    dstOff: off + 24,
    hopLimit: b[off + 7]!,
    proto: nh,
    start: off + 40,
    end,
    frag: undefined,
  };
  return walkExtensions(p, f, issues) ? p : undefined;
}

/**
 * Skip IPv6 extension headers from p.start with next header p.proto; stops at an upper layer, or at a
 * Fragment header (sets p.frag; p.proto becomes the fragment header's next header). False on a bad chain.
 */
export function walkExtensions(p: IpPacket, f: FrameRef, issues: DecodeIssue[]): boolean {
  const b = p.buf;
  let nh = p.proto;
  let at = p.start;
  for (let n = 0; n < MAX_EXT_CHAIN; n++) {
    if (EXT_8.has(nh) || nh === IPPROTO.AH) {
      if (at + 2 > p.end) {
        issues.push(netIssue(f, 'net.ipv6.ext-truncated', `extension header ${nh} truncated`, at));
        return false;
      }
      const len = nh === IPPROTO.AH ? (b[at + 1]! + 2) * 4 : (b[at + 1]! + 1) * 8;
      if (at + len > p.end) {
        issues.push(netIssue(f, 'net.ipv6.ext-truncated', `extension header ${nh} of ${len} bytes overruns the packet`, at, {
          expected: len, actual: p.end - at }));
        return false;
      }
      if (nh === IPPROTO.AH && len >= 8) p.ah = be32(b, at + 4);
      nh = b[at]!;
      at += len;
      continue;
    }
    if (nh === IPPROTO.FRAGMENT) {
      if (at + 8 > p.end) {
        issues.push(netIssue(f, 'net.ipv6.ext-truncated', 'fragment header truncated', at));
        return false;
      }
      const w = be16(b, at + 2);
      const offset = w & 0xfff8;
      const more = (w & 1) !== 0;
      const next = b[at]!;
      if (p.frag) {
        issues.push(netIssue(f, 'net.ipv6.nested-fragment', 'a second fragment header', at));
        return false;
      }
      at += 8;
      if (offset === 0 && !more) {
        nh = next; // atomic fragment (RFC 6946): not part of any reassembly
        continue;
      }
      p.frag = { id: be32(b, at - 4), offset, more };
      p.proto = next;
      p.start = at;
      return true;
    }
    p.proto = nh;
    p.start = at;
    return true;
  }
  issues.push(netIssue(f, 'net.ipv6.ext-chain-too-long', `more than ${MAX_EXT_CHAIN} extension headers`, at));
  return false;
}
