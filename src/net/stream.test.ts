import { describe, expect, it } from 'vitest';
import type { Frame } from '../capture/frame.js';
import { LINKTYPE } from '../capture/frame.js';
import type { StreamData } from './packet.js';
import { NetDecoder } from './decode.js';
import { buildSctpData, buildTcp } from './build.js';
import { decodeSctp, sctpChecksum, type SctpStreamData } from './sctp.js';

let no = 0;
function frame(data: Uint8Array, ts = 1): Frame {
  no++;
  return { no, ts, tsNs: 0n, iface: 0, linktype: LINKTYPE.ETHERNET, data, origLen: data.length, fileOffset: no * 100 };
}
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (s: StreamData): string => s.chunks.map((c) => new TextDecoder().decode(c.data)).join('');

const C = { src: '2001:db8::1', sport: 40000 };
const S = { src: '2001:db8::2', sport: 3868 };
function seg(from: typeof C, to: typeof S, seq: number, data: string, flags = 'PA', ts = 1): Frame {
  return frame(buildTcp({ src: from.src, dst: to.src, sport: from.sport, dport: to.sport, seq, ack: 1, flags, payload: bytes(data) }), ts);
}
function feed(d: NetDecoder, frames: Frame[]): StreamData[] {
  return frames.flatMap((f) => d.push(f).streams);
}

describe('TCP reassembly', () => {
  it('delivers a split message in order after the handshake, one chunk per segment with its frame', () => {
    const d = new NetDecoder();
    const fs = [seg(C, S, 999, '', 'S'), seg(S, C, 4999, '', 'SA'), seg(C, S, 1000, 'hello '), seg(C, S, 1006, 'world')];
    const out = feed(d, fs);
    expect(out.map(text)).toEqual(['hello ', 'world']);
    expect(out[0]!.chunks[0]!.frame).toBe(fs[2]!.no);
    expect(out[1]!.chunks[0]!.frame).toBe(fs[3]!.no);
    expect(out[0]!.conn).toBe('[2001:db8::1]:40000|[2001:db8::2]:3868');
    expect(out[0]).toMatchObject({ transport: 'tcp', src: { addr: '2001:db8::1', port: 40000 }, dst: { port: 3868 } });
  });

  it('keys both directions to the same connection', () => {
    const d = new NetDecoder();
    const out = feed(d, [seg(C, S, 1, 'req'), seg(S, C, 9, 'ans')]);
    expect(out.map(text)).toEqual(['req', 'ans']);
    expect(out[0]!.conn).toBe(out[1]!.conn);
  });

  it('delivers two messages coalesced in one segment as one chunk', () => {
    const out = feed(new NetDecoder(), [seg(C, S, 1, 'AAAABBBB')]);
    expect(out).toHaveLength(1);
    expect(out[0]!.chunks).toHaveLength(1);
    expect(text(out[0]!)).toBe('AAAABBBB');
  });

  it('drops retransmissions and keeps only the new part of a partial overlap', () => {
    const out = feed(new NetDecoder(), [seg(C, S, 1, 'abc'), seg(C, S, 1, 'abc'), seg(C, S, 2, 'bcdef'), seg(C, S, 4, 'de')]);
    expect(out.map(text)).toEqual(['abc', 'def']);
  });

  it('buffers out-of-order segments until the hole fills', () => {
    const d = new NetDecoder();
    const a = seg(C, S, 1, 'one-');
    const b = seg(C, S, 5, 'two-');
    const c = seg(C, S, 9, 'three');
    expect(d.push(a).streams.map(text)).toEqual(['one-']);
    expect(d.push(c).streams).toEqual([]);
    const filled = d.push(b).streams;
    expect(filled).toHaveLength(1);
    expect(text(filled[0]!)).toBe('two-three');
    expect(filled[0]!.chunks.map((x) => x.frame)).toEqual([b.no, c.no]);
    expect(filled[0]!.gap).toBeUndefined();
  });

  it('starts mid-stream at the first segment seen', () => {
    const out = feed(new NetDecoder(), [seg(C, S, 123456789, 'middle'), seg(C, S, 123456789 - 10, 'earlier-da')]);
    expect(out.map(text)).toEqual(['middle']);
  });

  it('handles sequence number wrap-around', () => {
    const out = feed(new NetDecoder(), [seg(C, S, 0xfffffffe, 'ab'), seg(C, S, 0, 'cd')]);
    expect(out.map(text)).toEqual(['ab', 'cd']);
  });

  it('delivers after a long-lasting hole with gap = true', () => {
    const d = new NetDecoder({ holeTimeout: 5 });
    const out = feed(d, [seg(C, S, 1, 'aa', 'PA', 1), seg(C, S, 10, 'after', 'PA', 2), seg(C, S, 15, 'more', 'PA', 8)]);
    expect(out.map(text)).toEqual(['aa', 'aftermore']);
    expect(out[1]!.gap).toBe(true);
  });

  it('flush delivers what waits behind a hole with gap = true', () => {
    const d = new NetDecoder();
    feed(d, [seg(C, S, 1, 'aa'), seg(C, S, 10, 'late')]);
    const f = d.flush().streams;
    expect(f.map(text)).toEqual(['late']);
    expect(f[0]!.gap).toBe(true);
  });

  it('gives up a hole when the out-of-order buffer is full', () => {
    const d = new NetDecoder({ streamBuffer: 8 });
    const out = feed(d, [seg(C, S, 1, 'a'), seg(C, S, 100, '12345'), seg(C, S, 105, '6789')]);
    expect(out.map((s) => [text(s), s.gap ?? false])).toEqual([['a', false], ['123456789', true]]);
  });

  it('marks FIN (after the last byte, even when FIN came early) and RST', () => {
    const d = new NetDecoder();
    const fin = feed(d, [seg(C, S, 1, 'ab'), seg(C, S, 5, 'ef', 'FA'), seg(C, S, 3, 'cd')]);
    expect(fin.map(text).join('')).toBe('abcdef');
    expect(fin.at(-1)!.closed).toBe('fin');
    expect(fin.slice(0, -1).every((s) => !s.closed)).toBe(true);
    const rst = feed(d, [seg(S, C, 50, 'x'), seg(S, C, 51, '', 'R')]);
    expect(rst.at(-1)).toMatchObject({ closed: 'rst' });
  });

  it('restarts a direction on a new SYN after close (port reuse)', () => {
    const d = new NetDecoder();
    feed(d, [seg(C, S, 1, 'old', 'FA'), seg(S, C, 1, '', 'FA')]);
    const out = feed(d, [seg(C, S, 7000, '', 'S'), seg(C, S, 7001, 'new')]);
    expect(out.map(text)).toEqual(['new']);
  });
});

describe('SCTP', () => {
  const A = { src: '192.0.2.1', dst: '192.0.2.2', sport: 3868, dport: 3868 };
  it('delivers DATA chunks with ppid, per stream, and drops retransmitted TSNs', () => {
    const d = new NetDecoder({ verifyChecksums: true });
    const f1 = frame(buildSctpData({ ...A, chunks: [{ tsn: 10, sid: 0, ppid: 46, payload: bytes('cer') }, { tsn: 11, sid: 1, ppid: 46, payload: bytes('dwr') }] }));
    const f2 = frame(buildSctpData({ ...A, tsn: 10, sid: 0, ppid: 46, payload: bytes('cer') }));
    const r1 = d.push(f1);
    expect(r1.issues).toEqual([]);
    const out = [...r1.streams, ...d.push(f2).streams] as SctpStreamData[];
    expect(out.map((s) => [text(s), s.ppid, s.sid, s.transport])).toEqual([['cer', 46, 0, 'sctp'], ['dwr', 46, 1, 'sctp']]);
    expect(out[0]!.conn).toBe('192.0.2.1:3868|192.0.2.2:3868#0');
    expect(out[0]!.chunks[0]!.frame).toBe(f1.no);
  });

  it('orders by TSN across packets', () => {
    const d = new NetDecoder();
    const fs = [1, 3, 2].map((tsn) => frame(buildSctpData({ ...A, tsn, ppid: 47, payload: bytes(`m${tsn}`) })));
    const out = fs.flatMap((f) => d.push(f).streams);
    expect(out.map(text)).toEqual(['m1', 'm2m3']);
  });

  it('reports a bad chunk length and a bad CRC when asked', () => {
    const f = buildSctpData({ ...A, tsn: 1, ppid: 46, payload: bytes('abcd') });
    const ip = 14 + 20;
    const sctp = f.subarray(ip);
    expect(sctpChecksum(sctp)).toBe(new DataView(sctp.buffer, sctp.byteOffset).getUint32(8));
    f[ip + 12 + 3] = 200; // chunk length past the packet
    const r = new NetDecoder({ verifyChecksums: true }).push(frame(f));
    expect(r.issues.map((i) => i.code).sort()).toEqual(['net.sctp.bad-checksum', 'net.sctp.bad-chunk-length']);
    expect(r.streams).toEqual([]);
    const p = decodeSctp(sctp, 0, sctp.length, { no: 1, fileOffset: 0, ts: 0, snapped: false }, []);
    expect(p?.data).toEqual([]);
  });
});
