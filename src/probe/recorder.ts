// Records what a probe sent and received as link-layer frames (src/net/build.ts), so a live run can be
// saved as pcapng (--save) and decoded by the same pipeline as a capture. TCP frames get synthetic but
// consistent per-direction sequence numbers (handshake, data, FIN/RST), so tshark reassembles them.
import { writeFile } from 'node:fs/promises';
import { LINKTYPE, type Frame } from '../capture/frame.js';
import { PcapngWriter } from '../capture/write.js';
import { buildTcp, buildUdp } from '../net/build.js';
import type { Endpoint } from '../net/packet.js';
import type { Tap, TapEvent } from './transport/types.js';

export interface ProbeRecord {
  /** 1-based frame number in the saved capture (ordered by time) */
  frame: number;
  /** seconds since the epoch */
  ts: number;
  tsNs: bigint;
  dir: 'sent' | 'received';
  src: Endpoint;
  dst: Endpoint;
  transport: 'udp' | 'tcp';
  /** application bytes carried by this frame (empty for SYN / bare ACK / FIN / RST) */
  payload: Uint8Array;
  /** TCP connection key (as StreamData.conn) */
  conn?: string;
  tcp?: { seq: number; ack: number; flags: string };
  /** the datagram was longer than the transport kept */
  truncated?: boolean;
  /** the whole link-layer frame */
  bytes: Uint8Array;
}

export interface RecorderOptions {
  /** LINKTYPE of the frames (default ETHERNET) */
  linktype?: number;
  /** largest TCP payload per frame (default 16384); longer writes/reads are split */
  mss?: number;
}

type Pending = Omit<ProbeRecord, 'frame'>;

interface ConnState {
  client: Endpoint;
  server: Endpoint;
  /** next sequence number client → server and server → client */
  next: [number, number];
}

const TESTER_MAC = Uint8Array.of(0x02, 0x6d, 0x36, 0, 0, 1);
const PEER_MAC = Uint8Array.of(0x02, 0x6d, 0x36, 0, 0, 2);

export class Recorder {
  private readonly list: Pending[] = [];
  private readonly conns = new Map<string, ConnState>();
  private isn = 0x10000000;
  readonly linktype: number;
  private readonly mss: number;

  constructor(opts: RecorderOptions = {}) {
    this.linktype = opts.linktype ?? LINKTYPE.ETHERNET;
    this.mss = opts.mss ?? 16384;
  }

  /** pass this as the transports' `tap` */
  readonly tap: Tap = (ev: TapEvent) => this.onEvent(ev);

  private link(dir: 'sent' | 'received'): { linktype: number; srcMac: Uint8Array; dstMac: Uint8Array } {
    return dir === 'sent'
      ? { linktype: this.linktype, srcMac: TESTER_MAC, dstMac: PEER_MAC }
      : { linktype: this.linktype, srcMac: PEER_MAC, dstMac: TESTER_MAC };
  }

  private onEvent(ev: TapEvent): void {
    if (ev.type === 'datagram') {
      const dir = ev.dir === 'out' ? 'sent' : 'received';
      const bytes = buildUdp({ ...this.link(dir), src: ev.src.addr, dst: ev.dst.addr, sport: ev.src.port, dport: ev.dst.port, payload: ev.payload });
      this.push({ dir, src: ev.src, dst: ev.dst, transport: 'udp', payload: ev.payload, bytes, tsNs: ev.tsNs, ...(ev.truncated ? { truncated: true } : {}) });
      return;
    }
    if (ev.type === 'open') {
      const c: ConnState = { client: ev.client, server: ev.server, next: [this.nextIsn(), this.nextIsn()] };
      this.conns.set(ev.conn, c);
      this.tcp(ev.conn, c, 0, 'S', new Uint8Array(0), ev.tsNs, 1);
      this.tcp(ev.conn, c, 1, 'SA', new Uint8Array(0), ev.tsNs, 1);
      this.tcp(ev.conn, c, 0, 'A', new Uint8Array(0), ev.tsNs, 0);
      return;
    }
    const c = this.conns.get(ev.conn);
    if (!c) return; // events of a connection opened before recording started
    const side = ev.dir === 'out' ? 0 : 1; // the tester is always the client
    if (ev.type === 'segment') {
      for (let o = 0; o < ev.payload.length; o += this.mss) {
        const part = ev.payload.subarray(o, Math.min(o + this.mss, ev.payload.length));
        this.tcp(ev.conn, c, side, 'PA', part, ev.tsNs, part.length);
      }
    } else if (ev.type === 'fin') this.tcp(ev.conn, c, side, 'FA', new Uint8Array(0), ev.tsNs, 1);
    else this.tcp(ev.conn, c, side, 'RA', new Uint8Array(0), ev.tsNs, 0);
  }

  private nextIsn(): number {
    this.isn = (this.isn + 0x01000193) >>> 0;
    return this.isn;
  }

  /** one TCP frame from `side` (0 client, 1 server); `advance` = sequence space it uses */
  private tcp(conn: string, c: ConnState, side: 0 | 1, flags: string, payload: Uint8Array, tsNs: bigint, advance: number): void {
    const src = side === 0 ? c.client : c.server;
    const dst = side === 0 ? c.server : c.client;
    const seq = c.next[side];
    const ack = flags === 'S' ? 0 : c.next[side === 0 ? 1 : 0];
    const dir = side === 0 ? 'sent' : 'received';
    const bytes = buildTcp({ ...this.link(dir), src: src.addr, dst: dst.addr, sport: src.port, dport: dst.port, seq, ack, flags, payload });
    c.next[side] = (seq + advance) >>> 0;
    this.push({ dir, src, dst, transport: 'tcp', payload, bytes, tsNs, conn, tcp: { seq, ack, flags } });
  }

  private push(r: Omit<Pending, 'ts'>): void {
    this.list.push({ ...r, ts: Number(r.tsNs) / 1e9 });
  }

  /** everything so far, ordered by time (stable), numbered from 1 */
  records(): ProbeRecord[] {
    const sorted = this.list.map((r, i) => ({ r, i })).sort((a, b) => (a.r.tsNs < b.r.tsNs ? -1 : a.r.tsNs > b.r.tsNs ? 1 : a.i - b.i));
    return sorted.map(({ r }, i) => ({ ...r, frame: i + 1 }));
  }

  get size(): number {
    return this.list.length;
  }

  /** the records as capture Frames, ready for the offline decode pipeline */
  frames(): Frame[] {
    return this.records().map((r) => ({
      no: r.frame,
      ts: r.ts,
      tsNs: r.tsNs,
      iface: 0,
      linktype: this.linktype,
      data: r.bytes,
      origLen: r.bytes.length,
      fileOffset: 0,
    }));
  }

  /** the whole recording as a pcapng file in memory */
  encode(): Uint8Array {
    const parts: Uint8Array[] = [];
    const w = new PcapngWriter({ write: (c) => parts.push(c) });
    w.addInterface(this.linktype, { name: 'mip6-conform probe' });
    for (const r of this.records()) w.write({ ts: r.tsNs, linktype: this.linktype, iface: 0, data: r.bytes });
    return Buffer.concat(parts);
  }

  /** write the recording to a pcapng file (--save FILE.pcapng); rejects on I/O errors */
  save(file: string): Promise<void> {
    return writeFile(file, this.encode());
  }
}
