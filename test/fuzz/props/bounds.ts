// No allocation by claimed length, no stack exhaustion by nesting: messages whose length fields claim
// 2^16-1 / 2^24-1 / 2^32-1 octets (and 10 000-deep nesting) decode in bounded time and memory.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { decodeDhcpv6, encodeDhcpv6 } from '../../../src/proto/dhcpv6/index.js';
import { decodePana, encodePana } from '../../../src/proto/pana/message.js';
import { decodeMipv4, encodeMipv4 } from '../../../src/proto/mipv4/message.js';
import { decodeMh, encodeMh } from '../../../src/proto/mh/message.js';
import { decodeIke, encodeIke } from '../../../src/proto/ikev2/message.js';
import { fromHex } from '../../../src/wire/codec.js';
import { count, expectIssues, hex } from '../support.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heap(): number {
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

type Codec = { decode: (b: Uint8Array) => { value: unknown; issues: unknown[] }; encode: (v: never) => Uint8Array };

/** decodes every message `rounds` times keeping all results; returns retained bytes and elapsed ms */
function measure(codec: Codec, msgs: Uint8Array[], rounds: number): { retained: number; ms: number } {
  const keep: unknown[] = [];
  const before = heap();
  const t0 = performance.now();
  for (let i = 0; i < rounds; i++) for (const m of msgs) keep.push(codec.decode(m));
  const ms = performance.now() - t0;
  const retained = heap() - before;
  count(rounds * msgs.length);
  expect(keep.length).toBe(rounds * msgs.length);
  return { retained, ms };
}

const ROUNDS = 500;
/** generous: the inputs are < 200 octets each, so 500 × a few messages × a decoded tree stays far below this */
const MAX_RETAINED = 48 * 1024 * 1024;

// Each vector: a well-formed start whose length field claims far more than is present.
const CLAIMS: Record<string, { codec: Codec; msgs: string[] }> = {
  dhcpv6: {
    codec: { decode: decodeDhcpv6, encode: encodeDhcpv6 as Codec['encode'] },
    msgs: [
      '0b123456 0001ffff 0001',                                   // Information-request, CLIENTID len 65535
      '0c00' + '00'.repeat(32) + '0009ffff 01abcdef',              // Relay-forw, RELAY_MSG len 65535
      '01000001 0003ffff 00000001 00000000 00000000 0005ffff',     // IA_NA len max, nested IAADDR len max
      '01000001 0011000c 00000009 0001ffff 00010000',              // VENDOR_OPTS sub-option len 65535
      '01000001 000f0004 ffff0000',                                // USER_CLASS class len 65535
      '01000001 00180004 3f616263',                                // DOMAIN_LIST label 63 over 3 octets
    ],
  },
  pana: {
    codec: { decode: decodePana, encode: encodePana as Codec['encode'] },
    msgs: [
      '0000ffff 00000002 00000001 00000001',                       // Message Length 65535
      '0000001c 00000002 00000001 00000001 0002 0000 ffff 0000 01020304', // AVP Length 65535
      '0000001c 00000002 00000001 00000001 0002 8000 ffff 0000 ffffffff', // V bit, AVP Length 65535
    ],
  },
  mipv4: {
    codec: { decode: decodeMipv4, encode: encodeMipv4 as Codec['encode'] },
    msgs: [
      '01000708 0a000001 0a000002 0a000003 0000000000000001 2400ffff 00000001', // long-form extension len 65535
      '03000708 0a000001 0a000002 0000000000000001 20ff 00000001',               // short-form len 255
    ],
  },
  mh: {
    codec: { decode: decodeMh, encode: encodeMh as Codec['encode'] },
    msgs: [
      '3bff0500 0000 0001 0000 0000 01ff',                        // Header Len 255, PadN len 255
      '3b020c00 0000 ff00' + '20010db8'.repeat(4),                // HAS with 255 addresses claimed, 1 present
    ],
  },
  ikev2: {
    codec: { decode: decodeIke, encode: encodeIke as Codec['encode'] },
    msgs: [
      '0102030405060708 0000000000000000 21 20 22 08 00000000 ffffffff 00 00 ffff 0000', // Length 2^32-1, SA len 65535
      '00000000 0102030405060708 0000000000000000 21 20 22 08 00000000 fffffffe 00 00 0008 0000ffff', // marker; proposal len 65535
      '0102030405060708 0000000000000000 29 20 22 08 00000000 00000024 00 00 0008 00ff0000',           // Notify SPI size 255
    ],
  },
};

function nestedRelays(depth: number): Uint8Array {
  // innermost Information-request, wrapped `depth` times in Relay-forw + OPTION_RELAY_MSG
  let inner = fromHex('0b000001');
  for (let i = 0; i < depth; i++) {
    const out = new Uint8Array(34 + 4 + inner.length);
    out[0] = 12;
    out[34] = 0;
    out[35] = 9;
    out[36] = inner.length >> 8;
    out[37] = inner.length & 0xff;
    out.set(inner, 38);
    inner = out;
    if (inner.length > 0xffff - 40) break; // option-len is 16 bits
  }
  return inner;
}

function nestedContainers(depth: number): Uint8Array {
  // VDINF (50) inside VDINF … : 4-octet headers, lengths as far as 16 bits allow
  let inner = fromHex('00480010' + '20010db8'.repeat(4)); // HAA
  for (let i = 0; i < depth && inner.length + 4 <= 0xffff; i++) {
    const out = new Uint8Array(4 + inner.length);
    out[1] = 50;
    out[2] = inner.length >> 8;
    out[3] = inner.length & 0xff;
    out.set(inner, 4);
    inner = out;
  }
  const m = new Uint8Array(4 + inner.length);
  m.set([11, 0, 0, 1]);
  m.set(inner, 4);
  return m;
}

describe('claimed lengths are checked before allocating', () => {
  for (const [name, { codec, msgs }] of Object.entries(CLAIMS)) {
    it(`${name}: ${msgs.length} messages whose length fields claim their maximum, ${ROUNDS} rounds, bounded heap and time`, () => {
      const bytes = msgs.map(fromHex);
      for (const b of bytes) {
        const d = codec.decode(b);
        expect(d.issues.length, `${name} ${hex(b)} has an issue`).toBeGreaterThan(0);
        expectIssues(d.issues, b.length);
        expect(hex(codec.encode(d.value as never))).toBe(hex(b));
      }
      const { retained, ms } = measure(codec, bytes, ROUNDS);
      expect(retained).toBeLessThan(MAX_RETAINED);
      expect(ms).toBeLessThan(5000);
    });
  }

  it('control: the bound catches a decoder that allocates by the claimed length', () => {
    // allocates the largest 16-bit value in the message, as a decoder trusting its length fields would
    const claimed = (b: Uint8Array): number => b.reduce((m, _, i) => Math.max(m, ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0)), 0);
    const careless: Codec = {
      decode: (b) => ({ value: new Uint8Array(claimed(b)), issues: [] }),
      encode: () => new Uint8Array(0),
    };
    const { retained } = measure(careless, CLAIMS.dhcpv6!.msgs.map(fromHex), ROUNDS);
    expect(retained).toBeGreaterThan(MAX_RETAINED);
  });
});

describe('deep nesting is bounded (no stack exhaustion)', () => {
  it('DHCPv6: ~1700 nested Relay-forw messages decode with a too-deep issue and re-encode exactly', () => {
    const b = nestedRelays(5000);
    const d = decodeDhcpv6(b);
    count();
    expect(d.issues.some((i) => i.code === 'dhcpv6.option.too-deep')).toBe(true);
    expectIssues(d.issues, b.length);
    expect(hex(encodeDhcpv6(d.value))).toBe(hex(b));
  });

  it('DHCPv6: ~16000 nested VDINF containers decode with a too-deep issue and re-encode exactly', () => {
    const b = nestedContainers(20000);
    const d = decodeDhcpv6(b);
    count();
    expect(d.issues.some((i) => i.code === 'dhcpv6.option.too-deep')).toBe(true);
    expect(hex(encodeDhcpv6(d.value))).toBe(hex(b));
  });
});

describe('Diameter deep nesting (src/proto/diameter: reported, not fixed here)', () => {
  /** MIP6-Agent-Info (486, Grouped) inside itself `depth` times */
  function nestedGroups(depth: number): Uint8Array {
    const len = 20 + 8 * depth;
    const b = new Uint8Array(len);
    const dv = new DataView(b.buffer);
    dv.setUint32(0, (1 << 24) | len);
    dv.setUint32(4, (0x80 << 24) | 316); // a request of some command
    for (let i = 0; i < depth; i++) {
      const at = 20 + 8 * i;
      dv.setUint32(at, 486);
      dv.setUint32(at + 4, (0x40 << 24) | (len - at));
    }
    return b;
  }

  it('100 nested Grouped AVPs decode and re-encode exactly', async () => {
    const { decodeDiameter, encodeDiameter } = await import('../../../src/proto/diameter/index.js');
    const b = nestedGroups(100);
    const d = decodeDiameter(b);
    count();
    expectIssues(d.issues, b.length);
    expect(hex(encodeDiameter(d.value))).toBe(hex(b));
  });

  // FOUND (src/proto/diameter/avp.ts list(): recursion per Grouped level, no depth limit): 5000+ levels (40 kB, well
  // under the 1 MiB framing limit) throw RangeError out of decodeDiameter; through the CLI that is
  // 'mip6-conform: internal error: Maximum call stack size exceeded' (see cli.test.ts). Remove .fails once fixed.
  it('6000 nested Grouped AVPs (48 kB) do not throw', async () => {
    const { decodeDiameter } = await import('../../../src/proto/diameter/index.js');
    const b = nestedGroups(6000);
    count();
    let threw: unknown;
    try {
      expectIssues(decodeDiameter(b).issues, b.length);
    } catch (e) {
      threw = e;
    }
    expect(threw === undefined ? 'no throw' : String(threw)).toBe('no throw');
  });
});
