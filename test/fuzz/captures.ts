// Seed captures (our own, built with src/net/build.ts + src/capture/write.ts, and the fixtures) and their mutants for
// the CLI corpus. A mutant is a name (what was done, where) and the file bytes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LINKTYPE } from '../../src/capture/frame.js';
import { encodePcapng, writePcap } from '../../src/capture/write.js';
import { buildIp, buildTcp, buildUdp } from '../../src/net/build.js';
import { encodeDhcpv6, msg, opt, duid } from '../../src/proto/dhcpv6/index.js';
import { bu } from '../../src/proto/mh/build.js';
import { encodeMh } from '../../src/proto/mh/message.js';
import { withMhChecksum } from '../../src/proto/mh/checksum.js';
import { panaAvp, panaMessage } from '../../src/proto/pana/build.js';
import { encodePana } from '../../src/proto/pana/message.js';
import { mipv4Ext, rrp, rrq } from '../../src/proto/mipv4/build.js';
import { encodeMipv4 } from '../../src/proto/mipv4/message.js';
import { ikeMessage, ikePayload } from '../../src/proto/ikev2/build.js';
import { encodeIke } from '../../src/proto/ikev2/message.js';
import { encodeDiameter, sampleMessages } from '../../src/proto/diameter/index.js';


export interface Mutant {
  name: string;
  bytes: Uint8Array;
}

const A6 = { src: '2001:db8::10', dst: '2001:db8::20' };
const B6 = { src: '2001:db8::20', dst: '2001:db8::10' };
const A4 = { src: '192.0.2.1', dst: '192.0.2.2' };
const B4 = { src: '192.0.2.2', dst: '192.0.2.1' };

/** one frame of every protocol the tool decodes, as Ethernet frames */
export function protocolFrames(): Uint8Array[] {
  const cid = opt.clientId(duid.ll(Uint8Array.of(2, 0, 0, 0, 0, 1)));
  const ir = msg.informationRequest(0x1234, [cid, opt.elapsedTime(0), opt.oro([49, 50, 69, 70]), opt.hnidf('msp.example')]);
  const reply = msg.reply(0x1234, [cid, opt.serverId(duid.en(9, Uint8Array.of(1, 2, 3))),
    opt.vdinf([opt.hnidf('msp.example'), opt.haa('2001:db8:1::1')])]);
  const fw = msg.relayForw(0, '2001:db8::1', 'fe80::1', [opt.interfaceId('eth0'), opt.relayMsg(ir), opt.rsoo([opt.haa('2001:db8:1::2')])]);
  const mh = withMhChecksum(encodeMh(bu({ seq: 7, flags: ['A', 'H'], lifetimeS: 400 })), A6.src, A6.dst);
  const pana = encodePana(panaMessage({ type: 2, flags: ['R', 'S'], sessionId: 1, seq: 1, avps: [panaAvp.prfAlgorithm(5), panaAvp.integrityAlgorithm(12)] }));
  const req = rrq({ homeAgent: '192.0.2.2', careOfAddress: '192.0.2.1', identification: 1n, extensions: [mipv4Ext.nai('mn@example.com')] });
  const rep = rrp({ code: 0, homeAddress: '192.0.2.9', homeAgent: '192.0.2.2', identification: 1n });
  const ike = ikeMessage({ ispi: '0102030405060708', exchangeType: 34, flags: ['I'], payloads: [
    ikePayload.sa([ikePayload.transform(1, 12, false), ikePayload.transform(2, 5, true)]), ikePayload.ke(19, new Uint8Array(8)), ikePayload.nonce(new Uint8Array(16)),
  ] });
  const samples = Object.values(sampleMessages());
  const dia = samples.slice(0, 2).map(encodeDiameter);
  let seq = 1000;
  const tcp = dia.map((payload) => {
    const f = buildTcp({ ...A6, sport: 40000, dport: 3868, seq, flags: 'PA', payload });
    seq += payload.length;
    return f;
  });
  return [
    buildUdp({ ...A6, sport: 546, dport: 547, payload: encodeDhcpv6(ir) }),
    buildUdp({ ...B6, sport: 547, dport: 546, payload: encodeDhcpv6(reply) }),
    buildUdp({ ...A6, sport: 547, dport: 547, payload: encodeDhcpv6(fw) }),
    buildIp({ ...A6, proto: 135, payload: mh }),
    buildUdp({ ...A4, sport: 716, dport: 716, payload: pana }),
    buildUdp({ ...A4, sport: 434, dport: 434, payload: encodeMipv4(req) }),
    buildUdp({ ...B4, sport: 434, dport: 434, payload: encodeMipv4(rep) }),
    buildUdp({ ...A4, sport: 500, dport: 500, payload: encodeIke(ike) }),
    buildTcp({ ...A6, sport: 40000, dport: 3868, seq: 999, flags: 'S' }),
    ...tcp,
  ];
}

const T0 = 1_700_000_000n * 1_000_000_000n;

/** our own seeds: pcapng (LE and BE) and classic pcap (µs LE, ns BE) */
export function builtSeeds(): Mutant[] {
  const frames = protocolFrames().map((data, i) => ({ ts: T0 + BigInt(i) * 10_000_000n, linktype: LINKTYPE.ETHERNET, data }));
  return [
    { name: 'built.pcapng', bytes: encodePcapng(frames) },
    { name: 'built-be.pcapng', bytes: encodePcapng(frames, { littleEndian: false }) },
    { name: 'built.pcap', bytes: writePcap(frames) },
    { name: 'built-ns-be.pcap', bytes: writePcap(frames, { nanos: true, littleEndian: false }) },
  ];
}

/** every capture under fixtures/captures (sorted, so a subset is reproducible) */
export function fixtureSeeds(root: string): Mutant[] {
  const out: Mutant[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir).sort()) {
      const p = join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(pcapng|pcap)$/.test(e)) out.push({ name: p.slice(root.length + 1), bytes: new Uint8Array(readFileSync(p)) });
    }
  };
  walk(root);
  return out;
}

// ---- structure walkers ----

interface Block {
  type: number;
  at: number;
  len: number;
}

/** pcapng blocks while their lengths make sense; byte order from the SHB */
function pcapngBlocks(b: Uint8Array): { le: boolean; blocks: Block[] } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const le = b.length >= 12 && v.getUint32(8, true) === 0x1a2b3c4d;
  const blocks: Block[] = [];
  for (let at = 0; at + 12 <= b.length; ) {
    const len = v.getUint32(at + 4, le);
    if (len < 12 || at + len > b.length) break;
    blocks.push({ type: v.getUint32(at, le), at, len });
    at += len;
  }
  return { le, blocks };
}

function pcapRecords(b: Uint8Array): { le: boolean; recs: number[] } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const m = v.getUint32(0, true);
  const le = m === 0xa1b2c3d4 || m === 0xa1b23c4d;
  const recs: number[] = [];
  for (let at = 24; at + 16 <= b.length; ) {
    recs.push(at);
    at += 16 + v.getUint32(at + 8, le);
  }
  return { le, recs };
}

function put32(b: Uint8Array, at: number, x: number, le: boolean): Uint8Array {
  const o = b.slice();
  if (at + 4 <= o.length) new DataView(o.buffer).setUint32(at, x >>> 0, le);
  return o;
}
function put16(b: Uint8Array, at: number, x: number, le: boolean): Uint8Array {
  const o = b.slice();
  if (at + 2 <= o.length) new DataView(o.buffer).setUint16(at, x & 0xffff, le);
  return o;
}
function concat(a: Uint8Array, c: Uint8Array): Uint8Array {
  const o = new Uint8Array(a.length + c.length);
  o.set(a);
  o.set(c, a.length);
  return o;
}

/** a tiny deterministic PRNG (mulberry32) so mutants are the same on every run */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LINKTYPES_ODD = [0, 0xffff, 147, LINKTYPE.LINUX_SLL2, LINKTYPE.RAW, LINKTYPE.NULL, 9999];

/** structure-aware mutants of one capture (pcap or pcapng), plus truncations and byte noise */
export function mutants(seed: Mutant, rnd: () => number, flips = 8): Mutant[] {
  const b = seed.bytes;
  const out: Mutant[] = [];
  const add = (what: string, bytes: Uint8Array): void => void out.push({ name: `${seed.name}: ${what}`, bytes });
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const isNg = b.length >= 4 && v.getUint32(0, true) === 0x0a0d0d0a;
  const cuts = new Set<number>([1, 3, 4, 8, 12, 23, 24, 25, 39, 40, b.length - 1, b.length - 3]);
  if (isNg) {
    const { le, blocks } = pcapngBlocks(b);
    for (const k of blocks) {
      cuts.add(k.at + 4).add(k.at + 10).add(k.at + Math.floor(k.len / 2)).add(k.at + k.len - 2);
      const tag = `block ${k.type.toString(16)}@${k.at}`;
      for (const x of [0, 0xffffffff, k.len + 4, k.len - 4, k.len + 1, 8]) add(`${tag} total length ${x >>> 0}`, put32(b, k.at + 4, x, le));
      add(`${tag} trailing total length wrong`, put32(b, k.at + k.len - 4, k.len + 8, le));
      if (k.type === 0x0a0d0d0a) {
        add(`${tag} major version 2`, put16(b, k.at + 12, 2, le));
        add(`${tag} section length 16`, put32(put32(b, k.at + 16, le ? 16 : 0, le), k.at + 20, le ? 0 : 16, le));
      }
      if (k.type === 1) {
        for (const lt of LINKTYPES_ODD) add(`${tag} IDB linktype ${lt}`, put16(b, k.at + 8, lt, le));
        add(`${tag} IDB snaplen 1`, put32(b, k.at + 12, 1, le));
        if (k.len > 20) add(`${tag} IDB option length 0xffff`, put16(b, k.at + 18, 0xffff, le));
        if (k.len > 20) add(`${tag} IDB if_tsresol 0xff`, b.slice().fill(0xff, k.at + 20, k.at + 21));
      }
      if (k.type === 6 && k.len >= 32) {
        add(`${tag} EPB interface 99`, put32(b, k.at + 8, 99, le));
        for (const x of [0xffffffff, 262145, k.len - 27, 0]) add(`${tag} EPB captured length ${x >>> 0}`, put32(b, k.at + 20, x, le));
        add(`${tag} EPB original length 0`, put32(b, k.at + 24, 0, le));
        add(`${tag} EPB timestamp max`, put32(put32(b, k.at + 12, 0xffffffff, le), k.at + 16, 0xffffffff, le));
      }
    }
    const last = blocks[blocks.length - 1];
    if (last) add('unknown block type appended', concat(b, put32(b.slice(last.at, last.at + last.len), 0, 0x0bad0bad, le)));
    add('second SHB with the other byte order appended', concat(b, builtSeeds()[1]!.bytes));
  } else if (b.length >= 24) {
    const { le, recs } = pcapRecords(b);
    for (const lt of [...LINKTYPES_ODD, 0xffffffff]) add(`pcap header linktype ${lt >>> 0}`, put32(b, 20, lt, le));
    add('pcap header snaplen 0', put32(b, 16, 0, le));
    add('pcap header version 9.9', put16(put16(b, 4, 9, le), 6, 9, le));
    for (const at of recs.slice(0, 4)) {
      cuts.add(at + 8).add(at + 16).add(at + 20);
      for (const x of [0xffffffff, 262145, 0x7fffffff]) add(`record@${at} captured length ${x >>> 0}`, put32(b, at + 8, x, le));
      add(`record@${at} original length 0`, put32(b, at + 12, 0, le));
      add(`record@${at} µs field 2e9`, put32(b, at + 4, 2_000_000_000, le));
    }
  }
  for (const c of [...cuts].filter((c) => c > 0 && c < b.length).sort((x, y) => x - y)) add(`truncated at ${c}`, b.subarray(0, c));
  add('garbage appended', concat(b, Uint8Array.from({ length: 37 }, (_, i) => (i * 73 + 11) & 0xff)));
  add('zeros appended', concat(b, new Uint8Array(64)));
  for (let i = 0; i < flips; i++) {
    const o = b.slice();
    const n = 1 + Math.floor(rnd() * 8);
    const where: number[] = [];
    for (let k = 0; k < n; k++) {
      const at = Math.floor(rnd() * o.length);
      o[at]! ^= 1 << Math.floor(rnd() * 8);
      where.push(at);
    }
    add(`bit flips at ${where.join(',')}`, o);
  }
  return out;
}

/** files that are not captures at all */
export function notCaptures(): Mutant[] {
  const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0);
  const elf = concat(Uint8Array.of(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0), new Uint8Array(56));
  const text = new TextEncoder().encode('this is not a capture\njust some text\n');
  return [
    { name: 'empty file', bytes: new Uint8Array(0) },
    { name: 'PNG', bytes: png },
    { name: 'ELF', bytes: elf },
    { name: 'text', bytes: text },
    { name: 'pcap magic only', bytes: Uint8Array.of(0xd4, 0xc3, 0xb2, 0xa1) },
    { name: 'pcapng SHB type only', bytes: Uint8Array.of(0x0a, 0x0d, 0x0d, 0x0a) },
    { name: 'pcap header, no records', bytes: writePcap([]) },
    { name: 'pcapng SHB, no IDB, one EPB', bytes: (() => {
      const ng = builtSeeds()[0]!.bytes;
      const { blocks } = pcapngBlocks(ng);
      const shb = blocks[0]!;
      const epb = blocks.find((k) => k.type === 6)!;
      return concat(ng.slice(0, shb.len), ng.slice(epb.at, epb.at + epb.len));
    })() },
    { name: 'random 4 KiB', bytes: (() => {
      const r = prng(7);
      return Uint8Array.from({ length: 4096 }, () => Math.floor(r() * 256));
    })() },
  ];
}

/** a Diameter request whose only AVP is MIP6-Agent-Info (486, Grouped) nested `depth` times */
export function nestedDiameter(depth: number, command = 265): Uint8Array {
  const len = 20 + 8 * depth;
  const b = new Uint8Array(len);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, (1 << 24) | len);
  dv.setUint32(4, (0x80 << 24) | command);
  dv.setUint32(8, 1);
  for (let i = 0; i < depth; i++) {
    const at = 20 + 8 * i;
    dv.setUint32(at, 486);
    dv.setUint32(at + 4, (0x40 << 24) | (len - at));
  }
  return b;
}

/** SYN, then one segment carrying `payload` to port 3868 (with FIN when asked), as pcapng */
export function diameterTcpCapture(payload: Uint8Array, fin = false): Uint8Array {
  const frames = [
    buildTcp({ ...A6, sport: 40000, dport: 3868, seq: 1, flags: 'S' }),
    buildTcp({ ...A6, sport: 40000, dport: 3868, seq: 2, flags: fin ? 'PAF' : 'PA', payload }),
  ];
  return encodePcapng(frames.map((data, i) => ({ ts: T0 + BigInt(i) * 1_000_000_000n, linktype: LINKTYPE.ETHERNET, data })));
}

/** an out-of-sync Diameter stream: 2 garbage octets and a plausible header claiming ~1 MiB, then n one-octet segments */
export function diameterResyncCapture(n: number): Uint8Array {
  const head = Uint8Array.from([0xde, 0xad, 1, 0x0f, 0xff, 0xfc, 0x80, 0, 1, 9, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 7, 0x40, 0, 0, 8]);
  const frames = [
    buildTcp({ ...A6, sport: 40000, dport: 3868, seq: 1, flags: 'S' }),
    buildTcp({ ...A6, sport: 40000, dport: 3868, seq: 2, flags: 'PA', payload: head }),
  ];
  for (let i = 0; i < n; i++) frames.push(buildTcp({ ...A6, sport: 40000, dport: 3868, seq: 2 + head.length + i, flags: 'PA', payload: Uint8Array.of(0) }));
  return writePcap(frames.map((data, i) => ({ ts: T0 + BigInt(i) * 1000n, data })), { linktype: LINKTYPE.ETHERNET });
}
