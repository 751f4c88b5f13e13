// The pipeline hands decoders views into larger buffers (a UDP payload inside a frame inside a capture chunk).
// A decoder must read only its view: decoding a subarray with garbage around it gives the same issues and re-encodes
// to the same bytes as decoding a fresh copy.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDhcpv6, encodeDhcpv6 } from '../../../src/proto/dhcpv6/index.js';
import { decodePana, encodePana } from '../../../src/proto/pana/message.js';
import { decodeMipv4, encodeMipv4 } from '../../../src/proto/mipv4/message.js';
import { decodeMh, encodeMh } from '../../../src/proto/mh/message.js';
import { decodeIke, encodeIke } from '../../../src/proto/ikev2/message.js';
import { decodeDiameter, encodeDiameter } from '../../../src/proto/diameter/index.js';
import { check, hex, hostile, TIMEOUT } from '../support.js';
import { tree } from './dhcpv6.js';
import { panaArb } from './pana.js';
import { mipv4Arb } from './mipv4.js';
import { mhArb } from './mh.js';
import { ikeArb } from './ikev2.js';
import { diameterArb } from './diameter.js';

type Codec = { name: string; decode: (b: Uint8Array) => { value: unknown; issues: unknown[] }; encode: (v: never) => Uint8Array; seeds: fc.Arbitrary<Uint8Array> };

const CODECS: Codec[] = [
  { name: 'dhcpv6', decode: decodeDhcpv6, encode: encodeDhcpv6 as Codec['encode'], seeds: tree.message.map((m) => encodeDhcpv6(m)) },
  { name: 'pana', decode: decodePana, encode: encodePana as Codec['encode'], seeds: panaArb.map(encodePana) },
  { name: 'mipv4', decode: decodeMipv4, encode: encodeMipv4 as Codec['encode'], seeds: mipv4Arb.map(encodeMipv4) },
  { name: 'mh', decode: decodeMh, encode: encodeMh as Codec['encode'], seeds: mhArb.map(encodeMh) },
  { name: 'ikev2', decode: decodeIke, encode: encodeIke as Codec['encode'], seeds: ikeArb.map(encodeIke) },
  { name: 'diameter', decode: decodeDiameter, encode: encodeDiameter as Codec['encode'], seeds: diameterArb.map(encodeDiameter) },
];

describe('decoders read only their view of a larger buffer', () => {
  for (const c of CODECS) {
    it(`${c.name}: subarray with garbage around decodes as a fresh copy`, () => {
      const arb = fc.tuple(hostile(c.seeds), fc.uint8Array({ minLength: 1, maxLength: 40 }), fc.uint8Array({ minLength: 1, maxLength: 40 }));
      check(arb, ([b, before, after]) => {
        const big = new Uint8Array(before.length + b.length + after.length);
        big.set(before);
        big.set(b, before.length);
        big.set(after, before.length + b.length);
        const view = big.subarray(before.length, before.length + b.length);
        const fresh = c.decode(b.slice());
        const inView = c.decode(view);
        expect(inView.issues).toEqual(fresh.issues);
        if (c.name !== 'diameter' || b.length >= 20) expect(hex(c.encode(inView.value as never))).toBe(hex(b));
      });
    }, TIMEOUT);
  }
});
