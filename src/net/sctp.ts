// SCTP (RFC 9260): common header and chunks. DATA chunks (type 0) are put in TSN order per direction and
// delivered as StreamData per SCTP stream; other chunks are skipped.
import type { DecodeIssue } from '../wire/issue.js';
import type { Endpoint, StreamData } from './packet.js';
import { crc32c } from './checksum.js';
import { netIssue, type FrameRef } from './issues.js';
import { connKey } from './tcp.js';

export const SCTP_CHUNK = { DATA: 0, INIT: 1, ABORT: 6, SHUTDOWN_COMPLETE: 14 } as const;
export const SCTP_PPID = { DIAMETER: 46, DIAMETER_DTLS: 47 } as const;

export interface SctpData {
  tsn: number;
  sid: number;
  ssn: number;
  ppid: number;
  /** U, B, E bits */
  flags: number;
  data: Uint8Array;
}

export interface SctpPacket {
  sport: number;
  dport: number;
  vtag: number;
  checksum: number;
  data: SctpData[];
}

/** StreamData from SCTP also names its stream; `conn` is "a|b#sid" so each stream is its own byte stream. */
export interface SctpStreamData extends StreamData {
  sid: number;
}

const be16 = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;
const be32 = (b: Uint8Array, i: number): number => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

export function decodeSctp(b: Uint8Array, off: number, end: number, f: FrameRef, issues: DecodeIssue[], at = off): SctpPacket | undefined {
  if (off + 12 > end) {
    issues.push(netIssue(f, 'net.sctp.truncated', 'SCTP common header shorter than 12 bytes', at, { actual: end - off }));
    return undefined;
  }
  const p: SctpPacket = { sport: be16(b, off), dport: be16(b, off + 2), vtag: be32(b, off + 4), checksum: be32(b, off + 8), data: [] };
  let c = off + 12;
  while (c + 4 <= end) {
    const type = b[c]!;
    const len = be16(b, c + 2);
    if (len < 4 || c + len > end) {
      issues.push(netIssue(f, 'net.sctp.bad-chunk-length', `chunk type ${type} length ${len}`, at + (c - off), { actual: len, expected: end - c }));
      break;
    }
    if (type === SCTP_CHUNK.DATA) {
      if (len < 16) issues.push(netIssue(f, 'net.sctp.bad-chunk-length', `DATA chunk of ${len} bytes`, at + (c - off), { actual: len }));
      else
        p.data.push({ flags: b[c + 1]!, tsn: be32(b, c + 4), sid: be16(b, c + 8), ssn: be16(b, c + 10), ppid: be32(b, c + 12), data: b.subarray(c + 16, c + len) });
    }
    c += (len + 3) & ~3;
  }
  return p;
}

/** CRC-32C of an SCTP packet with its checksum field taken as zero, as the value goes on the wire (RFC 9260 App. A) */
export function sctpChecksum(pkt: Uint8Array): number {
  const copy = pkt.slice();
  copy[8] = copy[9] = copy[10] = copy[11] = 0;
  const c = crc32c(copy);
  // the CRC is transmitted least significant byte first; read back as a big-endian u32
  return (((c & 0xff) << 24) | ((c & 0xff00) << 8) | ((c >>> 8) & 0xff00) | (c >>> 24)) >>> 0;
}

interface Pending {
  d: SctpData;
  frame: number;
  ts: number;
}

class Direction {
  started = false;
  next = 0;
  pending = new Map<number, Pending>();
  pendingBytes = 0;
  oldest = 0;
  constructor(
    readonly conn: string,
    readonly src: Endpoint,
    readonly dst: Endpoint,
  ) {}
}

export interface SctpOptions {
  maxBuffer?: number;
  holeTimeout?: number;
  maxAssociations?: number;
}

export class SctpReassembler {
  private dirs = new Map<string, Direction>();
  private readonly maxBuffer: number;
  private readonly holeTimeout: number;
  private readonly maxAssoc: number;

  constructor(opts: SctpOptions = {}) {
    this.maxBuffer = opts.maxBuffer ?? 1024 * 1024;
    this.holeTimeout = opts.holeTimeout ?? 10;
    this.maxAssoc = opts.maxAssociations ?? 65536;
  }

  packet(src: Endpoint, dst: Endpoint, p: SctpPacket, f: FrameRef, out: StreamData[]): void {
    if (!p.data.length) return;
    const { conn, dir } = connKey(src, dst);
    const k = `${conn}/${dir}`;
    let d = this.dirs.get(k);
    if (!d) {
      if (this.dirs.size >= this.maxAssoc) {
        const [oldK, old] = this.dirs.entries().next().value as [string, Direction];
        this.dirs.delete(oldK);
        this.giveUp(old, f.ts, out);
      }
      d = new Direction(conn, src, dst);
      this.dirs.set(k, d);
    }
    let gap = false;
    for (const c of p.data) {
      if (!d.started) {
        d.started = true;
        d.next = c.tsn;
      }
      const rel = (c.tsn - d.next) | 0;
      if (rel < 0 || d.pending.has(c.tsn)) continue; // retransmission
      if (!d.pending.size) d.oldest = f.ts;
      d.pending.set(c.tsn, { d: c, frame: f.no, ts: f.ts });
      d.pendingBytes += c.data.length;
    }
    if (this.drain(d, gap, out) && d.pending.size) d.oldest = f.ts; // what is left waits behind a new hole
    while (d.pending.size && (d.pendingBytes > this.maxBuffer || f.ts - d.oldest > this.holeTimeout)) {
      d.next = this.lowest(d);
      gap = true;
      this.drain(d, gap, out);
    }
  }

  flush(out: StreamData[]): void {
    for (const d of this.dirs.values()) this.giveUp(d, 0, out);
    this.dirs.clear();
  }

  private giveUp(d: Direction, _ts: number, out: StreamData[]): void {
    while (d.pending.size) {
      d.next = this.lowest(d);
      this.drain(d, true, out);
    }
  }

  private lowest(d: Direction): number {
    let best = -1;
    for (const tsn of d.pending.keys()) if (best < 0 || ((tsn - best) | 0) < 0) best = tsn;
    return best;
  }

  /** deliver consecutive TSNs from d.next, grouping consecutive chunks of one stream into one StreamData */
  private drain(d: Direction, gap: boolean, out: StreamData[]): number {
    let cur: SctpStreamData | undefined;
    let n = 0;
    for (let p = d.pending.get(d.next); p; p = d.pending.get(d.next)) {
      d.pending.delete(d.next);
      d.pendingBytes -= p.d.data.length;
      d.next = (d.next + 1) >>> 0;
      if (!cur || cur.sid !== p.d.sid || cur.ppid !== p.d.ppid) {
        cur = { transport: 'sctp', conn: `${d.conn}#${p.d.sid}`, sid: p.d.sid, src: d.src, dst: d.dst, ts: p.ts, ppid: p.d.ppid, chunks: [], issues: [] };
        if (gap) cur.gap = true;
        gap = false;
        out.push(cur);
      }
      cur.chunks.push({ frame: p.frame, ts: p.ts, data: p.d.data });
      n++;
    }
    return n;
  }
}
