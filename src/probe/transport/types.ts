// The small interface shared by the probe transports (udp.ts, tcp.ts). Everything a target can do
// (answer, stay silent, reset, flood) comes back as a typed result, never as an exception.
import type { Endpoint } from '../../net/packet.js';

export type { Endpoint };

/** Where a target's silence or slowness ended a read. `partial` = bytes buffered but not yet a frame. */
export interface Timeout {
  kind: 'timeout';
  afterMs: number;
  partial?: number;
}

/** A socket-level failure (ECONNREFUSED, EHOSTUNREACH, EADDRNOTAVAIL ...). */
export interface NetError {
  kind: 'error';
  code: string;
  message: string;
}

/** The peer closed the connection: FIN (orderly) or RST. `rest` = bytes left unframed. */
export interface Closed {
  kind: 'closed';
  how: 'fin' | 'rst';
  rest?: Uint8Array;
}

/** The peer sent more than the buffer cap allows; the connection was closed by us. */
export interface Oversize {
  kind: 'oversize';
  /** bytes received in total on the connection */
  bytes: number;
  /** the frame length the peer claimed, when the framing predicate knew it */
  claimed?: number;
  cap: number;
}

export type SendResult = { kind: 'sent'; bytes: number } | NetError;

/**
 * What a transport reports to a recorder. Offsets are not tracked here: the recorder keeps TCP
 * sequence numbers itself. `ts` is epoch nanoseconds.
 */
export type TapEvent =
  | { type: 'datagram'; dir: 'out' | 'in'; tsNs: bigint; src: Endpoint; dst: Endpoint; payload: Uint8Array; truncated?: boolean }
  | { type: 'open'; tsNs: bigint; conn: string; client: Endpoint; server: Endpoint }
  | { type: 'segment'; dir: 'out' | 'in'; tsNs: bigint; conn: string; payload: Uint8Array }
  | { type: 'fin'; dir: 'out' | 'in'; tsNs: bigint; conn: string }
  | { type: 'rst'; dir: 'out' | 'in'; tsNs: bigint; conn: string };

export type Tap = (ev: TapEvent) => void;

/** Common to both transports. */
export interface Transport {
  readonly kind: 'udp' | 'tcp';
  readonly local: Endpoint;
  /** idempotent; resolves once the socket is closed */
  close(): Promise<void>;
}

/** Wall-clock now in epoch nanoseconds (ms resolution from Date, sub-ms from hrtime). */
export function nowNs(): bigint {
  return clockBase + (process.hrtime.bigint() - hrBase);
}
const hrBase = process.hrtime.bigint();
const clockBase = BigInt(Date.now()) * 1_000_000n;

/** Strip an IPv6 scope id ("fe80::1%m6c0" → "fe80::1") and an IPv4-mapped prefix. */
export function plainAddr(addr: string): string {
  const a = addr.split('%')[0] ?? addr;
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}

/** Connection key, the same for both directions: "[a]:p|[b]:q", sorted. */
export function connKey(a: Endpoint, b: Endpoint): string {
  const s = (e: Endpoint): string => `${e.addr.includes(':') ? `[${e.addr}]` : e.addr}:${e.port}`;
  const x = s(a);
  const y = s(b);
  return x < y ? `${x}|${y}` : `${y}|${x}`;
}

/** Milliseconds left until an absolute deadline (performance.now() based), never negative. */
export function msLeft(deadline: number): number {
  return Math.max(0, deadline - performance.now());
}
