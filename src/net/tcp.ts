// TCP (RFC 9293) header and per-direction reassembly into ordered StreamData.
import type { DecodeIssue } from '../wire/issue.js';
import type { Endpoint, StreamData } from './packet.js';
import { transportChecksum } from './checksum.js';
import { netIssue, type FrameRef } from './issues.js';

export const TCP_FLAGS = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20, ECE: 0x40, CWR: 0x80 } as const;

export interface TcpHeader {
  sport: number;
  dport: number;
  seq: number;
  ack: number;
  flags: number;
  window: number;
  start: number;
  end: number;
}

export function decodeTcp(b: Uint8Array, off: number, end: number, f: FrameRef, issues: DecodeIssue[], at = off): TcpHeader | undefined {
  if (off + 20 > end) {
    issues.push(netIssue(f, 'net.tcp.truncated', 'TCP header shorter than 20 bytes', at, { actual: end - off }));
    return undefined;
  }
  const hlen = (b[off + 12]! >> 4) * 4;
  if (hlen < 20 || off + hlen > end) {
    issues.push(netIssue(f, 'net.tcp.bad-header-length', `TCP data offset ${hlen}`, at, { actual: hlen }));
    return undefined;
  }
  return {
    sport: (b[off]! << 8) | b[off + 1]!,
    dport: (b[off + 2]! << 8) | b[off + 3]!,
    seq: ((b[off + 4]! << 24) | (b[off + 5]! << 16) | (b[off + 6]! << 8) | b[off + 7]!) >>> 0,
    ack: ((b[off + 8]! << 24) | (b[off + 9]! << 16) | (b[off + 10]! << 8) | b[off + 11]!) >>> 0,
    flags: b[off + 13]!,
    window: (b[off + 14]! << 8) | b[off + 15]!,
    start: off + hlen,
    end,
  };
}

/** TCP checksum (zero the field first to compute; 0 over a received segment means it is right) */
export function tcpChecksum(src: Uint8Array, dst: Uint8Array, seg: Uint8Array): number {
  return transportChecksum(src, dst, 6, seg);
}

/** "addr:port", with IPv6 addresses in brackets */
export function endpointKey(e: Endpoint): string {
  return e.addr.indexOf(':') >= 0 ? `[${e.addr}]:${e.port}` : `${e.addr}:${e.port}`;
}

/** connection key stable for both directions, and whether a→b is the "first" direction */
export function connKey(src: Endpoint, dst: Endpoint): { conn: string; dir: 0 | 1 } {
  const a = endpointKey(src);
  const b = endpointKey(dst);
  return a <= b ? { conn: `${a}|${b}`, dir: 0 } : { conn: `${b}|${a}`, dir: 1 };
}

interface Seg {
  seq: number;
  data: Uint8Array;
  frame: number;
  ts: number;
}

class Direction {
  started = false;
  next = 0;
  pending: Seg[] = [];
  pendingBytes = 0;
  finSeq = -1;
  closed: 'fin' | 'rst' | undefined;
  /** StreamData being filled during this call */
  cur: StreamData | undefined;
  constructor(
    readonly conn: string,
    readonly src: Endpoint,
    readonly dst: Endpoint,
  ) {}
}

export interface TcpOptions {
  /** out-of-order bytes kept per direction before the hole is given up as a gap */
  maxBuffer?: number;
  /** seconds of capture time a hole may stay open before its data is delivered with gap = true */
  holeTimeout?: number;
  maxConnections?: number;
}

export class TcpReassembler {
  private conns = new Map<string, [Direction | undefined, Direction | undefined]>();
  private readonly maxBuffer: number;
  private readonly holeTimeout: number;
  private readonly maxConns: number;

  constructor(opts: TcpOptions = {}) {
    this.maxBuffer = opts.maxBuffer ?? 1024 * 1024;
    this.holeTimeout = opts.holeTimeout ?? 10;
    this.maxConns = opts.maxConnections ?? 65536;
  }

  get connections(): number {
    return this.conns.size;
  }

  /** one segment; ordered bytes (if any) are appended to `out` */
  segment(src: Endpoint, dst: Endpoint, h: TcpHeader, payload: Uint8Array, f: FrameRef, out: StreamData[]): void {
    const { conn, dir } = connKey(src, dst);
    const syn = (h.flags & TCP_FLAGS.SYN) !== 0;
    let pair = this.conns.get(conn);
    if (!pair) {
      if (!payload.length && !syn) return; // a bare ACK/FIN on an unknown connection carries nothing to deliver
      if (this.conns.size >= this.maxConns) {
        const [k, old] = this.conns.entries().next().value as [string, [Direction | undefined, Direction | undefined]];
        this.conns.delete(k);
        for (const d of old) if (d) this.giveUp(d, f.ts, out);
      }
      pair = [undefined, undefined];
      this.conns.set(conn, pair);
    }
    let d = pair[dir];
    if (!d && !payload.length && !syn && !(h.flags & TCP_FLAGS.RST)) return;
    if (!d || (syn && d.closed)) d = pair[dir] = new Direction(conn, src, dst);
    let seq = h.seq;
    if (syn && !d.started) {
      d.started = true;
      d.next = (seq + 1) >>> 0;
    }
    if (syn) seq = (seq + 1) >>> 0; // SYN occupies one sequence number; data on a SYN follows it
    if (d.closed) return;
    if (!d.started) {
      d.started = true; // capture started mid-stream: begin at the first segment seen
      d.next = seq;
    }
    if (h.flags & TCP_FLAGS.FIN) d.finSeq = (seq + payload.length) >>> 0;

    if (h.flags & TCP_FLAGS.RST) {
      if (payload.length) this.place(d, { seq, data: payload, frame: f.no, ts: f.ts });
      this.giveUp(d, f.ts, out);
      this.close(d, 'rst', f.ts, out, f.no);
      this.forget(conn, pair);
      return;
    }
    if (payload.length) this.place(d, { seq, data: payload, frame: f.no, ts: f.ts });
    // a hole that stays open too long, or too much waiting behind it: deliver what follows it as a gap
    while (d.pending.length && (d.pendingBytes > this.maxBuffer || f.ts - d.pending[0]!.ts > this.holeTimeout)) this.skipHole(d, f.ts);
    if (d.finSeq >= 0 && d.next === d.finSeq) {
      this.close(d, 'fin', f.ts, out, f.no);
      if (pair[dir ^ 1]?.closed) this.forget(conn, pair);
    }
    this.emit(d, out);
  }

  /** end of capture: deliver everything still waiting behind holes */
  flush(out: StreamData[]): void {
    for (const pair of this.conns.values())
      for (const d of pair) {
        if (!d) continue;
        this.giveUp(d, d.pending.at(-1)?.ts ?? 0, out);
      }
    this.conns.clear();
  }

  private forget(conn: string, pair: [Direction | undefined, Direction | undefined]): void {
    if (this.conns.get(conn) === pair) this.conns.delete(conn);
  }

  /** put a segment in order: deliver it if it is next, drop it if already seen, else keep it */
  private place(d: Direction, s: Seg): void {
    const rel = (s.seq - d.next) | 0;
    if (rel <= 0) {
      if (rel + s.data.length <= 0) return; // retransmission of delivered bytes
      this.deliver(d, s, -rel);
      this.drain(d);
      return;
    }
    let i = d.pending.length;
    while (i > 0 && ((d.pending[i - 1]!.seq - s.seq) | 0) > 0) i--;
    const prev = d.pending[i - 1];
    if (prev && prev.seq === s.seq && prev.data.length >= s.data.length) return; // duplicate out-of-order segment
    d.pending.splice(i, 0, s);
    d.pendingBytes += s.data.length;
  }

  private deliver(d: Direction, s: Seg, skip: number): void {
    const data = skip ? s.data.subarray(skip) : s.data;
    this.cur(d, s.ts).chunks.push({ frame: s.frame, ts: s.ts, data });
    d.next = (d.next + data.length) >>> 0;
  }

  private drain(d: Direction): void {
    while (d.pending.length) {
      const s = d.pending[0]!;
      const rel = (s.seq - d.next) | 0;
      if (rel > 0) return;
      d.pending.shift();
      d.pendingBytes -= s.data.length;
      if (rel + s.data.length > 0) this.deliver(d, s, -rel);
    }
  }

  private skipHole(d: Direction, ts: number): void {
    const s = d.pending[0]!;
    this.startGap(d, ts);
    d.next = s.seq;
    this.drain(d);
  }

  private giveUp(d: Direction, ts: number, out: StreamData[]): void {
    while (d.pending.length) this.skipHole(d, ts);
    this.emit(d, out);
  }

  private cur(d: Direction, ts: number): StreamData {
    if (!d.cur) d.cur = { transport: 'tcp', conn: d.conn, src: d.src, dst: d.dst, ts, chunks: [], issues: [] };
    return d.cur;
  }

  /** the next bytes follow a hole: close the current StreamData and mark a new one */
  private startGap(d: Direction, ts: number): void {
    if (d.cur && d.cur.chunks.length) this.pendingOut.push(d.cur);
    d.cur = { transport: 'tcp', conn: d.conn, src: d.src, dst: d.dst, ts, chunks: [], gap: true, issues: [] };
  }
  private pendingOut: StreamData[] = [];

  private close(d: Direction, how: 'fin' | 'rst', ts: number, out: StreamData[], frame: number): void {
    d.closed = how;
    const c = this.cur(d, ts);
    c.closed = how;
    c.closedFrame = frame;
    this.emit(d, out);
  }

  private emit(d: Direction, out: StreamData[]): void {
    for (const s of this.pendingOut) out.push(s);
    this.pendingOut.length = 0;
    const c = d.cur;
    if (c && (c.chunks.length || c.closed)) out.push(c);
    if (c && (c.chunks.length || c.closed)) d.cur = undefined;
  }
}
