// The tester as a Diameter server (probe nas): listen, accept the target's connection, read frames with the same
// guarantees as transport/tcp.ts (deadline on every read, bounded buffer, FIN/RST as results). The recorder takes the
// tester for the client of every connection, so the recorded handshake starts from our side; data directions are right.
import net from 'node:net';
import { netError } from '../transport/udp.js';
import type { FrameLength, TcpFrameRead } from '../transport/tcp.js';
import { DEFAULT_MAX_BUFFER } from '../transport/tcp.js';
import { connKey, nowNs, plainAddr, type Endpoint, type SendResult, type Tap, type Timeout } from '../transport/types.js';
import type { Link } from '../diameter-peer.js';

export interface ListenOptions {
  bind: string;
  port: number;
  /** only connections from this address are accepted (others are reset, unrecorded); undefined = any */
  from?: string;
  maxBuffer?: number;
  tap?: Tap;
}

export interface Listener {
  readonly local: Endpoint;
  /** the next accepted connection, or a timeout */
  accept(timeoutMs: number): Promise<Link | Timeout>;
  close(): Promise<void>;
}

export type ListenResult = { kind: 'listening'; listener: Listener } | { kind: 'error'; code: string; message: string };

export function listenTcp(o: ListenOptions): Promise<ListenResult> {
  return new Promise((resolve) => {
    const queue: Accepted[] = [];
    const conns = new Set<Accepted>();
    let waiter: (() => void) | null = null;
    const server = net.createServer({ allowHalfOpen: true }, (s) => {
      const remote = plainAddr(s.remoteAddress ?? '');
      if (o.from && remote !== plainAddr(o.from)) {
        s.on('error', () => undefined);
        s.resetAndDestroy();
        return;
      }
      const a = new Accepted(s, o.maxBuffer ?? DEFAULT_MAX_BUFFER, o.tap);
      conns.add(a);
      queue.push(a);
      const w = waiter;
      waiter = null;
      w?.();
    });
    server.once('error', (e: NodeJS.ErrnoException) => resolve(netError(e)));
    server.listen({ host: o.bind, port: o.port, ipv6Only: o.bind.includes(':') }, () => {
      const addr = server.address() as net.AddressInfo;
      const listener: Listener = {
        local: { addr: plainAddr(addr.address), port: addr.port },
        async accept(timeoutMs) {
          const start = performance.now();
          if (!queue.length) {
            await new Promise<void>((res) => {
              const t = setTimeout(() => {
                waiter = null;
                res();
              }, timeoutMs);
              waiter = () => {
                clearTimeout(t);
                res();
              };
            });
          }
          const a = queue.shift();
          return a ?? { kind: 'timeout', afterMs: Math.round(performance.now() - start) };
        },
        close: () =>
          new Promise<void>((res) => {
            for (const c of conns) void c.close();
            server.close(() => res());
          }),
      };
      resolve({ kind: 'listening', listener });
    });
  });
}

/** An accepted connection; the same read semantics as transport/tcp.ts Conn. */
class Accepted implements Link {
  readonly local: Endpoint;
  readonly remote: Endpoint;
  readonly conn: string;
  bytesReceived = 0;
  private buf: Buffer = Buffer.alloc(0);
  private ended: 'fin' | 'rst' | null = null;
  private err: { kind: 'error'; code: string; message: string } | null = null;
  private over = false;
  private waiter: (() => void) | null = null;
  private readonly closedP: Promise<void>;
  private closedByUs = false;

  constructor(
    private readonly sock: net.Socket,
    private readonly cap: number,
    private readonly tap: Tap | undefined,
  ) {
    this.local = { addr: plainAddr(sock.localAddress ?? ''), port: sock.localPort ?? 0 };
    this.remote = { addr: plainAddr(sock.remoteAddress ?? ''), port: sock.remotePort ?? 0 };
    this.conn = connKey(this.local, this.remote);
    sock.setNoDelay(true);
    // recorder convention: the tester is the client side of the connection
    this.tap?.({ type: 'open', tsNs: nowNs(), conn: this.conn, client: this.local, server: this.remote });
    this.closedP = new Promise((r) => sock.once('close', () => r()));
    sock.on('data', (c: Buffer) => {
      if (this.over) return;
      this.bytesReceived += c.length;
      this.tap?.({ type: 'segment', dir: 'in', tsNs: nowNs(), conn: this.conn, payload: new Uint8Array(c) });
      if (this.buf.length + c.length > this.cap) return this.overflow();
      this.buf = this.buf.length ? Buffer.concat([this.buf, c]) : c;
      this.wake();
    });
    sock.on('end', () => {
      this.tap?.({ type: 'fin', dir: 'in', tsNs: nowNs(), conn: this.conn });
      this.ended ??= 'fin';
      this.wake();
    });
    sock.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') {
        if (!this.ended) this.tap?.({ type: 'rst', dir: 'in', tsNs: nowNs(), conn: this.conn });
        this.ended = 'rst';
      } else this.err ??= netError(e);
      this.wake();
    });
    sock.on('close', () => this.wake());
  }

  private overflow(): void {
    this.over = true;
    this.buf = Buffer.alloc(0);
    if (!this.sock.destroyed) {
      this.tap?.({ type: 'rst', dir: 'out', tsNs: nowNs(), conn: this.conn });
      this.sock.resetAndDestroy();
    }
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  async readUntil(frameLength: FrameLength, timeoutMs: number): Promise<TcpFrameRead> {
    const start = performance.now();
    const deadline = start + timeoutMs;
    for (;;) {
      if (this.over) return { kind: 'oversize', bytes: this.bytesReceived, cap: this.cap };
      if (this.buf.length) {
        const n = frameLength(this.buf);
        if (n === 'invalid') {
          const data = new Uint8Array(this.buf);
          this.buf = Buffer.alloc(0);
          return { kind: 'invalid', data };
        }
        if (n !== undefined && n > this.cap) {
          this.overflow();
          return { kind: 'oversize', bytes: this.bytesReceived, cap: this.cap, claimed: n };
        }
        if (n !== undefined && n <= this.buf.length) {
          const frame = new Uint8Array(this.buf.subarray(0, n));
          this.buf = this.buf.subarray(n);
          return { kind: 'frame', frame, tsNs: nowNs() };
        }
      }
      if (this.err) return this.err;
      if (this.ended) return { kind: 'closed', how: this.ended, ...(this.buf.length ? { rest: new Uint8Array(this.buf) } : {}) };
      if (this.sock.destroyed) return { kind: 'error', code: 'ENOTCONN', message: 'connection closed locally' };
      const left = deadline - performance.now();
      if (left <= 0) return { kind: 'timeout', afterMs: Math.round(performance.now() - start), ...(this.buf.length ? { partial: this.buf.length } : {}) };
      await new Promise<void>((res) => {
        const t = setTimeout(() => {
          this.waiter = null;
          res();
        }, left);
        this.waiter = () => {
          clearTimeout(t);
          res();
        };
      });
    }
  }

  write(data: Uint8Array): Promise<SendResult> {
    if (this.sock.destroyed || this.closedByUs) return Promise.resolve({ kind: 'error', code: 'ENOTCONN', message: 'connection closed' });
    this.tap?.({ type: 'segment', dir: 'out', tsNs: nowNs(), conn: this.conn, payload: data });
    return new Promise((res) => this.sock.write(data, (e) => res(e ? netError(e) : { kind: 'sent', bytes: data.length })));
  }

  end(): Promise<void> {
    if (this.closedByUs || this.sock.destroyed) return Promise.resolve();
    this.closedByUs = true;
    this.tap?.({ type: 'fin', dir: 'out', tsNs: nowNs(), conn: this.conn });
    return new Promise((res) => this.sock.end(() => res()));
  }

  reset(): Promise<void> {
    if (!this.sock.destroyed) {
      this.tap?.({ type: 'rst', dir: 'out', tsNs: nowNs(), conn: this.conn });
      this.sock.resetAndDestroy();
    }
    return this.closedP;
  }

  close(): Promise<void> {
    if (!this.sock.destroyed) {
      if (!this.closedByUs) this.tap?.({ type: 'fin', dir: 'out', tsNs: nowNs(), conn: this.conn });
      this.closedByUs = true;
      this.sock.destroy();
    }
    this.wake();
    return this.closedP;
  }
}
