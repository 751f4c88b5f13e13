import { describe, expect, it } from 'vitest';
import { toHex } from '../../wire/codec.js';
import type { FramedMessage } from '../module.js';
import { DiameterFramer, looksLikeTls } from './framing.js';
import { encodeDiameter } from './message.js';
import { sampleMessages } from './samples.js';

const s = sampleMessages();
const cer = encodeDiameter(s.cer!);
const cea = encodeDiameter(s.cea!);
const dwr = encodeDiameter(s.dwr!);
const aar = encodeDiameter(s['aar-mip6']!);
const cat = (...bs: Uint8Array[]) => {
  const out = new Uint8Array(bs.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of bs) {
    out.set(b, at);
    at += b.length;
  }
  return out;
};
const run = (f: DiameterFramer, parts: Uint8Array[], gapAt = -1) => {
  const out: FramedMessage[] = [];
  parts.forEach((data, i) => out.push(...f.push({ frame: i + 1, ts: i, data }, i === gapAt)));
  const end = f.end();
  return { msgs: [...out, ...end.messages], endIssues: end.issues };
};

describe('DiameterFramer', () => {
  it('one message split over many segments: frames lists them all, frame is the last', () => {
    const parts = [cer.subarray(0, 3), cer.subarray(3, 19), cer.subarray(19, 100), cer.subarray(100)];
    const { msgs, endIssues } = run(new DiameterFramer(), parts);
    expect(msgs.length).toBe(1);
    expect(toHex(msgs[0]!.bytes)).toBe(toHex(cer));
    expect(msgs[0]!.frames).toEqual([1, 2, 3, 4]);
    expect(msgs[0]!.frame).toBe(4);
    expect(msgs[0]!.issues).toEqual([]);
    expect(endIssues).toEqual([]);
  });

  it('several messages in one chunk, the last one continuing in the next', () => {
    const all = cat(cer, cea, dwr, aar);
    const cut = cer.length + cea.length + dwr.length + 10;
    const { msgs } = run(new DiameterFramer(), [all.subarray(0, cut), all.subarray(cut)]);
    expect(msgs.map((m) => toHex(m.bytes))).toEqual([cer, cea, dwr, aar].map(toHex));
    expect(msgs.map((m) => m.frames)).toEqual([[1], [1], [1], [1, 2]]);
    // a message inside one chunk is a view, not a copy
    expect(msgs[1]!.bytes.buffer).toBe(all.buffer);
  });

  it('a stream that starts mid-message resynchronises on the next plausible header', () => {
    const stream = cat(cer.subarray(37), cea, dwr);
    const { msgs } = run(new DiameterFramer(), [stream.subarray(0, 50), stream.subarray(50)]);
    expect(msgs.map((m) => toHex(m.bytes))).toEqual([cea, dwr].map(toHex));
    expect(msgs[0]!.issues.map((i) => i.code)).toEqual(['diameter.framing.bad-header', 'diameter.framing.resync']);
    expect(msgs[0]!.issues[1]!.actual).toBe(cer.length - 37);
  });

  it('garbage that contains version-1 octets does not fool the resync', () => {
    const junk = new Uint8Array(64).fill(1);
    junk[3] = 0x20;
    const { msgs } = run(new DiameterFramer(), [cat(junk, dwr, cea)]);
    expect(msgs.map((m) => toHex(m.bytes))).toEqual([dwr, cea].map(toHex));
  });

  it('a gap drops the partial message and resyncs', () => {
    const f = new DiameterFramer();
    const parts = [cat(cer, cea.subarray(0, 30)), cat(aar.subarray(100), dwr, cea)];
    const { msgs } = run(f, parts, 1);
    expect(msgs.map((m) => toHex(m.bytes))).toEqual([cer, dwr, cea].map(toHex));
    expect(msgs[1]!.issues.map((i) => i.code)).toEqual(['diameter.framing.gap', 'diameter.framing.resync']);
    expect(msgs[1]!.issues[1]!.actual).toBe(aar.length - 100);
    expect(msgs[1]!.frames).toEqual([2]);
  });

  it('a gap at a message boundary loses nothing', () => {
    const { msgs } = run(new DiameterFramer(), [cer, cat(cea, dwr)], 1);
    expect(msgs.map((m) => toHex(m.bytes))).toEqual([cer, cea, dwr].map(toHex));
  });

  it('oversize claim (16 MB) is never buffered: issue and resync', () => {
    const big = dwr.slice();
    big[1] = 0xff; // length 0xff00xx
    const f = new DiameterFramer({ maxLength: 1 << 20 });
    const out = f.push({ frame: 1, ts: 0, data: cat(big, cea) });
    expect(out.map((m) => toHex(m.bytes))).toEqual([toHex(cea)]);
    expect(out[0]!.issues[0]).toMatchObject({ code: 'diameter.framing.oversize', offset: 0, actual: 0xff0000 | dwr[3]! });
    // a header alone claiming 16 MB, then nothing: nothing is kept waiting for it
    const g = new DiameterFramer();
    expect(g.push({ frame: 1, ts: 0, data: big.subarray(0, 20) })).toEqual([]);
    const end = g.end();
    expect(end.issues.map((i) => i.code)).toContain('diameter.framing.oversize');
    expect(end.issues.map((i) => i.code)).not.toContain('diameter.framing.incomplete');
  });

  it('limit is configurable', () => {
    const f = new DiameterFramer({ maxLength: 100 });
    const out = [...f.push({ frame: 1, ts: 0, data: cat(cer, dwr) })];
    expect(out.map((m) => toHex(m.bytes))).toEqual([toHex(dwr)]);
  });

  it('a stream ending inside a message is reported by end()', () => {
    const f = new DiameterFramer();
    expect(f.push({ frame: 1, ts: 0, data: cer.subarray(0, 50) })).toEqual([]);
    expect(f.end().issues).toEqual([expect.objectContaining({ code: 'diameter.framing.incomplete', actual: 50 })]);
  });

  it('byte-at-a-time delivery of a long stream stays linear and exact', () => {
    const msgs = Array.from({ length: 200 }, (_, i) => (i % 2 ? aar : cer));
    const stream = cat(...msgs);
    const f = new DiameterFramer();
    const out: FramedMessage[] = [];
    const t0 = performance.now();
    for (let i = 0; i < stream.length; i++) out.push(...f.push({ frame: i + 1, ts: 0, data: stream.subarray(i, i + 1) }));
    expect(out.length).toBe(200);
    expect(toHex(out[199]!.bytes)).toBe(toHex(aar));
    expect(out[1]!.frames.length).toBe(aar.length);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('a version-2 first message with a sane length is still framed (the decoder reports the version)', () => {
    const v2 = dwr.slice();
    v2[0] = 2;
    const { msgs } = run(new DiameterFramer(), [cat(v2, cea)]);
    expect(msgs.map((m) => toHex(m.bytes))).toEqual([v2, cea].map(toHex));
  });
});

describe('looksLikeTls', () => {
  it('recognises a TLS handshake record and not a Diameter header', () => {
    expect(looksLikeTls(new Uint8Array([0x16, 0x03, 0x01, 0x02, 0x00, 0x01]))).toBe(true);
    expect(looksLikeTls(new Uint8Array([0x16, 0x03, 0x03]))).toBe(true);
    expect(looksLikeTls(cer)).toBe(false);
    expect(looksLikeTls(new Uint8Array([0x16, 0x03, 0x09, 0, 1]))).toBe(false);
    expect(looksLikeTls(new Uint8Array([0x17, 0x03, 0x03, 0, 1]))).toBe(false);
  });
});
