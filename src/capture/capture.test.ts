import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Frame } from './frame.js';
import { LINKTYPE } from './frame.js';
import { openCapture, openCaptureStream, sniffCapture } from './open.js';
import { encodePcapng, writePcap, PcapngWriter } from './write.js';
import { CaptureFormatError, CaptureReadError } from '../util/errors.js';
import { buildUdp } from '../net/build.js';

async function collect(it: AsyncIterable<Frame>): Promise<Frame[]> {
  const out: Frame[] = [];
  for await (const f of it) out.push(f);
  return out;
}
/** stream bytes in small pieces, to cross every record boundary */
function pieces(b: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  return Readable.from((function* () {
    for (let i = 0; i < b.length; i += size) yield b.subarray(i, i + size);
  })(), { objectMode: true });
}
async function readAll(b: Uint8Array, size = 7): Promise<{ frames: Frame[]; error: unknown }> {
  const frames: Frame[] = [];
  try {
    for await (const f of openCaptureStream(pieces(b, size), 'test')) frames.push(f);
    return { frames, error: undefined };
  } catch (error) {
    return { frames, error };
  }
}

const p1 = Uint8Array.of(1, 2, 3, 4, 5);
const p2 = Uint8Array.of(9, 8, 7);

describe('sniffCapture', () => {
  it('recognises every magic and rejects others', () => {
    expect(sniffCapture(Uint8Array.of(0xa1, 0xb2, 0xc3, 0xd4))).toEqual({ format: 'pcap', le: false, nanos: false });
    expect(sniffCapture(Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1))).toEqual({ format: 'pcap', le: true, nanos: false });
    expect(sniffCapture(Uint8Array.of(0xa1, 0xb2, 0x3c, 0x4d))).toEqual({ format: 'pcap', le: false, nanos: true });
    expect(sniffCapture(Uint8Array.of(0x4d, 0x3c, 0xb2, 0xa1))).toEqual({ format: 'pcap', le: true, nanos: true });
    expect(sniffCapture(Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a))).toEqual({ format: 'pcapng' });
    expect(sniffCapture(Uint8Array.of(0x50, 0x4b, 3, 4))).toBeUndefined();
    expect(sniffCapture(Uint8Array.of(0xa1))).toBeUndefined();
  });
});

describe('classic pcap', () => {
  for (const nanos of [false, true])
    for (const littleEndian of [false, true])
      it(`reads ${nanos ? 'ns' : 'µs'} ${littleEndian ? 'little' : 'big'}-endian`, async () => {
        const file = writePcap(
          [
            { ts: 1_700_000_000_123_456_789n, data: p1 },
            { ts: 1_700_000_001_000_001_000n, data: p2, origLen: 60 },
          ],
          { nanos, littleEndian, linktype: LINKTYPE.RAW },
        );
        const { frames, error } = await readAll(file);
        expect(error).toBeUndefined();
        expect(frames.map((f) => f.no)).toEqual([1, 2]);
        expect(frames[0]!.tsNs).toBe(nanos ? 1_700_000_000_123_456_789n : 1_700_000_000_123_456_000n);
        expect(frames[0]!.ts).toBeCloseTo(1_700_000_000.123456, 5);
        expect(frames[1]!.tsNs).toBe(1_700_000_001_000_001_000n);
        expect([...frames[0]!.data]).toEqual([...p1]);
        expect(frames[1]!.origLen).toBe(60);
        expect(frames[1]!.linktype).toBe(LINKTYPE.RAW);
        expect(frames[0]!.fileOffset).toBe(24);
        expect(frames[1]!.fileOffset).toBe(24 + 16 + 5);
      });

  it('ends a truncated last record with CaptureReadError after the good frames', async () => {
    const file = writePcap([{ ts: 1, data: p1 }, { ts: 2, data: p2 }]);
    const { frames, error } = await readAll(file.subarray(0, file.length - 1));
    expect(frames).toHaveLength(1);
    expect(error).toBeInstanceOf(CaptureReadError);
    expect((error as CaptureReadError).offset).toBe(24 + 16 + 5);
    expect((error as CaptureReadError).code).toBe('M6_ERR_CAPTURE_READ');
  });

  it('reports a truncated record header and a truncated global header', async () => {
    const file = writePcap([{ ts: 1, data: p1 }]);
    const cut = new Uint8Array(file.length + 6);
    cut.set(file);
    const a = await readAll(cut);
    expect(a.frames).toHaveLength(1);
    expect((a.error as CaptureReadError).offset).toBe(file.length);
    const b = await readAll(file.subarray(0, 10));
    expect(b.error).toBeInstanceOf(CaptureReadError);
  });

  it('refuses a 4 GB caplen without allocating it', async () => {
    const file = writePcap([{ ts: 1, data: p1 }, { ts: 2, data: p2 }], { littleEndian: true });
    new DataView(file.buffer).setUint32(24 + 16 + 5 + 8, 0xfffffff0, true);
    const before = process.memoryUsage().arrayBuffers;
    const { frames, error } = await readAll(file, 4096);
    expect(frames).toHaveLength(1);
    expect(error).toBeInstanceOf(CaptureReadError);
    expect((error as CaptureReadError).offset).toBe(24 + 16 + 5);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses a bad version through the pcap-parser header check', async () => {
    const file = writePcap([{ ts: 1, data: p1 }]);
    const v = new DataView(file.buffer);
    v.setUint16(4, 7, true);
    v.setUint16(6, 9, true);
    const { frames, error } = await readAll(file);
    expect(frames).toHaveLength(0);
    expect(error).toBeInstanceOf(CaptureFormatError);
  });
});

describe('garbage input', () => {
  it('throws CaptureFormatError before any frame', async () => {
    const { frames, error } = await readAll(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'));
    expect(frames).toHaveLength(0);
    expect(error).toBeInstanceOf(CaptureFormatError);
    expect((error as CaptureFormatError).code).toBe('M6_ERR_CAPTURE_FORMAT');
    expect(String((error as Error).message)).toContain('47455420');
  });
  it('throws CaptureFormatError on empty input', async () => {
    const { error } = await readAll(new Uint8Array(0));
    expect(error).toBeInstanceOf(CaptureFormatError);
  });
  it('turns a missing file into CaptureReadError', async () => {
    await expect(collect(openCapture('/nonexistent/x.pcap'))).rejects.toBeInstanceOf(CaptureReadError);
  });
});

// --- pcapng built block by block, to reach what our writer never writes ---
function block(type: number, body: Uint8Array, le: boolean): Uint8Array {
  const len = 12 + ((body.length + 3) & ~3);
  const b = new Uint8Array(len);
  const v = new DataView(b.buffer);
  v.setUint32(0, type, le);
  v.setUint32(4, len, le);
  b.set(body, 8);
  v.setUint32(len - 4, len, le);
  return b;
}
function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
function w16(v: number, le: boolean): Uint8Array {
  const b = new Uint8Array(2);
  new DataView(b.buffer).setUint16(0, v, le);
  return b;
}
function w32(v: number, le: boolean): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, v >>> 0, le);
  return b;
}
const shb = (le: boolean): Uint8Array =>
  block(0x0a0d0d0a, concat([w32(0x1a2b3c4d, le), w16(1, le), w16(0, le), new Uint8Array(8).fill(0xff)]), le);
function idb(le: boolean, linktype: number, snaplen: number, opts: Uint8Array[] = []): Uint8Array {
  return block(1, concat([w16(linktype, le), w16(0, le), w32(snaplen, le), ...opts, w32(0, le)]), le);
}
function opt(code: number, val: Uint8Array, le: boolean): Uint8Array {
  return concat([w16(code, le), w16(val.length, le), val, new Uint8Array(((val.length + 3) & ~3) - val.length)]);
}
function epb(le: boolean, iface: number, ticks: bigint, data: Uint8Array, origLen = data.length): Uint8Array {
  return block(6, concat([w32(iface, le), w32(Number(ticks >> 32n), le), w32(Number(ticks & 0xffffffffn), le), w32(data.length, le), w32(origLen, le), data]), le);
}
const spb = (le: boolean, data: Uint8Array, origLen = data.length): Uint8Array => block(3, concat([w32(origLen, le), data]), le);

describe('pcapng', () => {
  for (const le of [true, false])
    it(`reads two interfaces of different link types, SPB and skipped blocks (${le ? 'LE' : 'BE'})`, async () => {
      const tsoff = new Uint8Array(8);
      new DataView(tsoff.buffer).setBigInt64(0, 100n, le);
      const file = concat([
        shb(le),
        idb(le, LINKTYPE.ETHERNET, 4), // snaplen 4: SPB data is cut to 4
        idb(le, LINKTYPE.RAW, 0, [opt(9, Uint8Array.of(0x80 | 10), le), opt(14, tsoff, le)]), // 2^-10 s, +100 s
        block(0x0bad, Uint8Array.of(1, 2, 3, 4), le), // custom block
        block(0x12345, new Uint8Array(20), le), // unknown block
        block(5, new Uint8Array(16), le), // ISB
        epb(le, 0, 1_500_000_000_250_000n, p1), // µs default
        epb(le, 1, 3n * 1024n + 512n, p2), // 3.5 s in 2^-10 units
        spb(le, p1, 5),
        block(4, new Uint8Array(8), le), // NRB
      ]);
      const { frames, error } = await readAll(file, 5);
      expect(error).toBeUndefined();
      expect(frames.map((f) => [f.no, f.iface, f.linktype])).toEqual([
        [1, 0, LINKTYPE.ETHERNET],
        [2, 1, LINKTYPE.RAW],
        [3, 0, LINKTYPE.ETHERNET],
      ]);
      expect(frames[0]!.tsNs).toBe(1_500_000_000_250_000_000n);
      expect(frames[0]!.ts).toBeCloseTo(1_500_000_000.25, 5);
      expect(frames[1]!.tsNs).toBe(103_500_000_000n);
      expect(frames[1]!.ts).toBeCloseTo(103.5, 9);
      expect([...frames[1]!.data]).toEqual([...p2]);
      expect([...frames[2]!.data]).toEqual([1, 2, 3, 4]);
      expect(frames[2]!.origLen).toBe(5);
    });

  it('handles a second section in the other byte order (interfaces renumbered)', async () => {
    const file = concat([shb(true), idb(true, 1, 0), epb(true, 0, 1n, p1), shb(false), idb(false, 101, 0), epb(false, 0, 2n, p2)]);
    const { frames, error } = await readAll(file, 3);
    expect(error).toBeUndefined();
    expect(frames.map((f) => [f.iface, f.linktype, f.tsNs])).toEqual([[0, 1, 1000n], [1, 101, 2000n]]);
  });

  it('applies decimal if_tsresol (ns)', async () => {
    const file = concat([shb(true), idb(true, 1, 0, [opt(9, Uint8Array.of(9), true)]), epb(true, 0, 1_234_567_891n, p1)]);
    const { frames } = await readAll(file);
    expect(frames[0]!.tsNs).toBe(1_234_567_891n);
  });

  it('checks block lengths: not a multiple of 4, trailer mismatch, over 16 MiB, truncated', async () => {
    const good = concat([shb(true), idb(true, 1, 0), epb(true, 0, 1n, p1)]);
    const at = shb(true).length + idb(true, 1, 0).length;
    const cases: [string, (b: Uint8Array) => Uint8Array][] = [
      ['odd', (b) => { new DataView(b.buffer).setUint32(at + 4, 42, true); return b; }],
      ['trailer', (b) => { new DataView(b.buffer).setUint32(b.length - 4, 36, true); return b; }],
      ['huge', (b) => { new DataView(b.buffer).setUint32(at + 4, 0xfffffffc, true); return b; }],
      ['truncated', (b) => b.subarray(0, b.length - 2)],
    ];
    for (const [name, mutate] of cases) {
      const { frames, error } = await readAll(mutate(good.slice()));
      expect(frames, name).toHaveLength(0);
      expect(error, name).toBeInstanceOf(CaptureReadError);
      expect((error as CaptureReadError).offset, name).toBe(at);
    }
  });

  it('refuses a packet on an undescribed interface and a caplen that overruns its block', async () => {
    const a = await readAll(concat([shb(true), idb(true, 1, 0), epb(true, 3, 1n, p1)]));
    expect(a.error).toBeInstanceOf(CaptureReadError);
    const bad = epb(true, 0, 1n, p1);
    new DataView(bad.buffer).setUint32(20, 999, true);
    const b = await readAll(concat([shb(true), idb(true, 1, 0), epb(true, 0, 1n, p2), bad]));
    expect(b.frames).toHaveLength(1);
    expect(b.error).toBeInstanceOf(CaptureReadError);
  });

  it('round-trips our writer in both byte orders, one IDB per link type', async () => {
    for (const littleEndian of [true, false]) {
      const file = encodePcapng(
        [
          { ts: 1_700_000_000_000_000_001n, linktype: LINKTYPE.ETHERNET, data: p1 },
          { ts: 1.5, linktype: LINKTYPE.RAW, data: p2 },
          { ts: 2n, linktype: LINKTYPE.ETHERNET, data: p2 },
        ],
        { littleEndian },
      );
      const { frames, error } = await readAll(file, 11);
      expect(error).toBeUndefined();
      expect(frames.map((f) => [f.iface, f.linktype, f.tsNs])).toEqual([
        [0, 1, 1_700_000_000_000_000_001n],
        [1, 101, 1_500_000_000n],
        [0, 1, 2n],
      ]);
    }
  });
});

describe('stdin and files', () => {
  it("reads '-' from process.stdin", async () => {
    const file = writePcap([{ ts: 1, data: p1 }, { ts: 2, data: p2 }]);
    const desc = Object.getOwnPropertyDescriptor(process, 'stdin')!;
    Object.defineProperty(process, 'stdin', { value: pieces(file, 9), configurable: true });
    try {
      const frames = await collect(openCapture('-'));
      expect(frames.map((f) => f.data.length)).toEqual([5, 3]);
    } finally {
      Object.defineProperty(process, 'stdin', desc);
    }
  });

  it('reads capture bytes piped out of a child process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mip6-stdin-'));
    try {
      const path = join(dir, 'in.pcap');
      writeFileSync(path, writePcap([{ ts: 1, data: p1 }, { ts: 2, data: p2 }]));
      // the child only relays the bytes; they come back to us through a pipe, as stdin would
      const child = spawn('cat', [path], { stdio: ['ignore', 'pipe', 'inherit'] });
      const frames = await collect(openCaptureStream(child.stdout, 'cat'));
      expect(frames.map((f) => [f.no, f.data.length])).toEqual([[1, 5], [2, 3]]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('streams a ~50 MB pcap with flat memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mip6-cap-'));
    const path = join(dir, 'big.pcap');
    try {
      const fd = openSync(path, 'w');
      writeSync(fd, writePcap([], { linktype: LINKTYPE.ETHERNET }));
      const frame = buildUdp({ src: '2001:db8::1', dst: '2001:db8::2', sport: 546, dport: 547, payload: new Uint8Array(1000) });
      const one = writePcap([{ ts: 1, data: frame }]).subarray(24);
      const batch = new Uint8Array(one.length * 1000);
      for (let i = 0; i < 1000; i++) batch.set(one, i * one.length);
      let size = 0;
      while (size < 50 * 1024 * 1024) size += writeSync(fd, batch);
      closeSync(fd);
      const count = Math.floor(size / one.length);
      global.gc?.();
      const before = process.memoryUsage().heapUsed;
      const beforeBuf = process.memoryUsage().arrayBuffers;
      let n = 0;
      let peak = 0;
      let peakBuf = 0;
      for await (const f of openCapture(path)) {
        n++;
        if (f.data.length !== frame.length) throw new Error('bad frame');
        if ((n & 4095) === 0) {
          const m = process.memoryUsage();
          peak = Math.max(peak, m.heapUsed - before);
          peakBuf = Math.max(peakBuf, m.arrayBuffers - beforeBuf);
        }
      }
      expect(n).toBe(count);
      expect(peak).toBeLessThan(30 * 1024 * 1024);
      expect(peakBuf).toBeLessThan(30 * 1024 * 1024);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('PcapngWriter against tshark', () => {
  const have = spawnSync('tshark', ['-v']).status === 0;
  const skip = !have && !process.env.CI;
  it.skipIf(skip)('tshark reads our pcapng: frame numbers, IPv6 source, UDP port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mip6-ts-'));
    const path = join(dir, 'w.pcapng');
    try {
      const w = PcapngWriter.toFile(path);
      w.write({ ts: 1.25, linktype: LINKTYPE.ETHERNET, data: buildUdp({ src: '2001:db8::1', dst: 'ff02::1:2', sport: 546, dport: 547, payload: p1 }) });
      w.write({ ts: 2n * 1_000_000_000n, linktype: LINKTYPE.RAW, data: buildUdp({ src: 'fe80::a', dst: '2001:db8::2', sport: 547, dport: 546, payload: p2, linktype: LINKTYPE.RAW }) });
      await w.close();
      const r = spawnSync('tshark', ['-r', path, '-T', 'fields', '-e', 'frame.number', '-e', 'ipv6.src', '-e', 'udp.dstport', '-e', 'frame.time_epoch'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const rows = r.stdout.trim().split('\n').map((l) => l.split('\t'));
      expect(rows.map((x) => x.slice(0, 3))).toEqual([['1', '2001:db8::1', '547'], ['2', 'fe80::a', '546']]);
      expect(Number(rows[0]![3])).toBeCloseTo(1.25, 6);
      const ours = await collect(openCapture(path));
      expect(ours.map((f) => f.linktype)).toEqual([1, 101]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
