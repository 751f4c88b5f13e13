// TCP transport against hostile local servers: every read ends by deadline + 1 s with a typed result.
import { spawn } from 'node:child_process';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectTcp, type TcpConn } from '../../src/probe/transport/tcp.js';
import { diameterLength, hostileServer, type Behaviour, type HostileServer } from './hostile.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function open(b: Behaviour, host = '127.0.0.1', maxBuffer?: number): Promise<{ srv: HostileServer; conn: TcpConn }> {
  const srv = await hostileServer(b, host);
  cleanups.push(() => srv.close());
  const r = await connectTcp({ host, port: srv.port, timeoutMs: 2000, ...(maxBuffer ? { maxBuffer } : {}) });
  if (r.kind !== 'connected') throw new Error(`connect failed: ${JSON.stringify(r)}`);
  cleanups.push(() => r.conn.close());
  return { srv, conn: r.conn };
}

async function timed<T>(p: Promise<T>): Promise<{ r: T; ms: number }> {
  const t = performance.now();
  const r = await p;
  return { r, ms: performance.now() - t };
}

describe('tcp transport vs hostile peers', () => {
  it('silent peer: readUntil ends with a timeout at the deadline', async () => {
    const { conn } = await open('silent');
    const { r, ms } = await timed(conn.readUntil(diameterLength, 800));
    expect(r).toMatchObject({ kind: 'timeout' });
    expect(ms).toBeGreaterThanOrEqual(790);
    expect(ms).toBeLessThan(1800);
  });

  it('1 byte/s drip: timeout with the partial bytes counted', async () => {
    const { conn } = await open('drip', '::1');
    expect(conn.remote.addr).toBe('::1');
    const { r, ms } = await timed(conn.readUntil(diameterLength, 2500));
    expect(r.kind).toBe('timeout');
    if (r.kind === 'timeout') expect(r.partial).toBeGreaterThanOrEqual(1);
    expect(ms).toBeLessThan(3500);
  });

  it('RST after our request: closed/rst', async () => {
    const { conn } = await open('rst');
    expect(await conn.write(Uint8Array.of(1, 2, 3))).toEqual({ kind: 'sent', bytes: 3 });
    const { r, ms } = await timed(conn.readUntil(diameterLength, 3000));
    expect(r).toMatchObject({ kind: 'closed', how: 'rst' });
    expect(ms).toBeLessThan(4000);
  });

  it('FIN mid-frame: closed/fin with the unframed rest', async () => {
    const { conn } = await open('fin', '::1');
    await conn.write(Uint8Array.of(0));
    const r = await conn.readUntil(diameterLength, 3000);
    expect(r).toMatchObject({ kind: 'closed', how: 'fin' });
    if (r.kind === 'closed') expect([...(r.rest ?? [])]).toEqual([1, 0]);
  });

  it('junk: invalid, at once', async () => {
    const { conn } = await open('junk');
    const { r, ms } = await timed(conn.readUntil(diameterLength, 3000));
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') expect(Buffer.from(r.data).toString()).toMatch(/^HTTP/);
    expect(ms).toBeLessThan(1000);
  });

  it('16 MB length claim: oversize before buffering it', async () => {
    const { conn } = await open('claim16m');
    const { r, ms } = await timed(conn.readUntil(diameterLength, 3000));
    expect(r).toMatchObject({ kind: 'oversize', claimed: 0xffffff, cap: 1 << 20 });
    expect(ms).toBeLessThan(4000);
  });

  it('endless stream with unknown framing: oversize at the cap, connection closed', async () => {
    const { conn } = await open('claim16m', '127.0.0.1', 256 * 1024);
    const { r, ms } = await timed(conn.readUntil(() => undefined, 5000));
    expect(r.kind).toBe('oversize');
    if (r.kind === 'oversize') {
      expect(r.cap).toBe(256 * 1024);
      expect(r.bytes).toBeGreaterThan(256 * 1024);
      expect(r.bytes).toBeLessThan(256 * 1024 + 1024 * 1024);
    }
    expect(ms).toBeLessThan(6000);
    // later reads keep reporting it; writes fail as values
    expect((await conn.read(100)).kind).toBe('oversize');
    expect((await conn.write(Uint8Array.of(1))).kind).toBe('error');
  });

  it('echo: frames are cut exactly and the rest stays buffered', async () => {
    const { conn } = await open('echo', '::1');
    const msg = (n: number, fill: number): Uint8Array => {
      const b = new Uint8Array(n).fill(fill);
      b.set([1, 0, 0, n], 0);
      return b;
    };
    await conn.write(new Uint8Array([...msg(20, 7), ...msg(24, 9)]));
    const a = await conn.readUntil(diameterLength, 2000);
    const b = await conn.readUntil(diameterLength, 2000);
    expect(a.kind === 'frame' && a.frame.length).toBe(20);
    expect(b.kind === 'frame' && b.frame[23]).toBe(9);
    await conn.end();
    expect(await conn.read(2000)).toMatchObject({ kind: 'closed', how: 'fin' });
  });

  it('refused connect is a typed error', async () => {
    const srv = await hostileServer('silent');
    const port = srv.port;
    await srv.close();
    const r = await connectTcp({ host: '127.0.0.1', port, timeoutMs: 1000 });
    expect(r).toMatchObject({ kind: 'error', code: 'ECONNREFUSED' });
  });

  it('connect to a listener whose accept queue is full: timeout at the deadline', async () => {
    // a python listener with backlog 0 that never accepts; a few connections fill its queue, later SYNs are dropped
    const py = spawn('python3', ['-c', 'import socket,sys\ns=socket.socket();s.bind(("127.0.0.1",0));s.listen(0)\nprint(s.getsockname()[1],flush=True);sys.stdin.read()'], {
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    cleanups.push(async () => {
      py.stdin!.end();
      if (py.exitCode === null) py.kill();
    });
    const port = await new Promise<number>((resolve) => py.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
    for (let i = 0; i < 4; i++) {
      const s = net.connect(port, '127.0.0.1');
      s.on('error', () => undefined);
      cleanups.push(async () => void s.destroy());
    }
    await new Promise((r) => setTimeout(r, 200));
    const { r, ms } = await timed(connectTcp({ host: '127.0.0.1', port, timeoutMs: 700 }));
    expect(r.kind).toBe('timeout');
    expect(ms).toBeLessThan(1700);
  });
});
