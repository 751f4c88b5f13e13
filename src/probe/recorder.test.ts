import { execFileSync } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hostileServer } from '../../test/peers/hostile.js';
import { findBinary } from './peers.js';
import { Recorder } from './recorder.js';
import { connectTcp } from './transport/tcp.js';
import { openUdp } from './transport/udp.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** a Diameter DWR (RFC 6733 §5.5.1) with Origin-Host and Origin-Realm */
function dwr(hbh: number): Uint8Array {
  const avp = (code: number, s: string): Buffer => {
    const v = Buffer.from(s);
    const len = 8 + v.length;
    const b = Buffer.alloc((len + 3) & ~3);
    b.writeUInt32BE(code, 0);
    b.writeUInt32BE(((0x40 << 24) | len) >>> 0, 4);
    v.copy(b, 8);
    return b;
  };
  const body = Buffer.concat([avp(264, 'tester.test.realm'), avp(296, 'test.realm')]);
  const h = Buffer.alloc(20);
  h.writeUInt32BE((1 << 24) | (20 + body.length), 0);
  h.writeUInt32BE(((0x80 << 24) | 280) >>> 0, 4);
  h.writeUInt32BE(hbh, 12);
  h.writeUInt32BE(hbh, 16);
  return Buffer.concat([h, body]);
}

function tshark(file: string, args: string[]): string[] {
  return execFileSync('tshark', ['-r', file, '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE', ...args], { encoding: 'utf8' })
    .trimEnd()
    .split('\n');
}

const haveTshark = !!findBinary('tshark');
if (!haveTshark && process.env.CI) throw new Error('tshark missing in CI');

describe('recorder', () => {
  it('records UDP and TCP with consistent sequence numbers; tshark agrees frame by frame', { skip: !haveTshark }, async () => {
    const rec = new Recorder({ mss: 7 }); // tiny segments: tshark must reassemble each Diameter message

    const echo = dgram.createSocket('udp6');
    echo.on('message', (m, r) => echo.send(m, r.port, r.address));
    await new Promise<void>((resolve) => echo.bind(0, '::1', () => resolve()));
    cleanups.push(() => new Promise<void>((resolve) => echo.close(() => resolve())));
    const u = await openUdp({ bind: '::1', tap: rec.tap });
    if (u.kind !== 'udp') throw new Error(u.message);
    cleanups.push(() => u.close());
    await u.send(Uint8Array.of(11, 0x12, 0x34, 0x56), { addr: '::1', port: echo.address().port }); // DHCPv6 IR header
    expect((await u.receive(2000)).kind).toBe('datagram');

    const srv = await hostileServer('echo', '127.0.0.1');
    cleanups.push(() => srv.close());
    const c = await connectTcp({ host: '127.0.0.1', port: srv.port, timeoutMs: 2000, tap: rec.tap });
    if (c.kind !== 'connected') throw new Error(JSON.stringify(c));
    cleanups.push(() => c.conn.close());
    const m1 = dwr(1);
    const m2 = dwr(2);
    await c.conn.write(m1.subarray(0, 10)); // a message split across writes
    await c.conn.write(new Uint8Array([...m1.subarray(10), ...m2]));
    let got = 0;
    while (got < m1.length + m2.length) {
      const r = await c.conn.read(2000);
      if (r.kind !== 'data') throw new Error(JSON.stringify(r));
      got += r.data.length;
    }
    await c.conn.end();
    expect(await c.conn.read(2000)).toMatchObject({ kind: 'closed', how: 'fin' });
    await c.conn.close();

    const recs = rec.records();
    expect(recs.map((r) => r.frame)).toEqual(recs.map((_, i) => i + 1));
    expect(recs.slice(0, 2).map((r) => [r.transport, r.dir])).toEqual([['udp', 'sent'], ['udp', 'received']]);
    const tcp = recs.filter((r) => r.transport === 'tcp');
    expect(tcp.slice(0, 3).map((r) => r.tcp?.flags)).toEqual(['S', 'SA', 'A']);
    expect(new Set(tcp.map((r) => r.conn)).size).toBe(1);
    const sentBytes = Buffer.concat(tcp.filter((r) => r.dir === 'sent').map((r) => r.payload));
    expect(Buffer.compare(sentBytes, Buffer.concat([m1, m2]))).toBe(0);
    expect(rec.frames()[0]).toMatchObject({ no: 1, linktype: 1, iface: 0 });

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'm6rec-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'probe.pcapng');
    await rec.save(file);

    const lines = tshark(file, ['-T', 'fields', '-e', 'frame.number']);
    expect(lines.length).toBe(recs.length);
    // no TCP analysis warnings (lost segments, retransmissions, ...) and no bad checksums / malformed
    const expert = tshark(file, ['-Y', 'tcp.analysis.flags || _ws.malformed || _ws.expert.severity >= warning || tcp.checksum.status == 0 || udp.checksum.status == 0']);
    expect(expert.filter(Boolean)).toEqual([]);
    // reassembly: each Diameter DWR decodes whole, in both directions
    const dia = tshark(file, ['-d', `tcp.port==${srv.port},diameter`, '-Y', 'diameter.cmd.code == 280', '-T', 'fields', '-e', 'diameter.hopbyhopid']);
    expect(dia.join(',').split(',').map(Number).sort()).toEqual([1, 1, 2, 2]);
  });

  it('a reset connection ends with an RST frame; encode() equals what save() writes', async () => {
    const rec = new Recorder({ linktype: 101 });
    const srv = await hostileServer('rst', '::1');
    cleanups.push(() => srv.close());
    const c = await connectTcp({ host: '::1', port: srv.port, timeoutMs: 2000, tap: rec.tap });
    if (c.kind !== 'connected') throw new Error(JSON.stringify(c));
    cleanups.push(() => c.conn.close());
    await c.conn.write(Uint8Array.of(1));
    expect(await c.conn.read(2000)).toMatchObject({ kind: 'closed', how: 'rst' });
    const flags = rec.records().map((r) => r.tcp?.flags);
    expect(flags).toEqual(['S', 'SA', 'A', 'PA', 'RA']);
    const last = rec.records().at(-1)!;
    expect(last).toMatchObject({ dir: 'received', src: { addr: '::1', port: srv.port } });
    expect(last.bytes[0]! >> 4).toBe(6); // RAW linktype: the frame starts with the IPv6 header
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'm6rec-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    await rec.save(path.join(dir, 'x.pcapng'));
    expect(Buffer.compare(fs.readFileSync(path.join(dir, 'x.pcapng')), rec.encode())).toBe(0);
    await expect(rec.save(path.join(dir, 'no', 'such', 'dir.pcapng'))).rejects.toThrow();
  });
});
