// tshark as an oracle for the builders (checksums, link layers, fragments) and for our decoder's view of the same file.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LINKTYPE, type Frame } from '../capture/frame.js';
import { encodePcapng } from '../capture/write.js';
import { openCapture } from '../capture/open.js';
import { NetDecoder } from './decode.js';
import { buildIp, buildIpv6Fragments, buildSctpData, buildTcp, buildUdp, udpSegment } from './build.js';

const have = spawnSync('tshark', ['-v']).status === 0;

describe('builders and decoder against tshark', () => {
  it.skipIf(!have && !process.env.CI)('agrees on checksums, link types, MH and reassembled fragments', async () => {
    const a6 = { src: '2001:db8::1', dst: '2001:db8::2' };
    const payload = new Uint8Array(3000).map((_, i) => i);
    const frames: { data: Uint8Array; linktype: number }[] = [
      { linktype: 1, data: buildUdp({ ...a6, sport: 546, dport: 547, payload: Uint8Array.of(1, 2, 3) }) },
      { linktype: 1, data: buildUdp({ src: '192.0.2.1', dst: '192.0.2.2', sport: 434, dport: 434, payload: Uint8Array.of(1), vlans: [10, 20], tpid: 0x88a8 }) },
      { linktype: 1, data: buildTcp({ ...a6, sport: 40000, dport: 3868, seq: 100, ack: 5, flags: 'PA', payload: new Uint8Array(20) }) },
      { linktype: 1, data: buildSctpData({ ...a6, sport: 3868, dport: 3868, tsn: 1, ppid: 46, payload: new Uint8Array(20) }) },
      { linktype: 1, data: buildIp({ ...a6, proto: 135, payload: Uint8Array.of(59, 1, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0), ext: [{ type: 60 }] }) },
      ...buildIpv6Fragments({ ...a6, proto: 17, payload: udpSegment(a6.src, a6.dst, 1111, 2222, payload), fragSize: 1232 }).map((data) => ({ linktype: 1, data })),
      ...[LINKTYPE.RAW, LINKTYPE.NULL, LINKTYPE.LOOP, LINKTYPE.LINUX_SLL, LINKTYPE.LINUX_SLL2].map((linktype) => ({
        linktype, data: buildUdp({ ...a6, sport: 547, dport: 546, payload: Uint8Array.of(7), linktype }) })),
    ];
    const dir = mkdtempSync(join(tmpdir(), 'mip6-net-'));
    try {
      const path = join(dir, 'b.pcapng');
      writeFileSync(path, encodePcapng(frames.map((f, i) => ({ ts: i, ...f }))));
      const r = spawnSync('tshark', ['-r', path, '-o', 'udp.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'sctp.checksum:CRC-32C',
        '-o', 'ip.check_checksum:TRUE', '-T', 'fields', '-E', 'separator=;', '-e', 'frame.number', '-e', 'udp.checksum.status', '-e', 'tcp.checksum.status',
        '-e', 'sctp.checksum.status', '-e', 'ip.checksum.status', '-e', 'mip6.mhtype', '-e', 'udp.dstport', '-e', 'ipv6.src'], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      const rows = r.stdout.trim().split('\n').map((l) => l.split(';'));
      expect(rows).toHaveLength(frames.length);
      const col = (n: number, c: number): string => rows[n - 1]![c]!;
      expect([col(1, 1), col(2, 1), col(2, 4), col(3, 2), col(4, 3), col(5, 5)]).toEqual(['1', '1', '1', '1', '1', '5']);
      expect(col(8, 6)).toBe('2222'); // reassembled by tshark in the last fragment
      for (let n = 9; n <= 13; n++) expect([col(n, 1), col(n, 6), col(n, 7)]).toEqual(['1', '546', '2001:db8::1']);

      // our decoder on the same file
      const d = new NetDecoder({ verifyChecksums: true });
      const seen: string[] = [];
      for await (const f of openCapture(path) as AsyncIterable<Frame>) {
        const res = d.push(f);
        expect(res.issues).toEqual([]);
        for (const g of res.datagrams) {
          expect(g.issues).toEqual([]);
          seen.push(`${g.frame}:${g.transport}:${g.ipProto}:${g.dst.port}`);
        }
        for (const s of res.streams) seen.push(`${s.chunks[0]!.frame}:${s.transport}:${s.dst.port}`);
      }
      expect(seen).toEqual(['1:udp:17:547', '2:udp:17:434', '3:tcp:3868', '4:sctp:3868', '5:ip:135:0', '8:udp:17:2222',
        '9:udp:17:546', '10:udp:17:546', '11:udp:17:546', '12:udp:17:546', '13:udp:17:546']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
