// Classic libpcap files (tcpdump.org/manpages/pcap-savefile.5): 24-byte global header, then 16-byte record
// headers; µs (0xa1b2c3d4) or ns (0xa1b23c4d) fractions, written in either byte order.
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';
import type { Frame } from './frame.js';
import type { ByteQueue } from './queue.js';
import { CaptureFormatError, CaptureReadError } from '../util/errors.js';

// Why the wrapper: pcap-parser (required by the design card) reads only the µs magic, ends silently on a truncated
// file, copies its whole pending buffer on every chunk, has no backpressure and would buffer a record claiming a
// 4 GB caplen, so it parses only the global header here (ns magic mapped to µs first) and we own the record loop.
const require = createRequire(import.meta.url);
const pcapParser = require('pcap-parser') as { parse(input: EventEmitter): EventEmitter };

export const PCAP_GLOBAL_HEADER = 24;
export const PCAP_RECORD_HEADER = 16;
/** largest caplen accepted (Wireshark's WTAP_MAX_PACKET_SIZE_STANDARD); more means a corrupt record */
export const PCAP_MAX_CAPLEN = 262_144;

export interface PcapHeader {
  le: boolean;
  nanos: boolean;
  major: number;
  minor: number;
  snaplen: number;
  linktype: number;
}

interface ParserHeader {
  majorVersion: number;
  minorVersion: number;
  snapshotLength: number;
  linkLayerType: number;
}

/** Parse the 24-byte global header (through pcap-parser). Throws CaptureFormatError on a bad magic or version. */
export function parsePcapHeader(bytes: Uint8Array, file = '-'): PcapHeader {
  if (bytes.length < PCAP_GLOBAL_HEADER) throw new CaptureFormatError(file, `pcap header needs 24 bytes, got ${bytes.length}`);
  const buf = Buffer.from(bytes.subarray(0, PCAP_GLOBAL_HEADER));
  const magic = buf.readUInt32BE(0);
  let le: boolean;
  let nanos = false;
  if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d) le = false;
  else if (magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) le = true;
  else throw new CaptureFormatError(file, `magic 0x${magic.toString(16).padStart(8, '0')}`);
  if (magic === 0xa1b23c4d || magic === 0x4d3cb2a1) {
    nanos = true;
    if (le) buf.writeUInt32LE(0xa1b2c3d4, 0);
    else buf.writeUInt32BE(0xa1b2c3d4, 0);
  }
  // pcap-parser listens for 'data' on what it is given and parses synchronously inside emit().
  const src = Object.assign(new EventEmitter(), { pause() {}, resume() {} });
  const p = pcapParser.parse(src);
  let header: ParserHeader | undefined;
  let error: unknown;
  p.on('globalHeader', (h: ParserHeader) => (header = h));
  p.on('error', (e: unknown) => (error = e));
  src.emit('data', buf);
  if (!header) throw new CaptureFormatError(file, error instanceof Error ? error.message : 'bad pcap global header');
  return {
    le,
    nanos,
    major: header.majorVersion,
    minor: header.minorVersion,
    snaplen: header.snapshotLength,
    linktype: header.linkLayerType & 0xffff, // upper bits: FCS length flags
  };
}

/** Incremental classic-pcap reader: parse() takes every complete record from the queue. */
export class PcapReader {
  header: PcapHeader | undefined;
  private no = 0;
  constructor(readonly file: string) {}

  parse(q: ByteQueue, out: Frame[]): void {
    if (!this.header) {
      if (q.length < PCAP_GLOBAL_HEADER) return;
      this.header = parsePcapHeader(q.take(PCAP_GLOBAL_HEADER), this.file);
    }
    const { le, nanos, linktype } = this.header;
    while (q.length >= PCAP_RECORD_HEADER) {
      const caplen = q.u32(8, le);
      if (caplen > PCAP_MAX_CAPLEN)
        throw new CaptureReadError(this.file, q.offset, `record claims capture length ${caplen} (limit ${PCAP_MAX_CAPLEN})`);
      if (q.length < PCAP_RECORD_HEADER + caplen) return;
      const sec = q.u32(0, le);
      const frac = q.u32(4, le);
      const origLen = q.u32(12, le);
      const fileOffset = q.offset;
      q.skip(PCAP_RECORD_HEADER);
      const data = q.take(caplen);
      out.push({
        no: ++this.no,
        ts: sec + (nanos ? frac / 1e9 : frac / 1e6),
        tsNs: BigInt(sec) * 1_000_000_000n + BigInt(nanos ? frac : frac * 1000),
        iface: 0,
        linktype,
        data,
        origLen,
        fileOffset,
      });
    }
  }

  /** at end of input: anything left over is a truncated record */
  end(q: ByteQueue): void {
    if (!this.header) throw new CaptureReadError(this.file, q.offset, `truncated pcap global header (${q.length} of 24 bytes)`);
    if (q.length === 0) return;
    if (q.length < PCAP_RECORD_HEADER)
      throw new CaptureReadError(this.file, q.offset, `truncated record header (${q.length} of 16 bytes)`);
    const caplen = q.u32(8, this.header.le);
    throw new CaptureReadError(this.file, q.offset, `truncated record (caplen ${caplen}, ${q.length - PCAP_RECORD_HEADER} bytes present)`);
  }
}
