// Diameter (RFC 6733 §3 header, §4.1 AVPs, §2.1 stream framing) codec properties. src/proto/diameter belongs to a
// teammate: failures found here are reported with a reproduction, not fixed here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AVPF, avp, createFramer, decodeDiameter, defaultDictionary, diameterMessage, encodeDiameter, sampleMessages,
  type DiameterAvp, type DiameterMessage,
} from '../../../src/proto/diameter/index.js';
import { check, count, expectIssues, hex, hostile, TIMEOUT, without } from '../support.js';

const dict = defaultDictionary();
const DECODE_ONLY = new Set(['raw', 'length', 'data', 'name', 'type', 'enumName']);
const u32 = fc.integer({ min: 0, max: 0xffffffff });

/** an AVP the dictionary does not know: its value stays bytes */
const unknownAvp: fc.Arbitrary<DiameterAvp> = fc
  .record({ code: u32, vendorId: fc.option(u32.filter((v) => v !== 0), { nil: undefined }), flags: fc.integer({ min: 0, max: 255 }), data: fc.uint8Array({ maxLength: 30 }) })
  .filter(({ code, vendorId }) => dict.avp(code, vendorId ?? 0) === undefined)
  .map(({ code, vendorId, flags, data }) =>
    vendorId === undefined ? avp(code, data, { flags: flags & ~AVPF.V }) : avp(code, data, { flags: flags | AVPF.V, vendorId }));

/** unknown AVPs, some inside MIP6-Agent-Info (a known Grouped AVP), some inside a group inside a group */
const avps = fc.letrec<{ avp: DiameterAvp; list: DiameterAvp[] }>((tie) => ({
  avp: fc.oneof({ depthSize: 'small' }, unknownAvp, tie('list').map((l) => avp('MIP6-Agent-Info', l))),
  list: fc.array(tie('avp'), { maxLength: 4 }),
}));

const SAMPLES = Object.values(sampleMessages());
export const diameterArb: fc.Arbitrary<DiameterMessage> = fc.oneof(
  fc.record({ code: fc.integer({ min: 0, max: 0xffffff }), flags: fc.integer({ min: 0, max: 0xf0 }), app: u32, h: u32, e: u32, list: avps.list })
    .map(({ code, flags, app, h, e, list }) => diameterMessage(code, list, { flags, applicationId: app, hopByHop: h, endToEnd: e })),
  fc.tuple(fc.constantFrom(...SAMPLES), avps.list).map(([m, extra]) => ({ ...m, avps: [...m.avps, ...extra] })),
);

const seeds = diameterArb.map(encodeDiameter);
// Message Length (1, 3 octets), first AVP Length (25, 3 octets)
const LENGTHS = [{ at: 1, size: 3 }, { at: 25, size: 3 }, { at: 33, size: 3 }] as const;

describe('Diameter properties', () => {
  it('decode(encode(x)) equals x for built messages (unknown AVPs, nested groups, samples)', () => {
    check(diameterArb, (m) => {
      const b = encodeDiameter(m);
      const d = decodeDiameter(b);
      expect(d.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(without(d.value, DECODE_ONLY)).toEqual(without({ ...m, length: b.length }, DECODE_ONLY));
      expect(hex(encodeDiameter(d.value))).toBe(hex(b));
    });
  }, TIMEOUT);

  it('encode(decode(bytes)) === bytes for any and mutated bytes of at least a header', () => {
    check(hostile(seeds, LENGTHS).filter((b) => b.length >= 20), (b) => {
      expect(hex(encodeDiameter(decodeDiameter(b).value))).toBe(hex(b));
    });
  }, TIMEOUT);

  it('hostile bytes never throw; issues are typed with offsets inside the buffer', () => {
    check(hostile(seeds, LENGTHS), (b) => expectIssues(decodeDiameter(b).issues, b.length));
  }, TIMEOUT);

  // FOUND (src/proto/diameter/message.ts, not ours to fix): a datagram shorter than the 20-octet header decodes with
  // `trailing` = the input but encodes as 20 zero octets + trailing, so it does not re-encode byte for byte.
  it('encode(decode(bytes)) === bytes for inputs shorter than a header (e.g. 01000014)', () => {
    const b = Uint8Array.from([0x01, 0x00, 0x00, 0x14]);
    expect(hex(encodeDiameter(decodeDiameter(b).value))).toBe(hex(b));
  });

  // the first message of a stream must look like Diameter (framing.ts plausible(): command ≥ 256 …), so streams start with a sample
  const stream = fc.tuple(fc.constantFrom(...SAMPLES).map(encodeDiameter), fc.array(seeds, { maxLength: 3 })).map(([a, rest]) => [a, ...rest]);

  it('the stream framer gives back the messages whatever the segmentation', () => {
    check(fc.tuple(stream, fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 })), ([msgs, cuts]) => {
      const stream = Buffer.concat(msgs);
      const f = createFramer();
      const got: string[] = [];
      let at = 0;
      for (let i = 0; at < stream.length; i++) {
        const n = cuts[i % cuts.length]!;
        for (const m of f.push({ frame: i + 1, ts: i, data: new Uint8Array(stream.subarray(at, at + n)) })) got.push(hex(m.bytes));
        at += n;
      }
      const end = f.end();
      for (const m of end.messages) got.push(hex(m.bytes));
      expect(got).toEqual(msgs.map(hex));
    });
  }, TIMEOUT);

  it('the stream framer never throws on hostile streams and its issues are typed', () => {
    check(fc.array(fc.tuple(hostile(seeds, LENGTHS), fc.boolean()), { minLength: 1, maxLength: 6 }), (chunks) => {
      const f = createFramer();
      let total = 0;
      chunks.forEach(([data, gap], i) => {
        total += data.length;
        for (const m of f.push({ frame: i + 1, ts: i, data }, gap && i > 0)) expectIssues(m.issues, total);
      });
      expectIssues(f.end().issues, total);
    });
  }, TIMEOUT);

  it('a stream claiming a 2^24-1 octet message does not buffer it', () => {
    const f = createFramer();
    const head = Uint8Array.from([1, 0xff, 0xff, 0xff, 0x80, 0, 1, 0x01, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
    const before = process.memoryUsage().arrayBuffers;
    const codes: string[] = [];
    for (let i = 0; i < 2000; i++) {
      for (const m of f.push({ frame: i + 1, ts: i, data: i === 0 ? head : new Uint8Array(64) })) codes.push(...m.issues.map((x) => x.code));
    }
    codes.push(...f.end().issues.map((x) => x.code));
    count();
    expect(codes).toContain('diameter.framing.oversize');
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(8 * 1024 * 1024);
  });

  // FOUND (src/proto/diameter/framing.ts resync(): every push rescans all pending octets to skip the ones already
  // scanned, so an out-of-sync stream held behind a candidate header claiming ~1 MiB costs O(n²) in the number of
  // pending pieces): 20 000 one-octet TCP segments take ~3 s, 100 000 over a minute. Linear would be a few ms.
  it('an out-of-sync stream of 30 000 one-octet chunks is framed in linear time', () => {
    const f = createFramer();
    // 2 garbage octets, then a plausible AAR header claiming 1 MiB - 4 whose first AVP header is sane
    const head = Uint8Array.from([0xde, 0xad, 1, 0x0f, 0xff, 0xfc, 0x80, 0, 1, 9, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 7, 0x40, 0, 0, 8]);
    const t0 = performance.now();
    f.push({ frame: 1, ts: 0, data: head });
    for (let i = 0; i < 30_000; i++) f.push({ frame: i + 2, ts: 0, data: Uint8Array.of(0) });
    count();
    expect(performance.now() - t0).toBeLessThan(1000);
  }, TIMEOUT);
});
