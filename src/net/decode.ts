// Frame → Datagram / StreamData: the one entry point the pipeline calls per frame.
import type { Frame } from '../capture/frame.js';
import type { DecodeIssue } from '../wire/issue.js';
import type { Datagram, Endpoint, StreamData } from './packet.js';
import { AddrText } from '../util/addr-text.js';
import { decodeLink, ETHERTYPE, type LinkOut } from './link.js';
import { decodeIp, IPPROTO, walkExtensions, type IpPacket } from './ip.js';
import { FragmentReassembler } from './frag.js';
import { decodeUdp, udpChecksumOk } from './udp.js';
import { decodeTcp, tcpChecksum, TcpReassembler } from './tcp.js';
import { decodeSctp, sctpChecksum, SctpReassembler } from './sctp.js';
import { netIssue, type FrameRef } from './issues.js';

export interface NetDecoderOptions {
  /** verify UDP/TCP/SCTP checksums and raise issues (off by default: offload makes captures carry junk) */
  verifyChecksums?: boolean;
  /** IP fragment reassembly: concurrent datagrams and timeout in seconds of capture time */
  maxReassemblies?: number;
  fragTimeout?: number;
  /** TCP/SCTP: out-of-order bytes kept per direction, and seconds a hole may stay open */
  streamBuffer?: number;
  holeTimeout?: number;
}

export interface NetResult {
  datagrams: Datagram[];
  streams: StreamData[];
  /** issues not attached to a delivered Datagram (those are on Datagram.issues) */
  issues: DecodeIssue[];
}

const MAX_TUNNEL_DEPTH = 4;

export class NetDecoder {
  private readonly frag: FragmentReassembler;
  private readonly tcp: TcpReassembler;
  private readonly sctp: SctpReassembler;
  private readonly link: LinkOut = { etherType: -1, offset: 0, vlans: [] };
  private readonly warnedLinktypes = new Set<number>();
  private readonly verify: boolean;
  private readonly addrs = new AddrText();

  constructor(opts: NetDecoderOptions = {}) {
    this.verify = opts.verifyChecksums ?? false;
    this.frag = new FragmentReassembler({
      ...(opts.maxReassemblies !== undefined ? { maxEntries: opts.maxReassemblies } : {}),
      ...(opts.fragTimeout !== undefined ? { timeout: opts.fragTimeout } : {}),
    });
    const s = {
      ...(opts.streamBuffer !== undefined ? { maxBuffer: opts.streamBuffer } : {}),
      ...(opts.holeTimeout !== undefined ? { holeTimeout: opts.holeTimeout } : {}),
    };
    this.tcp = new TcpReassembler(s);
    this.sctp = new SctpReassembler(s);
  }

  push(frame: Frame): NetResult {
    const res: NetResult = { datagrams: [], streams: [], issues: [] };
    const f: FrameRef = { no: frame.no, fileOffset: frame.fileOffset, ts: frame.ts, snapped: frame.origLen > frame.data.length };
    this.frag.expire(frame.ts, res.issues);
    const st = decodeLink(frame.linktype, frame.data, this.link);
    if (st === 'unknown-linktype') {
      if (!this.warnedLinktypes.has(frame.linktype)) {
        this.warnedLinktypes.add(frame.linktype);
        res.issues.push(netIssue(f, 'net.link.unknown-linktype', `link type ${frame.linktype} is not decoded (reported once)`, 0, {
          severity: 'warning', actual: frame.linktype }));
      }
      return res;
    }
    if (st === 'short') {
      res.issues.push(netIssue(f, 'net.link.truncated', `link header of link type ${frame.linktype} truncated`, 0, { actual: frame.data.length }));
      return res;
    }
    const et = this.link.etherType;
    if (et !== ETHERTYPE.IPV4 && et !== ETHERTYPE.IPV6) return res; // ARP, LLDP, ...: not ours
    this.ip(frame.data, this.link.offset, f, frame.iface, res, 0);
    return res;
  }

  flush(): { streams: StreamData[]; issues: DecodeIssue[] } {
    const streams: StreamData[] = [];
    const issues: DecodeIssue[] = [];
    this.frag.flush(issues);
    this.tcp.flush(streams);
    this.sctp.flush(streams);
    return { streams, issues };
  }

  private ip(b: Uint8Array, off: number, f: FrameRef, iface: number, res: NetResult, depth: number): void {
    const p = decodeIp(b, off, f, res.issues);
    if (!p) return;
    if (!p.frag) {
      this.upper(p, [f.no], f, iface, res, depth);
      return;
    }
    const src = this.addrs.text(p.addrBuf, p.srcOff, p.version === 4 ? 4 : 16);
    const dst = this.addrs.text(p.addrBuf, p.dstOff, p.version === 4 ? 4 : 16);
    const key = p.version === 4 ? `4|${src}|${dst}|${p.proto}|${p.frag.id}` : `6|${src}|${dst}|${p.frag.id}`;
    const r = this.frag.add(key, p.frag.offset, p.frag.more, p.proto, b.subarray(p.start, p.end), f, res.issues);
    if (!r) return;
    const whole: IpPacket = { ...p, buf: r.payload, proto: r.proto, start: 0, end: r.payload.length };
    if (p.version === 6 && !walkExtensions(whole, f, res.issues)) return; // headers after the fragment header
    whole.frag = undefined;
    this.upper(whole, r.frames, f, iface, res, depth);
  }

  private endpoints(p: IpPacket, sport: number, dport: number): [Endpoint, Endpoint] {
    const n = p.version === 4 ? 4 : 16;
    return [
      { addr: this.addrs.text(p.addrBuf, p.srcOff, n), port: sport },
      { addr: this.addrs.text(p.addrBuf, p.dstOff, n), port: dport },
    ];
  }

  private upper(p: IpPacket, frames: number[], f: FrameRef, iface: number, res: NetResult, depth: number): void {
    const b = p.buf;
    // offsets into the frame for issues (a reassembled buffer has none: point at the IP payload start)
    const at = b === p.addrBuf ? p.start : 0;
    switch (p.proto) {
      case IPPROTO.UDP: {
        const issues: DecodeIssue[] = [];
        const u = decodeUdp(b, p.start, p.end, f, issues, at);
        if (!u) {
          res.issues.push(...issues);
          return;
        }
        if (this.verify && !udpChecksumOk(this.addr(p, p.srcOff), this.addr(p, p.dstOff), b.subarray(p.start, p.end)))
          issues.push(netIssue(f, 'net.udp.bad-checksum', 'UDP checksum is wrong', at, { actual: u.checksum }));
        const [src, dst] = this.endpoints(p, u.sport, u.dport);
        res.datagrams.push(this.datagram('udp', p, frames, f, iface, src, dst, b.subarray(u.start, u.end), issues));
        return;
      }
      case IPPROTO.TCP: {
        const t = decodeTcp(b, p.start, p.end, f, res.issues, at);
        if (!t) return;
        if (this.verify && tcpChecksum(this.addr(p, p.srcOff), this.addr(p, p.dstOff), b.subarray(p.start, p.end)) !== 0)
          res.issues.push(netIssue(f, 'net.tcp.bad-checksum', 'TCP checksum is wrong', at));
        const [src, dst] = this.endpoints(p, t.sport, t.dport);
        this.tcp.segment(src, dst, t, b.subarray(t.start, t.end), f, res.streams);
        return;
      }
      case IPPROTO.SCTP: {
        const s = decodeSctp(b, p.start, p.end, f, res.issues, at);
        if (!s) return;
        if (this.verify && sctpChecksum(b.subarray(p.start, p.end)) !== s.checksum)
          res.issues.push(netIssue(f, 'net.sctp.bad-checksum', 'SCTP CRC-32C is wrong', at, { actual: s.checksum }));
        const [src, dst] = this.endpoints(p, s.sport, s.dport);
        this.sctp.packet(src, dst, s, f, res.streams);
        return;
      }
      case IPPROTO.IPIP:
      case IPPROTO.IPV6:
        if (depth < MAX_TUNNEL_DEPTH) {
          // IP in IP (RFC 2003, RFC 2473): decode the inner packet
          if (p.end > p.start) this.ip(b.subarray(0, p.end), p.start, f, iface, res, depth + 1);
          return;
        }
        break;
      case IPPROTO.NONE:
        return;
    }
    // MH (135), ESP (50), ICMPv6 and anything else: the IP payload as is
    const [src, dst] = this.endpoints(p, 0, 0);
    res.datagrams.push(this.datagram('ip', p, frames, f, iface, src, dst, b.subarray(p.start, p.end), []));
  }

  private addr(p: IpPacket, off: number): Uint8Array {
    return p.addrBuf.subarray(off, off + (p.version === 4 ? 4 : 16));
  }

  private datagram(
    transport: 'udp' | 'ip', p: IpPacket, frames: number[], f: FrameRef, iface: number,
    src: Endpoint, dst: Endpoint, payload: Uint8Array, issues: DecodeIssue[],
  ): Datagram {
    const d: Datagram = { transport, frame: f.no, frames, ts: f.ts, ipVersion: p.version, src, dst, ipProto: p.proto, hopLimit: p.hopLimit, payload, iface, issues };
    if (p.ah !== undefined) d.ipsec = { ah: p.ah };
    else if (p.proto === 50 && payload.length >= 4) d.ipsec = { esp: ((payload[0]! << 24) | (payload[1]! << 16) | (payload[2]! << 8) | payload[3]!) >>> 0 };
    return d;
  }
}
