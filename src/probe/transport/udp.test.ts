import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import type { TapEvent } from './types.js';
import { openUdp, type UdpSocket } from './udp.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** tiny echo server on [::1]: answers every datagram with its bytes reversed */
async function echoServer(host = '::1'): Promise<number> {
  const s = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
  s.on('message', (m, r) => s.send(Buffer.from(m).reverse(), r.port, r.address));
  await new Promise<void>((resolve) => s.bind(0, host, () => resolve()));
  cleanups.push(() => new Promise<void>((resolve) => s.close(() => resolve())));
  return s.address().port;
}

async function open(opts: Parameters<typeof openUdp>[0]): Promise<UdpSocket> {
  const s = await openUdp(opts);
  if (s.kind !== 'udp') throw new Error(`bind failed: ${s.message}`);
  cleanups.push(() => s.close());
  return s;
}

describe('udp transport', () => {
  it('round trip on [::1] with an ephemeral port, tapped both ways', async () => {
    const port = await echoServer();
    const taps: TapEvent[] = [];
    const s = await open({ bind: '::1', tap: (e) => taps.push(e) });
    expect(s.local.port).toBeGreaterThan(0);
    expect(await s.send(Uint8Array.of(1, 2, 3), { addr: '::1', port })).toEqual({ kind: 'sent', bytes: 3 });
    const r = await s.receive(2000);
    expect(r.kind).toBe('datagram');
    if (r.kind === 'datagram') {
      expect([...r.data]).toEqual([3, 2, 1]);
      expect(r.from).toEqual({ addr: '::1', port });
    }
    expect(taps.map((t) => t.type === 'datagram' && t.dir)).toEqual(['out', 'in']);
  });

  it('IPv4 round trip', async () => {
    const port = await echoServer('127.0.0.1');
    const s = await open({ bind: '127.0.0.1' });
    await s.send(Uint8Array.of(9, 8), { addr: '127.0.0.1', port });
    expect(await s.receive(2000)).toMatchObject({ kind: 'datagram', from: { addr: '127.0.0.1', port } });
  });

  it('silence is a timeout result, near the deadline', async () => {
    const s = await open({ bind: '::1' });
    const t = performance.now();
    const r = await s.receive(300);
    expect(r.kind).toBe('timeout');
    expect(performance.now() - t).toBeGreaterThanOrEqual(290);
    expect(performance.now() - t).toBeLessThan(1300);
  });

  it('queue is bounded, oversize datagrams are cut and flagged, match keeps others queued', async () => {
    const s = await open({ bind: '::1', maxQueue: 3, maxDatagram: 8 });
    const tx = await open({ bind: '::1' });
    for (let i = 0; i < 5; i++) await tx.send(new Uint8Array(i === 0 ? 100 : 4).fill(i), s.local);
    await new Promise((r) => setTimeout(r, 100));
    expect(s.dropped).toBe(2);
    const second = await s.receive(500, (d) => d.data[0] === 1);
    expect(second.kind === 'datagram' && second.data[0]).toBe(1);
    const first = await s.receive(500);
    expect(first).toMatchObject({ kind: 'datagram', truncated: { origLen: 100 } });
    if (first.kind === 'datagram') expect(first.data.length).toBe(8);
    const rest = await s.collect(200);
    expect(rest.map((d) => d.data[0])).toEqual([2]);
  });

  it('bind to a port in use, or a foreign address, is a typed error', async () => {
    const a = await open({ bind: '::1' });
    expect(await openUdp({ bind: '::1', port: a.local.port })).toMatchObject({ kind: 'error', code: 'EADDRINUSE' });
    expect(await openUdp({ bind: '2001:db8::1' })).toMatchObject({ kind: 'error', code: 'EADDRNOTAVAIL' });
  });

  it('close is idempotent and ends a pending receive', async () => {
    const s = await open({ bind: '::1' });
    const p = s.receive(5000);
    await s.close();
    await s.close();
    expect((await p).kind).toBe('timeout');
  });
});
