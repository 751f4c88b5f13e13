// Packet builders for fixtures, tests and probes' --save: frames with correct lengths and checksums.
import { concatBytes } from '../wire/codec.js';
import { LINKTYPE } from '../capture/frame.js';
import { parseIp } from '../util/ip.js';
import { ipv4HeaderChecksum } from './checksum.js';
import { IPPROTO } from './ip.js';
import { udpChecksum } from './udp.js';
import { tcpChecksum, TCP_FLAGS } from './tcp.js';
import { sctpChecksum } from './sctp.js';

export interface LinkOpts {
  /** LINKTYPE of the frame (default ETHERNET); RAW/IPV4/IPV6, NULL, LOOP, LINUX_SLL and LINUX_SLL2 also work */
  linktype?: number;
  srcMac?: Uint8Array;
  dstMac?: Uint8Array;
  /** Ethernet 802.1Q tags (VLAN ids), outermost first; `tpid` for the outer ones (default 0x8100) */
  vlans?: number[];
  tpid?: number;
}

export interface IpOpts extends LinkOpts {
  src: string;
  dst: string;
  hopLimit?: number;
  /** IPv6 extension headers before the upper layer: type and body after its first 2 bytes (padded for you) */
  ext?: { type: number; body?: Uint8Array }[];
  /** IPv4 identification */
  id?: number;
}

// Builders run per packet in benches and probes; parseIp (ipaddr.js) costs tens of µs, so remember the bytes
// of the last few thousand addresses. Callers only read them.
const parsed = new Map<string, Uint8Array>();
function addr(s: string): Uint8Array {
  let b = parsed.get(s);
  if (!b) {
    b = parseIp(s);
    if (parsed.size >= 4096) parsed.clear();
    parsed.set(s, b);
  }
  return b;
}

const MAC_A = Uint8Array.of(0x02, 0, 0, 0, 0, 1);
const MAC_B = Uint8Array.of(0x02, 0, 0, 0, 0, 2);

const cat = (...parts: Uint8Array[]): Uint8Array => concatBytes(parts);

const u16 = (v: number): Uint8Array => Uint8Array.of((v >>> 8) & 0xff, v & 0xff);
const u32 = (v: number): Uint8Array => Uint8Array.of((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);

/** Put an IP packet in a link-layer frame. */
export function wrapLink(packet: Uint8Array, opts: LinkOpts = {}): Uint8Array {
  const v6 = packet[0]! >> 4 === 6;
  const et = v6 ? 0x86dd : 0x0800;
  switch (opts.linktype ?? LINKTYPE.ETHERNET) {
    case LINKTYPE.ETHERNET: {
      // dst, src, then per tag: TPID + TCI (outer tags use opts.tpid, the innermost 0x8100), then the EtherType
      const hdr: Uint8Array[] = [opts.dstMac ?? MAC_B, opts.srcMac ?? MAC_A];
      const vlans = opts.vlans ?? [];
      vlans.forEach((id, i) => hdr.push(u16(i < vlans.length - 1 ? (opts.tpid ?? 0x8100) : 0x8100), u16(id & 0x0fff)));
      return cat(...hdr, u16(et), packet);
    }
    case LINKTYPE.RAW:
    case LINKTYPE.IPV4:
    case LINKTYPE.IPV6:
      return packet.slice();
    case LINKTYPE.NULL: // AF in host (here little-endian) order
      return cat(Uint8Array.of(v6 ? 30 : 2, 0, 0, 0), packet);
    case LINKTYPE.LOOP:
      return cat(u32(v6 ? 24 : 2), packet);
    case LINKTYPE.LINUX_SLL:
      return cat(u16(0), u16(1), u16(6), opts.srcMac ?? MAC_A, Uint8Array.of(0, 0), u16(et), packet);
    case LINKTYPE.LINUX_SLL2:
      return cat(u16(et), u16(0), u32(1), u16(1), Uint8Array.of(0, 6), opts.srcMac ?? MAC_A, Uint8Array.of(0, 0), packet);
    default:
      throw new Error(`wrapLink: link type ${opts.linktype} not supported`);
  }
}

function extHeaders(ext: { type: number; body?: Uint8Array }[], last: number): { bytes: Uint8Array; first: number } {
  const parts: Uint8Array[] = [];
  ext.forEach((e, i) => {
    const nh = ext[i + 1]?.type ?? last;
    const body = e.body ?? new Uint8Array(6);
    const unit = e.type === IPPROTO.AH ? 4 : 8;
    const total = Math.ceil((2 + body.length) / 8) * 8;
    const h = new Uint8Array(total);
    h[0] = nh;
    h[1] = e.type === IPPROTO.FRAGMENT ? 0 : total / unit - (e.type === IPPROTO.AH ? 2 : 1);
    h.set(body, 2);
    parts.push(h);
  });
  return { bytes: cat(...parts), first: ext[0]?.type ?? last };
}

/** An IP packet (no link layer): IPv6 or IPv4 chosen by the address family. `payload` is the upper layer. */
export function ipPacket(o: IpOpts & { proto: number; payload: Uint8Array; fragment?: { offset: number; more: boolean } }): Uint8Array {
  const src = addr(o.src);
  const dst = addr(o.dst);
  if (src.length !== dst.length) throw new Error('ipPacket: src and dst of different families');
  if (src.length === 16) {
    const { bytes, first } = extHeaders(o.ext ?? [], o.proto);
    const h = new Uint8Array(40);
    h[0] = 0x60;
    h.set(u16(bytes.length + o.payload.length), 4);
    h[6] = first;
    h[7] = o.hopLimit ?? 64;
    h.set(src, 8);
    h.set(dst, 24);
    return cat(h, bytes, o.payload);
  }
  const h = new Uint8Array(20);
  h[0] = 0x45;
  h.set(u16(20 + o.payload.length), 2);
  h.set(u16(o.id ?? 1), 4);
  if (o.fragment) h.set(u16((o.fragment.more ? 0x2000 : 0) | (o.fragment.offset >> 3)), 6);
  h[8] = o.hopLimit ?? 64;
  h[9] = o.proto;
  h.set(src, 12);
  h.set(dst, 16);
  h.set(u16(ipv4HeaderChecksum(h)), 10);
  return cat(h, o.payload);
}

/** A frame carrying `payload` directly in IP (e.g. Mobility Header, proto 135). */
export function buildIp(o: IpOpts & { proto: number; payload: Uint8Array }): Uint8Array {
  return wrapLink(ipPacket(o), o);
}

/** UDP header + payload with a correct checksum for src/dst. */
export function udpSegment(src: string, dst: string, sport: number, dport: number, payload: Uint8Array): Uint8Array {
  const seg = cat(u16(sport), u16(dport), u16(8 + payload.length), u16(0), payload);
  seg.set(u16(udpChecksum(addr(src), addr(dst), seg)), 6);
  return seg;
}

export function buildUdp(o: IpOpts & { sport: number; dport: number; payload: Uint8Array }): Uint8Array {
  return buildIp({ ...o, proto: IPPROTO.UDP, payload: udpSegment(o.src, o.dst, o.sport, o.dport, o.payload) });
}

/** TCP flags as a number or letters: F S R P A U (e.g. 'SA', 'PA', 'FA'). */
export function tcpFlags(flags: number | string): number {
  if (typeof flags === 'number') return flags;
  const m: Record<string, number> = { F: TCP_FLAGS.FIN, S: TCP_FLAGS.SYN, R: TCP_FLAGS.RST, P: TCP_FLAGS.PSH, A: TCP_FLAGS.ACK, U: TCP_FLAGS.URG };
  let v = 0;
  for (const c of flags.toUpperCase()) v |= m[c] ?? 0;
  return v;
}

export function buildTcp(
  o: IpOpts & { sport: number; dport: number; seq: number; ack?: number; flags?: number | string; window?: number; payload?: Uint8Array },
): Uint8Array {
  const payload = o.payload ?? new Uint8Array(0);
  const h = new Uint8Array(20);
  h.set(u16(o.sport), 0);
  h.set(u16(o.dport), 2);
  h.set(u32(o.seq >>> 0), 4);
  h.set(u32((o.ack ?? 0) >>> 0), 8);
  h[12] = 5 << 4;
  h[13] = tcpFlags(o.flags ?? 'A');
  h.set(u16(o.window ?? 65535), 14);
  const seg = cat(h, payload);
  seg.set(u16(tcpChecksum(addr(o.src), addr(o.dst), seg)), 16);
  return buildIp({ ...o, proto: IPPROTO.TCP, payload: seg });
}

export interface SctpDataChunk {
  tsn: number;
  sid?: number;
  ssn?: number;
  ppid: number;
  payload: Uint8Array;
  /** U/B/E bits; default B|E (a whole message) */
  flags?: number;
}

/** An SCTP packet with one or more DATA chunks and a correct CRC-32C. */
export function buildSctpData(
  o: IpOpts & { sport: number; dport: number; vtag?: number } & ({ chunks: SctpDataChunk[] } | SctpDataChunk),
): Uint8Array {
  const chunks = 'chunks' in o ? o.chunks : [o];
  const parts: Uint8Array[] = [u16(o.sport), u16(o.dport), u32(o.vtag ?? 1), u32(0)];
  for (const c of chunks) {
    const len = 16 + c.payload.length;
    parts.push(Uint8Array.of(0, c.flags ?? 3), u16(len), u32(c.tsn >>> 0), u16(c.sid ?? 0), u16(c.ssn ?? 0), u32(c.ppid), c.payload);
    parts.push(new Uint8Array(((len + 3) & ~3) - len));
  }
  const pkt = cat(...parts);
  pkt.set(u32(sctpChecksum(pkt)), 8);
  return buildIp({ ...o, proto: IPPROTO.SCTP, payload: pkt });
}

/**
 * IPv6 fragments (RFC 8200 §4.5) of an upper-layer payload (e.g. a udpSegment), each `fragSize` bytes
 * (a multiple of 8) but the last. Returns frames in order; shuffle them in the test for out-of-order cases.
 */
export function buildIpv6Fragments(
  o: IpOpts & { proto: number; payload: Uint8Array; fragSize: number; id?: number },
): Uint8Array[] {
  const out: Uint8Array[] = [];
  const id = o.id ?? 0x1234;
  for (let off = 0; off < o.payload.length; off += o.fragSize) {
    const part = o.payload.subarray(off, Math.min(off + o.fragSize, o.payload.length));
    const more = off + o.fragSize < o.payload.length;
    const body = cat(u16(off | (more ? 1 : 0)), u32(id));
    const ext = [...(o.ext ?? []), { type: IPPROTO.FRAGMENT, body }];
    out.push(wrapLink(ipPacket({ ...o, ext, payload: part }), o));
  }
  return out;
}

/** IPv4 fragments of an upper-layer payload, `fragSize` bytes each (a multiple of 8) but the last. */
export function buildIpv4Fragments(
  o: IpOpts & { proto: number; payload: Uint8Array; fragSize: number; id?: number },
): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let off = 0; off < o.payload.length; off += o.fragSize) {
    const part = o.payload.subarray(off, Math.min(off + o.fragSize, o.payload.length));
    const more = off + o.fragSize < o.payload.length;
    out.push(wrapLink(ipPacket({ ...o, id: o.id ?? 0x1234, payload: part, fragment: { offset: off, more } }), o));
  }
  return out;
}
