// fixtures/captures/net/link-mix: a small pcapng made by our builders. Regenerate with UPDATE_FIXTURES=1.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LINKTYPE } from '../capture/frame.js';
import { encodePcapng } from '../capture/write.js';
import { openCapture } from '../capture/open.js';
import { NetDecoder } from './decode.js';
import { buildIp, buildIpv6Fragments, buildSctpData, buildTcp, buildUdp, udpSegment } from './build.js';

const PATH = fileURLToPath(new URL('../../fixtures/captures/net/link-mix/capture.pcapng', import.meta.url));

function generate(): Uint8Array {
  const a = { src: '2001:db8::10', dst: '2001:db8::20' };
  const t = 1_700_000_000;
  const frames = [
    { linktype: LINKTYPE.ETHERNET, data: buildUdp({ ...a, sport: 546, dport: 547, payload: Uint8Array.of(11, 0, 0, 1) }) },
    { linktype: LINKTYPE.LINUX_SLL2, data: buildUdp({ ...a, sport: 547, dport: 546, payload: Uint8Array.of(7, 0, 0, 1), linktype: LINKTYPE.LINUX_SLL2 }) },
    { linktype: LINKTYPE.ETHERNET, data: buildIp({ ...a, proto: 135, payload: Uint8Array.of(59, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0) }) },
    { linktype: LINKTYPE.ETHERNET, data: buildTcp({ ...a, sport: 40000, dport: 3868, seq: 1, flags: 'PA', payload: new Uint8Array(20) }) },
    { linktype: LINKTYPE.RAW, data: buildSctpData({ ...a, sport: 3868, dport: 3868, tsn: 5, ppid: 46, payload: new Uint8Array(20), linktype: LINKTYPE.RAW }) },
    ...buildIpv6Fragments({ ...a, proto: 17, payload: udpSegment(a.src, a.dst, 546, 547, new Uint8Array(2000).fill(0x42)), fragSize: 1232, vlans: [42] })
      .reverse().map((data) => ({ linktype: LINKTYPE.ETHERNET, data })),
  ];
  return encodePcapng(frames.map((f, i) => ({ ts: BigInt(t) * 1_000_000_000n + BigInt(i) * 100_000_000n, ...f })));
}

describe('fixture link-mix', () => {
  it('matches its generator and decodes to the expected datagrams and streams', async () => {
    const bytes = generate();
    if (process.env.UPDATE_FIXTURES || !existsSync(PATH)) writeFileSync(PATH, bytes);
    expect(Buffer.compare(readFileSync(PATH), Buffer.from(bytes))).toBe(0);
    const d = new NetDecoder();
    const got: string[] = [];
    for await (const f of openCapture(PATH)) {
      const r = d.push(f);
      expect(r.issues).toEqual([]);
      for (const g of r.datagrams) got.push(`${f.no} ${g.transport}/${g.ipProto} ${g.src.addr}>${g.dst.addr}:${g.dst.port} ${g.payload.length} [${g.frames.join(',')}]`);
      for (const s of r.streams) got.push(`${f.no} ${s.transport} ${s.conn} ${s.chunks.reduce((n, c) => n + c.data.length, 0)}`);
    }
    expect(got).toEqual([
      '1 udp/17 2001:db8::10>2001:db8::20:547 4 [1]',
      '2 udp/17 2001:db8::10>2001:db8::20:546 4 [2]',
      '3 ip/135 2001:db8::10>2001:db8::20:0 16 [3]',
      '4 tcp [2001:db8::10]:40000|[2001:db8::20]:3868 20',
      '5 sctp [2001:db8::10]:3868|[2001:db8::20]:3868#0 20',
      '7 udp/17 2001:db8::10>2001:db8::20:547 2000 [6,7]',
    ]);
  });
});
