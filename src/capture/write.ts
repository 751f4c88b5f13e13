// Capture writers: streaming pcapng (probes' --save) and whole-buffer pcap/pcapng encoders (tests, fixtures).
import { concatBytes } from '../wire/codec.js';
import { createWriteStream } from 'node:fs';
import { BOM, BT } from './pcapng.js';

export interface FrameOut {
  /** number: seconds since the epoch (as Frame.ts); bigint: nanoseconds (as Frame.tsNs) */
  ts: number | bigint;
  linktype: number;
  data: Uint8Array;
  /** pcapng interface index; when absent, one interface per distinct linktype is made */
  iface?: number;
  origLen?: number;
}

export function toNs(ts: number | bigint): bigint {
  if (typeof ts === 'bigint') return ts;
  const sec = Math.floor(ts);
  return BigInt(sec) * 1_000_000_000n + BigInt(Math.round((ts - sec) * 1e9));
}

const pad4 = (n: number): number => (n + 3) & ~3;

type Sink = { write(chunk: Uint8Array): unknown; end?(cb?: () => void): unknown };

class BlockBuilder {
  readonly b: Uint8Array;
  readonly v: DataView;
  constructor(
    type: number,
    readonly len: number,
    readonly le: boolean,
  ) {
    this.b = new Uint8Array(len);
    this.v = new DataView(this.b.buffer);
    this.v.setUint32(0, type, le);
    this.v.setUint32(4, len, le);
    this.v.setUint32(len - 4, len, le);
  }
  u16(o: number, x: number): void {
    this.v.setUint16(o, x, this.le);
  }
  u32(o: number, x: number): void {
    this.v.setUint32(o, x >>> 0, this.le);
  }
  /** option at o; returns the offset after it */
  opt(o: number, code: number, val: Uint8Array): number {
    this.u16(o, code);
    this.u16(o + 2, val.length);
    this.b.set(val, o + 4);
    return o + 4 + pad4(val.length);
  }
}

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Streaming pcapng writer: SHB, one IDB per interface (if_tsresol = 9: ns timestamps), EPBs. */
export class PcapngWriter {
  private ifaces: number[] = [];
  private byLinktype = new Map<number, number>();
  private readonly le: boolean;

  constructor(
    private readonly sink: Sink,
    opts: { littleEndian?: boolean; application?: string } = {},
  ) {
    this.le = opts.littleEndian ?? true;
    const app = text(opts.application ?? 'mip6-conform');
    const len = 28 + 4 + pad4(app.length) + 4;
    const k = new BlockBuilder(BT.SHB, len, this.le);
    k.u32(8, BOM);
    k.u16(12, 1); // major
    k.u16(14, 0); // minor
    k.v.setBigInt64(16, -1n, this.le); // section length unknown
    k.opt(24, 4, app); // shb_userappl; opt_endofopt left as zeros
    sink.write(k.b);
  }

  static toFile(path: string, opts?: { littleEndian?: boolean; application?: string }): PcapngWriter {
    return new PcapngWriter(createWriteStream(path), opts);
  }

  /** describe an interface; returns its index */
  addInterface(linktype: number, opts: { name?: string; snaplen?: number } = {}): number {
    const name = opts.name ? text(opts.name) : undefined;
    const len = 20 + 8 + (name ? 4 + pad4(name.length) : 0) + 4;
    const k = new BlockBuilder(BT.IDB, len, this.le);
    k.u16(8, linktype);
    k.u32(12, opts.snaplen ?? 262144);
    let o = k.opt(16, 9, Uint8Array.of(9)); // if_tsresol: 10^-9
    if (name) o = k.opt(o, 2, name); // if_name
    this.sink.write(k.b);
    this.ifaces.push(linktype);
    if (!this.byLinktype.has(linktype)) this.byLinktype.set(linktype, this.ifaces.length - 1);
    return this.ifaces.length - 1;
  }

  write(f: FrameOut): void {
    let i = f.iface;
    if (i === undefined) i = this.byLinktype.get(f.linktype) ?? this.addInterface(f.linktype);
    else {
      while (this.ifaces.length <= i) this.addInterface(f.linktype);
      if (this.ifaces[i] !== f.linktype) throw new Error(`interface ${i} has linktype ${this.ifaces[i]}, frame has ${f.linktype}`);
    }
    const ns = toNs(f.ts);
    const len = 28 + pad4(f.data.length) + 4;
    const k = new BlockBuilder(BT.EPB, len, this.le);
    k.u32(8, i);
    k.u32(12, Number(ns >> 32n));
    k.u32(16, Number(ns & 0xffffffffn));
    k.u32(20, f.data.length);
    k.u32(24, f.origLen ?? f.data.length);
    k.b.set(f.data, 28);
    this.sink.write(k.b);
  }

  /** end the sink (when it can be ended) */
  close(): Promise<void> {
    const end = this.sink.end;
    if (!end) return Promise.resolve();
    return new Promise((resolve) => end.call(this.sink, () => resolve()));
  }
}

const concat = concatBytes;

/** A whole pcapng file in memory (fixture generators). */
export function encodePcapng(frames: Iterable<FrameOut>, opts: { littleEndian?: boolean } = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const w = new PcapngWriter({ write: (c) => parts.push(c) }, opts);
  for (const f of frames) w.write(f);
  return concat(parts);
}

/** A whole classic pcap file in memory (tests). One linktype for the file: opts.linktype or the first frame's. */
export function writePcap(
  frames: Iterable<Omit<FrameOut, 'linktype' | 'iface'> & { linktype?: number }>,
  opts: { nanos?: boolean; littleEndian?: boolean; linktype?: number; snaplen?: number } = {},
): Uint8Array {
  const list = [...frames];
  const le = opts.littleEndian ?? true;
  let n = 24;
  for (const f of list) n += 16 + f.data.length;
  const b = new Uint8Array(n);
  const v = new DataView(b.buffer);
  v.setUint32(0, opts.nanos ? 0xa1b23c4d : 0xa1b2c3d4, le);
  v.setUint16(4, 2, le);
  v.setUint16(6, 4, le);
  v.setUint32(16, opts.snaplen ?? 262144, le);
  v.setUint32(20, opts.linktype ?? list[0]?.linktype ?? 1, le);
  let o = 24;
  for (const f of list) {
    const ns = toNs(f.ts);
    v.setUint32(o, Number(ns / 1_000_000_000n), le);
    const frac = ns % 1_000_000_000n;
    v.setUint32(o + 4, Number(opts.nanos ? frac : frac / 1000n), le);
    v.setUint32(o + 8, f.data.length, le);
    v.setUint32(o + 12, f.origLen ?? f.data.length, le);
    b.set(f.data, o + 16);
    o += 16 + f.data.length;
  }
  return b;
}
