// TCP transport for probes (Diameter RFC 6733 §2.1 over TCP). Hostile peers are expected: every read
// ends by its deadline, buffered bytes are capped (then the connection is closed and 'oversize'
// reported), and a reset or FIN is a result, not an exception.
import net from 'node:net';
import type { Closed, Endpoint, NetError, Oversize, SendResult, Tap, Timeout, Transport } from './types.js';
import { connKey, nowNs, plainAddr } from './types.js';
import { netError } from './udp.js';

export const DEFAULT_MAX_BUFFER = 1 << 20; // 1 MiB

export interface TcpOptions {
  host: string;
  port: number;
  /** connect timeout */
  timeoutMs: number;
  localAddr?: string;
  localPort?: number;
  /** cap on bytes buffered and not yet read (default 1 MiB) */
  maxBuffer?: number;
  tap?: Tap;
}

export type ConnectResult = { kind: 'connected'; conn: TcpConn } | Timeout | NetError;

export interface Data {
  kind: 'data';
  data: Uint8Array;
  tsNs: bigint;
}

/** One complete frame cut by readUntil; the bytes after it stay buffered. */
export interface FrameRead {
  kind: 'frame';
  frame: Uint8Array;
  tsNs: bigint;
}

/** The framing predicate rejected the buffered bytes (junk); they are consumed and returned. */
export interface Invalid {
  kind: 'invalid';
  data: Uint8Array;
}

export type TcpRead = Data | Closed | Timeout | Oversize | NetError;
export type TcpFrameRead = FrameRead | Invalid | Closed | Timeout | Oversize | NetError;

/**
 * Framing predicate for readUntil. Given the buffered bytes, return the total length of the first
 * frame when it is known (it may exceed what is buffered: readUntil then waits, or reports 'oversize'
 * at once when it exceeds the cap), undefined when more bytes are needed to tell, or 'invalid'.
 */
export type FrameLength = (buf: Uint8Array) => number | undefined | 'invalid';

export interface TcpConn extends Transport {
  readonly kind: 'tcp';
  readonly remote: Endpoint;
  /** connection key shared by both directions (as StreamData.conn) */
  readonly conn: string;
  readonly bytesReceived: number;
  write(data: Uint8Array): Promise<SendResult>;
  /** whatever is buffered now, or the next bytes / close / error, or a timeout after timeoutMs */
  read(timeoutMs: number): Promise<TcpRead>;
  /** the next complete frame per frameLength, or why there is none by timeoutMs */
  readUntil(frameLength: FrameLength, timeoutMs: number): Promise<TcpFrameRead>;
  /** send FIN (half-close); reading stays possible */
  end(): Promise<void>;
  /** abort with RST */
  reset(): Promise<void>;
}

/** Connect; never throws on network trouble. */
export function connectTcp(opts: TcpOptions): Promise<ConnectResult> {
  const start = performance.now();
  return new Promise<ConnectResult>((resolve) => {
    const sock = net.connect({
      host: opts.host,
      port: opts.port,
      allowHalfOpen: true,
      noDelay: true,
      ...(opts.localAddr !== undefined ? { localAddress: opts.localAddr } : {}),
      ...(opts.localPort !== undefined ? { localPort: opts.localPort } : {}),
    });
    let done = false;
    const finish = (r: ConnectResult): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.off('error', onErr);
      resolve(r);
    };
    const onErr = (e: NodeJS.ErrnoException): void => {
      sock.destroy();
      finish(netError(e));
    };
    const timer = setTimeout(() => {
      sock.destroy();
      finish({ kind: 'timeout', afterMs: Math.round(performance.now() - start) });
    }, opts.timeoutMs);
    sock.once('error', onErr);
    sock.once('connect', () => finish({ kind: 'connected', conn: new Conn(sock, opts) }));
  });
}

class Conn implements TcpConn {
  readonly kind = 'tcp' as const;
  readonly local: Endpoint;
  readonly remote: Endpoint;
  readonly conn: string;
  bytesReceived = 0;
  private buf: Buffer = Buffer.alloc(0);
  private bufTs = 0n;
  private ended: 'fin' | 'rst' | null = null;
  private error: NetError | null = null;
  private over: Oversize | null = null;
  private waiter: (() => void) | null = null;
  private finSent = false;
  private closing: Promise<void> | null = null;
  private readonly closedP: Promise<void>;
  private readonly cap: number;
  private readonly tap: Tap | undefined;

  constructor(
    private readonly sock: net.Socket,
    opts: TcpOptions,
  ) {
    this.cap = opts.maxBuffer ?? DEFAULT_MAX_BUFFER;
    this.tap = opts.tap;
    this.local = { addr: plainAddr(sock.localAddress ?? ''), port: sock.localPort ?? 0 };
    this.remote = { addr: plainAddr(sock.remoteAddress ?? ''), port: sock.remotePort ?? 0 };
    this.conn = connKey(this.local, this.remote);
    this.tap?.({ type: 'open', tsNs: nowNs(), conn: this.conn, client: this.local, server: this.remote });
    this.closedP = new Promise((resolve) => sock.once('close', () => resolve()));
    sock.on('data', (chunk: Buffer) => this.onData(chunk));
    sock.on('end', () => {
      this.tap?.({ type: 'fin', dir: 'in', tsNs: nowNs(), conn: this.conn });
      this.ended ??= 'fin';
      this.wake();
    });
    sock.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'ECONNRESET' || e.code === 'EPIPE') {
        if (!this.ended) this.tap?.({ type: 'rst', dir: 'in', tsNs: nowNs(), conn: this.conn });
        this.ended = 'rst';
      } else this.error ??= netError(e);
      this.wake();
    });
    sock.on('close', () => {
      // closed without FIN/RST/error seen: we closed it (oversize, close())
      this.wake();
    });
  }

  private onData(chunk: Buffer): void {
    if (this.over) return;
    const tsNs = nowNs();
    this.bytesReceived += chunk.length;
    this.tap?.({ type: 'segment', dir: 'in', tsNs, conn: this.conn, payload: new Uint8Array(chunk) });
    if (this.buf.length + chunk.length > this.cap) {
      this.overflow();
      return;
    }
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    this.bufTs = tsNs;
    this.wake();
  }

  private overflow(claimed?: number): Oversize {
    this.over ??= { kind: 'oversize', bytes: this.bytesReceived, cap: this.cap, ...(claimed !== undefined ? { claimed } : {}) };
    this.buf = Buffer.alloc(0);
    if (!this.sock.destroyed) {
      this.tap?.({ type: 'rst', dir: 'out', tsNs: nowNs(), conn: this.conn });
      this.sock.resetAndDestroy();
    }
    this.wake();
    return this.over;
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  /** wait for any event or until the absolute deadline (performance.now() ms) */
  private wait(deadline: number): Promise<void> {
    if (this.waiter) throw new Error('tcp: concurrent reads on one connection');
    return new Promise((resolve) => {
      const t = setTimeout(
        () => {
          this.waiter = null;
          resolve();
        },
        Math.max(0, deadline - performance.now()),
      );
      this.waiter = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  private terminal(): Closed | Oversize | NetError | Timeout | null {
    if (this.over) return this.over;
    if (this.error) return this.error;
    if (this.ended) return { kind: 'closed', how: this.ended, ...(this.buf.length ? { rest: new Uint8Array(this.buf) } : {}) };
    if (this.sock.destroyed) return { kind: 'error', code: 'ENOTCONN', message: 'connection closed locally' };
    return null;
  }

  async read(timeoutMs: number): Promise<TcpRead> {
    const start = performance.now();
    const deadline = start + timeoutMs;
    for (;;) {
      if (this.buf.length) {
        const data = new Uint8Array(this.buf);
        this.buf = Buffer.alloc(0);
        return { kind: 'data', data, tsNs: this.bufTs };
      }
      const t = this.terminal();
      if (t) return t;
      if (performance.now() >= deadline) return { kind: 'timeout', afterMs: Math.round(performance.now() - start) };
      await this.wait(deadline);
    }
  }

  async readUntil(frameLength: FrameLength, timeoutMs: number): Promise<TcpFrameRead> {
    const start = performance.now();
    const deadline = start + timeoutMs;
    for (;;) {
      if (this.over) return this.over;
      if (this.buf.length) {
        const n = frameLength(this.buf);
        if (n === 'invalid') {
          const data = new Uint8Array(this.buf);
          this.buf = Buffer.alloc(0);
          return { kind: 'invalid', data };
        }
        if (n !== undefined && n > this.cap) return this.overflow(n);
        if (n !== undefined && n > 0 && n <= this.buf.length) {
          const frame = new Uint8Array(this.buf.subarray(0, n));
          this.buf = this.buf.subarray(n);
          return { kind: 'frame', frame, tsNs: this.bufTs };
        }
      }
      const t = this.terminal();
      if (t) return t;
      if (performance.now() >= deadline)
        return { kind: 'timeout', afterMs: Math.round(performance.now() - start), ...(this.buf.length ? { partial: this.buf.length } : {}) };
      await this.wait(deadline);
    }
  }

  write(data: Uint8Array): Promise<SendResult> {
    if (this.closing) throw new Error('tcp: write on a closed connection');
    if (this.sock.destroyed || this.finSent) return Promise.resolve({ kind: 'error', code: 'ENOTCONN', message: 'connection closed' });
    this.tap?.({ type: 'segment', dir: 'out', tsNs: nowNs(), conn: this.conn, payload: data });
    return new Promise((resolve) => {
      this.sock.write(data, (err) => resolve(err ? netError(err) : { kind: 'sent', bytes: data.length }));
    });
  }

  end(): Promise<void> {
    if (!this.finSent && !this.sock.destroyed) {
      this.finSent = true;
      this.tap?.({ type: 'fin', dir: 'out', tsNs: nowNs(), conn: this.conn });
      return new Promise((resolve) => this.sock.end(() => resolve()));
    }
    return Promise.resolve();
  }

  reset(): Promise<void> {
    if (!this.sock.destroyed) {
      this.tap?.({ type: 'rst', dir: 'out', tsNs: nowNs(), conn: this.conn });
      this.sock.resetAndDestroy();
    }
    return this.close();
  }

  close(): Promise<void> {
    if (!this.closing) {
      if (!this.sock.destroyed) {
        if (!this.finSent) this.tap?.({ type: 'fin', dir: 'out', tsNs: nowNs(), conn: this.conn });
        this.finSent = true;
        this.sock.destroy();
      }
      this.closing = this.closedP;
    }
    this.wake();
    return this.closing;
  }
}
