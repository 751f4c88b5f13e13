// UDP transport for probes (DHCPv6 RFC 8415 §7.2 ports 546/547, MIPv4, PANA, IKEv2).
// Incoming datagrams wait in a bounded queue; receive() always returns by its deadline.
import { collectWithin, wakeableSleep } from './wait.js';
import dgram from 'node:dgram';
import { isIPv4 } from 'node:net';
import type { Endpoint, NetError, SendResult, Tap, Timeout, Transport } from './types.js';
import { nowNs, plainAddr } from './types.js';

export interface UdpOptions {
  /** local address; default '::' (or '0.0.0.0' for family 4). May carry a scope id: 'fe80::1%m6c0' */
  bind?: string;
  /** local port; 0 (default) = ephemeral */
  port?: number;
  family?: 4 | 6;
  /** interface for link-local multicast: outgoing interface and group membership scope */
  iface?: string;
  /** multicast groups to join on iface (e.g. 'ff02::1:2') */
  join?: string[];
  /** datagrams kept while nobody reads (default 256); newer ones are dropped and counted */
  maxQueue?: number;
  /** bytes kept per datagram (default 65535); longer ones are cut and flagged */
  maxDatagram?: number;
  /** IPv6 hop limit / IPv4 TTL for unicast and multicast sends */
  hopLimit?: number;
  tap?: Tap;
}

export interface Datagram {
  kind: 'datagram';
  data: Uint8Array;
  from: Endpoint;
  /** epoch nanoseconds when it arrived */
  tsNs: bigint;
  /** the datagram was longer than maxDatagram; data holds the first maxDatagram bytes */
  truncated?: { origLen: number };
}

export type UdpReceive = Datagram | Timeout | NetError;

export interface UdpSocket extends Transport {
  readonly kind: 'udp';
  send(data: Uint8Array, to: Endpoint): Promise<SendResult>;
  /** next queued datagram (matching `match`, when given), or a timeout after timeoutMs */
  receive(timeoutMs: number, match?: (d: Datagram) => boolean): Promise<UdpReceive>;
  /** every datagram arriving within windowMs (bounded by the queue cap) */
  collect(windowMs: number, match?: (d: Datagram) => boolean): Promise<Datagram[]>;
  /** datagrams dropped because the queue was full */
  readonly dropped: number;
}

/** Open and bind a UDP socket. Bind failures come back as a NetError; the socket is then closed. */
export async function openUdp(opts: UdpOptions = {}): Promise<UdpSocket | NetError> {
  const family = opts.family ?? (opts.bind && isIPv4(opts.bind) ? 4 : 6);
  const sock = dgram.createSocket({ type: family === 4 ? 'udp4' : 'udp6', reuseAddr: false });
  const bindAddr = opts.bind ?? (family === 4 ? '0.0.0.0' : '::');
  const bound = await new Promise<NetError | null>((resolve) => {
    const onErr = (e: NodeJS.ErrnoException): void => resolve(netError(e));
    sock.once('error', onErr);
    sock.bind({ address: bindAddr, port: opts.port ?? 0, exclusive: true }, () => {
      sock.off('error', onErr);
      resolve(null);
    });
  });
  if (bound) {
    await closeQuietly(sock);
    return bound;
  }
  try {
    if (opts.iface && family === 6) sock.setMulticastInterface(`::%${opts.iface}`);
    if (opts.hopLimit !== undefined) {
      sock.setTTL(opts.hopLimit);
      sock.setMulticastTTL(opts.hopLimit);
    }
    for (const g of opts.join ?? []) sock.addMembership(g, family === 6 && opts.iface ? `::%${opts.iface}` : undefined);
  } catch (e) {
    await closeQuietly(sock);
    return netError(e as NodeJS.ErrnoException);
  }
  return new UdpSock(sock, opts);
}

class UdpSock implements UdpSocket {
  readonly kind = 'udp' as const;
  readonly local: Endpoint;
  dropped = 0;
  private readonly queue: Datagram[] = [];
  private waiter: (() => void) | null = null;
  private error: NetError | null = null;
  private closed: Promise<void> | null = null;
  private readonly maxQueue: number;
  private readonly maxDatagram: number;

  constructor(
    private readonly sock: dgram.Socket,
    private readonly opts: UdpOptions,
  ) {
    const a = sock.address();
    this.local = { addr: plainAddr(a.address), port: a.port };
    this.maxQueue = opts.maxQueue ?? 256;
    this.maxDatagram = opts.maxDatagram ?? 65535;
    sock.on('message', (msg, rinfo) => this.onMessage(msg, rinfo));
    sock.on('error', (e) => {
      this.error = netError(e);
      this.wake();
    });
  }

  private onMessage(msg: Buffer, rinfo: dgram.RemoteInfo): void {
    const tsNs = nowNs();
    const from = { addr: plainAddr(rinfo.address), port: rinfo.port };
    const truncated = msg.length > this.maxDatagram;
    const data = new Uint8Array(msg.subarray(0, this.maxDatagram));
    this.opts.tap?.({ type: 'datagram', dir: 'in', tsNs, src: from, dst: this.local, payload: data, ...(truncated ? { truncated } : {}) });
    if (this.queue.length >= this.maxQueue) {
      this.dropped++;
      return;
    }
    this.queue.push({ kind: 'datagram', data, from, tsNs, ...(truncated ? { truncated: { origLen: msg.length } } : {}) });
    this.wake();
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  async send(data: Uint8Array, to: Endpoint): Promise<SendResult> {
    if (this.closed) throw new Error('udp: send on a closed socket');
    const tsNs = nowNs();
    return new Promise<SendResult>((resolve) => {
      try {
        this.sock.send(data, to.port, to.addr, (err) => {
          if (err) return resolve(netError(err));
          this.opts.tap?.({ type: 'datagram', dir: 'out', tsNs, src: this.local, dst: { addr: plainAddr(to.addr), port: to.port }, payload: data });
          resolve({ kind: 'sent', bytes: data.length });
        });
      } catch (e) {
        resolve(netError(e as NodeJS.ErrnoException));
      }
    });
  }

  private take(match?: (d: Datagram) => boolean): Datagram | undefined {
    const i = match ? this.queue.findIndex(match) : this.queue.length ? 0 : -1;
    return i < 0 ? undefined : this.queue.splice(i, 1)[0];
  }

  async receive(timeoutMs: number, match?: (d: Datagram) => boolean): Promise<UdpReceive> {
    if (this.waiter) throw new Error('udp: concurrent receive() on one socket');
    const start = performance.now();
    for (;;) {
      const d = this.take(match);
      if (d) return d;
      if (this.error) {
        const e = this.error; // reported once; the socket stays usable
        this.error = null;
        return e;
      }
      if (this.closed) return { kind: 'timeout', afterMs: Math.round(performance.now() - start) };
      const left = timeoutMs - (performance.now() - start);
      if (left <= 0) return { kind: 'timeout', afterMs: Math.round(performance.now() - start) };
      await wakeableSleep(left, (w) => (this.waiter = w));
    }
  }

  collect(windowMs: number, match?: (d: Datagram) => boolean): Promise<Datagram[]> {
    return collectWithin((t, m) => this.receive(t, m), windowMs, match);
  }

  close(): Promise<void> {
    this.closed ??= closeQuietly(this.sock);
    this.wake();
    return this.closed;
  }
}

function closeQuietly(sock: dgram.Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      sock.close(() => resolve());
    } catch {
      resolve(); // already closed
    }
  });
}

export function netError(e: NodeJS.ErrnoException): NetError {
  return { kind: 'error', code: e.code ?? 'EUNKNOWN', message: e.message };
}
