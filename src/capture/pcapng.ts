// pcapng reader (draft-ietf-opsawg-pcapng): blocks are type u32, total length u32, body, total length u32,
// in the byte order of their section's SHB. EPB/SPB/OPB become frames; ISB, NRB, DSB, custom and unknown blocks are skipped.
import type { Frame } from './frame.js';
import type { ByteQueue } from './queue.js';
import { CaptureReadError } from '../util/errors.js';

export const BT = {
  SHB: 0x0a0d0d0a,
  IDB: 1,
  OPB: 2, // obsolete Packet Block
  SPB: 3,
  NRB: 4,
  ISB: 5,
  EPB: 6,
  DSB: 0x0a,
} as const;
export const BOM = 0x1a2b3c4d;
/** a block longer than this is taken as corruption */
export const PCAPNG_MAX_BLOCK = 16 * 1024 * 1024;
const OPT_IF_TSRESOL = 9;
const OPT_IF_TSOFFSET = 14;

interface Iface {
  linktype: number;
  snaplen: number;
  /** ticks per second as a float, and the exact ticks → ns conversion */
  units: number;
  nsMul: bigint;
  nsDiv: bigint;
  nsShift: bigint;
  offsetSec: number;
}

function rd16(b: Uint8Array, i: number, le: boolean): number {
  return le ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!;
}
function rd32(b: Uint8Array, i: number, le: boolean): number {
  return le
    ? ((b[i + 3]! << 24) | (b[i + 2]! << 16) | (b[i + 1]! << 8) | b[i]!) >>> 0
    : ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
}

/** if_tsresol: MSB clear → 10^-v s, MSB set → 2^-v s (pcapng §4.2). Default 10^-6. */
export function tsResolution(v: number): Pick<Iface, 'units' | 'nsMul' | 'nsDiv' | 'nsShift'> {
  const n = v & 0x7f;
  if (v & 0x80) return { units: 2 ** n, nsMul: 1_000_000_000n, nsDiv: 1n, nsShift: BigInt(n) };
  if (n <= 9) return { units: 10 ** n, nsMul: 10n ** BigInt(9 - n), nsDiv: 1n, nsShift: 0n };
  return { units: 10 ** n, nsMul: 1n, nsDiv: 10n ** BigInt(n - 9), nsShift: 0n };
}

export class PcapngReader {
  private le: boolean | undefined;
  private ifaces: Iface[] = [];
  private no = 0;
  /** index of the first interface of the current section (frames number interfaces across sections) */
  private ifBase = 0;
  constructor(readonly file: string) {}

  private fail(offset: number, detail: string): never {
    throw new CaptureReadError(this.file, offset, detail);
  }

  parse(q: ByteQueue, out: Frame[]): void {
    while (q.length >= 12) {
      const type0 = q.u32(0, false);
      if (type0 === BT.SHB) {
        const bom = q.u32(8, false);
        if (bom === BOM) this.le = false;
        else if (bom === 0x4d3c2b1a) this.le = true;
        else this.fail(q.offset, `section header byte-order magic 0x${bom.toString(16)}`);
      }
      const le = this.le;
      if (le === undefined) this.fail(q.offset, 'first block is not a Section Header Block');
      const len = q.u32(4, le);
      if (len < 12 || len % 4 !== 0) this.fail(q.offset, `block total length ${len} is not a multiple of 4 of at least 12`);
      if (len > PCAPNG_MAX_BLOCK) this.fail(q.offset, `block total length ${len} exceeds ${PCAPNG_MAX_BLOCK}`);
      if (q.length < len) return;
      const off = q.offset;
      const b = q.take(len);
      if (rd32(b, len - 4, le) !== len) this.fail(off, `block trailer length ${rd32(b, len - 4, le)} differs from header ${len}`);
      const type = rd32(b, 0, le);
      switch (type) {
        case BT.SHB:
          this.shb(b, le, off);
          break;
        case BT.IDB:
          this.idb(b, le, off);
          break;
        case BT.EPB:
        case BT.OPB:
          out.push(this.epb(b, le, off, type === BT.OPB));
          break;
        case BT.SPB:
          out.push(this.spb(b, le, off));
          break;
        default: // ISB, NRB, DSB, custom, unknown: skipped
          break;
      }
    }
  }

  end(q: ByteQueue): void {
    if (q.length > 0) this.fail(q.offset, `truncated block (${q.length} bytes left at end of file)`);
    if (this.le === undefined) this.fail(q.offset, 'no Section Header Block');
  }

  private shb(b: Uint8Array, le: boolean, off: number): void {
    if (b.length < 28) this.fail(off, `section header block of ${b.length} bytes is shorter than 28`);
    const major = rd16(b, 12, le);
    if (major !== 1) this.fail(off, `unsupported pcapng major version ${major}`);
    this.ifBase += this.ifaces.length;
    this.ifaces = [];
  }

  private idb(b: Uint8Array, le: boolean, off: number): void {
    if (b.length < 20) this.fail(off, `interface description block of ${b.length} bytes is shorter than 20`);
    const iface: Iface = {
      linktype: rd16(b, 8, le),
      snaplen: rd32(b, 12, le),
      ...tsResolution(6),
      offsetSec: 0,
    };
    // options: code u16, length u16, value padded to 32 bits; opt_endofopt (0) ends the list
    let p = 16;
    const end = b.length - 4;
    while (p + 4 <= end) {
      const code = rd16(b, p, le);
      const olen = rd16(b, p + 2, le);
      if (code === 0 || p + 4 + olen > end) break;
      if (code === OPT_IF_TSRESOL && olen >= 1) Object.assign(iface, tsResolution(b[p + 4]!));
      else if (code === OPT_IF_TSOFFSET && olen >= 8) {
        const hi = rd32(b, le ? p + 8 : p + 4, le) | 0;
        const lo = rd32(b, le ? p + 4 : p + 8, le);
        iface.offsetSec = hi * 4294967296 + lo;
      }
      p += 4 + ((olen + 3) & ~3);
    }
    this.ifaces.push(iface);
  }

  private iface(i: number, off: number): Iface {
    const f = this.ifaces[i];
    if (!f) this.fail(off, `packet on interface ${i}, but only ${this.ifaces.length} interface(s) described`);
    return f;
  }

  private epb(b: Uint8Array, le: boolean, off: number, obsolete: boolean): Frame {
    if (b.length < 32) this.fail(off, `packet block of ${b.length} bytes is shorter than 32`);
    const ifIdx = obsolete ? rd16(b, 8, le) : rd32(b, 8, le);
    const f = this.iface(ifIdx, off);
    const hi = rd32(b, 12, le);
    const lo = rd32(b, 16, le);
    const caplen = rd32(b, 20, le);
    const origLen = rd32(b, 24, le);
    if (28 + caplen > b.length - 4) this.fail(off, `packet block captured length ${caplen} overruns its block of ${b.length} bytes`);
    const ticks = (BigInt(hi) << 32n) | BigInt(lo);
    let ns = f.nsShift ? (ticks * f.nsMul) >> f.nsShift : f.nsDiv !== 1n ? ticks / f.nsDiv : ticks * f.nsMul;
    if (f.offsetSec) ns += BigInt(f.offsetSec) * 1_000_000_000n;
    return {
      no: ++this.no,
      ts: (hi * 4294967296 + lo) / f.units + f.offsetSec,
      tsNs: ns,
      iface: this.ifBase + ifIdx,
      linktype: f.linktype,
      data: b.subarray(28, 28 + caplen),
      origLen,
      fileOffset: off,
    };
  }

  private spb(b: Uint8Array, le: boolean, off: number): Frame {
    if (b.length < 16) this.fail(off, `simple packet block of ${b.length} bytes is shorter than 16`);
    const f = this.iface(0, off);
    const origLen = rd32(b, 8, le);
    let caplen = Math.min(origLen, b.length - 16);
    if (f.snaplen > 0) caplen = Math.min(caplen, f.snaplen);
    return {
      no: ++this.no,
      ts: 0,
      tsNs: 0n,
      iface: this.ifBase,
      linktype: f.linktype,
      data: b.subarray(12, 12 + caplen),
      origLen,
      fileOffset: off,
    };
  }
}
