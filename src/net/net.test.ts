import { describe, expect, it } from 'vitest';
import type { Frame } from '../capture/frame.js';
import { LINKTYPE } from '../capture/frame.js';
import { NetDecoder, type NetResult } from './decode.js';
import { decodeLink, type LinkOut } from './link.js';
import { buildIp, buildIpv4Fragments, buildIpv6Fragments, buildUdp, ipPacket, udpSegment, wrapLink } from './build.js';
import { IPPROTO } from './ip.js';
import { udpChecksumOk } from './udp.js';
import { parseIp } from '../util/ip.js';

let no = 0;
export function frame(data: Uint8Array, ts = 1, linktype: number = LINKTYPE.ETHERNET, origLen = data.length): Frame {
  no++;
  return { no, ts, tsNs: BigInt(Math.round(ts * 1e9)), iface: 0, linktype, data, origLen, fileOffset: 1000 + no };
}
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('link layers', () => {
  const pkt6 = ipPacket({ src: '2001:db8::1', dst: '2001:db8::2', proto: 59, payload: new Uint8Array(0) });
  const pkt4 = ipPacket({ src: '192.0.2.1', dst: '192.0.2.2', proto: 59, payload: new Uint8Array(0) });
  const lt: [string, number][] = [
    ['ETHERNET', LINKTYPE.ETHERNET], ['RAW', LINKTYPE.RAW], ['IPV4', LINKTYPE.IPV4], ['IPV6', LINKTYPE.IPV6],
    ['NULL', LINKTYPE.NULL], ['LOOP', LINKTYPE.LOOP], ['LINUX_SLL', LINKTYPE.LINUX_SLL], ['LINUX_SLL2', LINKTYPE.LINUX_SLL2],
  ];
  for (const [name, linktype] of lt)
    it(`finds IPv4 and IPv6 under ${name}`, () => {
      for (const [pkt, et] of [[pkt6, 0x86dd], [pkt4, 0x0800]] as const) {
        const f = wrapLink(pkt, { linktype });
        const out: LinkOut = { etherType: 0, offset: 0, vlans: [] };
        expect(decodeLink(linktype, f, out)).toBe('ok');
        expect(out.etherType).toBe(et);
        expect(out.offset).toBe(f.length - pkt.length);
      }
    });

  it('reads BSD NULL AF in either byte order (2, 24, 28, 30)', () => {
    const out: LinkOut = { etherType: 0, offset: 0, vlans: [] };
    for (const [hdr, et] of [
      [[2, 0, 0, 0], 0x0800], [[0, 0, 0, 2], 0x0800], [[24, 0, 0, 0], 0x86dd], [[0, 0, 0, 28], 0x86dd], [[30, 0, 0, 0], 0x86dd], [[7, 0, 0, 0], -1],
    ] as const) {
      decodeLink(LINKTYPE.NULL, Uint8Array.from([...hdr, 0x60]), out);
      expect(out.etherType).toBe(et);
    }
    decodeLink(LINKTYPE.LOOP, Uint8Array.of(0, 0, 0, 24, 0x60), out);
    expect(out.etherType).toBe(0x86dd);
  });

  it('walks 802.1Q and QinQ stacks (0x88a8, 0x9100)', () => {
    const out: LinkOut = { etherType: 0, offset: 0, vlans: [] };
    for (const tpid of [0x8100, 0x88a8, 0x9100]) {
      const f = wrapLink(pkt6, { vlans: [100, 200, 300], tpid });
      expect(decodeLink(LINKTYPE.ETHERNET, f, out)).toBe('ok');
      expect(out.vlans).toEqual([100, 200, 300]);
      expect(out.etherType).toBe(0x86dd);
      expect(out.offset).toBe(14 + 12);
      expect(f[12]! * 256 + f[13]!).toBe(tpid);
    }
  });

  it('decodes UDP through VLAN tags end to end', () => {
    const d = new NetDecoder();
    const r = d.push(frame(buildUdp({ src: '2001:db8::1', dst: '2001:db8::2', sport: 546, dport: 547, payload: bytes('hi'), vlans: [5, 6], tpid: 0x88a8 })));
    expect(r.datagrams).toHaveLength(1);
    expect(text(r.datagrams[0]!.payload)).toBe('hi');
  });

  it('reports an unknown link type once, without throwing', () => {
    const d = new NetDecoder();
    const a = d.push(frame(Uint8Array.of(1, 2, 3), 1, 147));
    const b = d.push(frame(Uint8Array.of(1, 2, 3), 1, 147));
    expect(a.issues.map((i) => i.code)).toEqual(['net.link.unknown-linktype']);
    expect(a.issues[0]!.offset).toBe(1000 + no - 1);
    expect(b.issues).toEqual([]);
  });

  it('reports a truncated link header', () => {
    const r = new NetDecoder().push(frame(new Uint8Array(10)));
    expect(r.issues[0]!.code).toBe('net.link.truncated');
  });
});

describe('UDP', () => {
  it('delivers IPv6 and IPv4 datagrams with canonical addresses and a right checksum', () => {
    const d = new NetDecoder({ verifyChecksums: true });
    const r6 = d.push(frame(buildUdp({ src: '2001:DB8:0:0:0:0:0:1', dst: 'ff02::1:2', sport: 546, dport: 547, payload: bytes('six'), hopLimit: 1 })));
    const r4 = d.push(frame(buildUdp({ src: '192.0.2.1', dst: '192.0.2.9', sport: 434, dport: 434, payload: bytes('four'), linktype: LINKTYPE.RAW }), 1, LINKTYPE.RAW));
    const g6 = r6.datagrams[0]!;
    expect(g6).toMatchObject({ transport: 'udp', ipVersion: 6, ipProto: 17, hopLimit: 1, src: { addr: '2001:db8::1', port: 546 }, dst: { addr: 'ff02::1:2', port: 547 }, issues: [] });
    expect(text(g6.payload)).toBe('six');
    expect(r4.datagrams[0]).toMatchObject({ ipVersion: 4, src: { addr: '192.0.2.1', port: 434 }, hopLimit: 64, issues: [] });
    expect(text(r4.datagrams[0]!.payload)).toBe('four');
  });

  it('raises a length mismatch issue and trims to the UDP length', () => {
    const seg = udpSegment('2001:db8::1', '2001:db8::2', 1, 2, bytes('abcdef'));
    seg[5] = 8 + 3; // claims 3 bytes of payload out of 6
    const r = new NetDecoder().push(frame(buildIp({ src: '2001:db8::1', dst: '2001:db8::2', proto: 17, payload: seg })));
    expect(r.datagrams[0]!.issues.map((i) => i.code)).toEqual(['net.udp.length-mismatch']);
    expect(text(r.datagrams[0]!.payload)).toBe('abc');
    seg[5] = 8 + 30; // claims more than present, record not snapped
    const r2 = new NetDecoder().push(frame(buildIp({ src: '2001:db8::1', dst: '2001:db8::2', proto: 17, payload: seg })));
    expect(r2.datagrams[0]!.issues[0]).toMatchObject({ code: 'net.udp.length-mismatch', expected: 14, actual: 38 });
  });

  it('does not verify checksums by default; flags a bad one when asked', () => {
    const f = buildUdp({ src: '2001:db8::1', dst: '2001:db8::2', sport: 1, dport: 2, payload: bytes('x') });
    f[f.length - 3] = f[f.length - 3]! ^ 0xff; // corrupt the checksum
    expect(new NetDecoder().push(frame(f)).datagrams[0]!.issues).toEqual([]);
    expect(new NetDecoder({ verifyChecksums: true }).push(frame(f)).datagrams[0]!.issues.map((i) => i.code)).toEqual(['net.udp.bad-checksum']);
    const seg = udpSegment('2001:db8::1', '2001:db8::2', 1, 2, bytes('x'));
    expect(udpChecksumOk(parseIp('2001:db8::1'), parseIp('2001:db8::2'), seg)).toBe(true);
  });

  it('a snapped record is a truncation warning, not an error', () => {
    const f = buildUdp({ src: '192.0.2.1', dst: '192.0.2.2', sport: 1, dport: 2, payload: new Uint8Array(100) });
    const r = new NetDecoder().push(frame(f.subarray(0, 60), 1, LINKTYPE.ETHERNET, f.length));
    expect(r.issues.map((i) => [i.code, i.severity])).toEqual([['net.ipv4.truncated', 'warning']]);
    expect(r.datagrams[0]!.issues.map((i) => [i.code, i.severity])).toEqual([['net.udp.truncated', 'warning']]);
  });
});

describe('IPv6 extension headers', () => {
  const base = { src: '2001:db8::a', dst: '2001:db8::b' };
  it('skips hop-by-hop, routing, destination options and AH, and delivers MH 135 as an IP datagram', () => {
    const mh = Uint8Array.of(59, 1, 5, 0, 0, 0, 0, 0); // MH: payload proto, hdr len, type 5 (BU) ...
    const ext = [{ type: 0 }, { type: 43, body: new Uint8Array(14) }, { type: 51, body: new Uint8Array(10) }, { type: 60 }];
    const r = new NetDecoder().push(frame(buildIp({ ...base, proto: IPPROTO.MH, payload: mh, ext })));
    expect(r.issues).toEqual([]);
    expect(r.datagrams).toHaveLength(1);
    expect(r.datagrams[0]).toMatchObject({ transport: 'ip', ipProto: 135, src: { addr: '2001:db8::a', port: 0 } });
    expect([...r.datagrams[0]!.payload]).toEqual([...mh]);
  });

  it('delivers ESP (50) opaque and nothing for No Next Header (59)', () => {
    const d = new NetDecoder();
    const esp = d.push(frame(buildIp({ ...base, proto: 50, payload: Uint8Array.of(0, 0, 1, 0, 0, 0, 0, 1, 0xaa), ext: [{ type: 60 }] })));
    expect(esp.datagrams[0]).toMatchObject({ transport: 'ip', ipProto: 50 });
    expect(esp.datagrams[0]!.payload.length).toBe(9);
    const none = d.push(frame(buildIp({ ...base, proto: 59, payload: new Uint8Array(0), ext: [{ type: 0 }] })));
    expect(none.datagrams).toEqual([]);
    expect(none.issues).toEqual([]);
  });

  it('reports an extension header that overruns the packet', () => {
    const f = buildIp({ ...base, proto: 17, payload: new Uint8Array(0), ext: [{ type: 60 }] });
    f[14 + 40 + 1] = 9; // 80 bytes claimed
    const r = new NetDecoder().push(frame(f));
    expect(r.issues.map((i) => i.code)).toEqual(['net.ipv6.ext-truncated']);
    expect(r.issues[0]!.path).toEqual(['frame', no, 54]);
  });

  it('decodes IPv6-in-IPv6 tunnels to the inner datagram', () => {
    const inner = ipPacket({ src: '2001:db8::1', dst: '2001:db8::2', proto: 17, payload: udpSegment('2001:db8::1', '2001:db8::2', 7, 8, bytes('in')) });
    const r = new NetDecoder().push(frame(buildIp({ ...base, proto: 41, payload: inner })));
    expect(r.datagrams[0]).toMatchObject({ src: { addr: '2001:db8::1', port: 7 }, dst: { port: 8 } });
  });
});

describe('IP fragments', () => {
  const src = '2001:db8::1';
  const dst = '2001:db8::2';
  const big = new Uint8Array(3000).map((_, i) => i & 0xff);
  const udp6 = udpSegment(src, dst, 5000, 547, big);

  function run(frames: Uint8Array[], d = new NetDecoder(), ts = (i: number) => 1 + i): NetResult[] {
    return frames.map((f, i) => d.push(frame(f, ts(i))));
  }

  it('reassembles IPv6 fragments in order, listing every fragment frame', () => {
    const frags = buildIpv6Fragments({ src, dst, proto: 17, payload: udp6, fragSize: 1232, ext: [{ type: 0 }] });
    expect(frags).toHaveLength(3);
    const rs = run(frags);
    const first = no - 2;
    expect(rs[0]!.datagrams).toEqual([]);
    const g = rs[2]!.datagrams[0]!;
    expect(g.frames).toEqual([first, first + 1, first + 2]);
    expect(g.frame).toBe(first + 2);
    expect(g.payload).toEqual(big);
    expect(g.issues).toEqual([]);
  });

  it('reassembles out of order, with a destination options header after the fragment header', () => {
    const withDst = Uint8Array.from([17, 0, 1, 4, 0, 0, 0, 0, ...udp6]); // dst opts (PadN) then UDP
    const frags = buildIpv6Fragments({ src, dst, proto: 60, payload: withDst, fragSize: 800, id: 77 });
    const order = [2, 0, 3, 1];
    const rs = run(order.map((i) => frags[i]!));
    const done = rs.flatMap((r) => r.datagrams);
    expect(done).toHaveLength(1);
    expect(done[0]!.payload).toEqual(big);
    expect(done[0]!.frames).toHaveLength(4);
  });

  it('drops an identical duplicate fragment, kills the datagram on a differing overlap', () => {
    const frags = buildIpv6Fragments({ src, dst, proto: 17, payload: udp6, fragSize: 1232, id: 5 });
    const dup = run([frags[0]!, frags[0]!, frags[1]!, frags[2]!]);
    expect(dup.flatMap((r) => r.datagrams)).toHaveLength(1);
    // same range, different bytes
    const d = new NetDecoder();
    const other = udp6.slice();
    other[1300] = other[1300]! ^ 1;
    const bad = buildIpv6Fragments({ src, dst, proto: 17, payload: other, fragSize: 1232, id: 6 });
    const rs = run([frags[0]!.slice(), bad[1]!, frags[1]!.slice()].map((f) => setId(f, 6)), d);
    expect(rs.flatMap((r) => r.datagrams)).toEqual([]);
    expect(rs[2]!.issues.map((i) => i.code)).toEqual(['net.ip.frag-overlap']);
    // later fragments of the killed datagram are swallowed silently
    const late = d.push(frame(setId(frags[2]!.slice(), 6), 4));
    expect(late.datagrams).toEqual([]);
    expect(late.issues).toEqual([]);
    // a partial overlap (another split of the same bytes) is refused too (RFC 5722)
    const split = buildIpv6Fragments({ src, dst, proto: 17, payload: udp6, fragSize: 1224, id: 7 });
    const rp = run([setId(frags[0]!.slice(), 7), split[1]!]);
    expect(rp[1]!.issues.map((i) => i.code)).toEqual(['net.ip.frag-overlap']);
  });

  it('times out an incomplete datagram after 60 s of capture time, and flush reports leftovers', () => {
    const frags = buildIpv6Fragments({ src, dst, proto: 17, payload: udp6, fragSize: 1232, id: 9 });
    const d = new NetDecoder();
    d.push(frame(frags[0]!, 10));
    const r = d.push(frame(buildUdp({ src, dst, sport: 1, dport: 2, payload: bytes('x') }), 71));
    expect(r.issues.map((i) => i.code)).toEqual(['net.ip.frag-timeout']);
    d.push(frame(frags[1]!, 72));
    expect(d.flush().issues.map((i) => i.code)).toEqual(['net.ip.frag-incomplete']);
  });

  it('bounds concurrent reassemblies (oldest evicted with an issue)', () => {
    const d = new NetDecoder({ maxReassemblies: 2 });
    const issues = [1, 2, 3].flatMap((id) => d.push(frame(buildIpv6Fragments({ src, dst, proto: 17, payload: udp6, fragSize: 1232, id })[0]!)).issues);
    expect(issues.map((i) => i.code)).toEqual(['net.ip.frag-evicted']);
  });

  it('refuses fragments past 65535 bytes', () => {
    const f = buildIpv6Fragments({ src, dst, proto: 17, payload: udp6, fragSize: 1232, id: 11 })[1]!;
    // fragment offset field is at link 14 + IPv6 40 + 2
    f[14 + 42] = 0xff;
    f[14 + 43] = 0xf8 | 1;
    const r = new NetDecoder().push(frame(f));
    expect(r.issues.map((i) => i.code)).toEqual(['net.ip.frag-too-big']);
  });

  it('reassembles IPv4 fragments out of order', () => {
    const udp4 = udpSegment('192.0.2.1', '192.0.2.2', 434, 434, big);
    const frags = buildIpv4Fragments({ src: '192.0.2.1', dst: '192.0.2.2', proto: 17, payload: udp4, fragSize: 1480, id: 0x4242 });
    const rs = run([frags[1]!, frags[2]!, frags[0]!], new NetDecoder({ verifyChecksums: true }));
    const g = rs[2]!.datagrams[0]!;
    expect(g.payload).toEqual(big);
    expect(g.ipVersion).toBe(4);
    expect(g.frames).toHaveLength(3);
    expect(g.issues).toEqual([]);
  });

  it('delivers a reassembled Mobility Header as ipProto 135', () => {
    const mh = new Uint8Array(40).fill(7);
    mh[0] = 59;
    const frags = buildIpv6Fragments({ src, dst, proto: 135, payload: mh, fragSize: 16, id: 12 });
    const rs = run(frags);
    expect(rs.at(-1)!.datagrams[0]).toMatchObject({ transport: 'ip', ipProto: 135 });
    expect(rs.at(-1)!.datagrams[0]!.payload).toEqual(mh);
  });
});

/** rewrite the IPv6 fragment id of a frame built by buildIpv6Fragments (no other ext headers) */
function setId(f: Uint8Array, id: number): Uint8Array {
  new DataView(f.buffer, f.byteOffset).setUint32(14 + 40 + 4, id);
  return f;
}

describe('IPv4 header', () => {
  it('skips options by IHL and trims Ethernet padding by total length', () => {
    const pkt = ipPacket({ src: '192.0.2.1', dst: '192.0.2.2', proto: 17, payload: udpSegment('192.0.2.1', '192.0.2.2', 1, 2, bytes('opt')) });
    // insert 4 bytes of options (NOP NOP NOP EOL)
    const withOpt = Uint8Array.from([...pkt.subarray(0, 20), 1, 1, 1, 0, ...pkt.subarray(20), 0, 0, 0, 0, 0]);
    withOpt[0] = 0x46;
    withOpt[3] = pkt.length + 4;
    const r = new NetDecoder().push(frame(wrapLink(withOpt)));
    expect(r.issues).toEqual([]);
    expect(text(r.datagrams[0]!.payload)).toBe('opt');
    expect(r.datagrams[0]!.issues).toEqual([]);
  });
});
