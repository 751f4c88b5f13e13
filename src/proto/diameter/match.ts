// Pairs Diameter requests with answers (RFC 6733 §6.2: the answer carries the request's Hop-by-Hop and End-to-End
// Identifiers and travels the reverse way on the same connection). Streaming: transactions are released once the
// capture clock passes request time + settings['flow.window'] (so a duplicate answer still lands in answers[]).
//
// Per-connection state for the capabilities-exchange checks (RFC 6733 §5.3, §5.6.1): every transaction carries
// legs.cer / legs.cea with the connection's CER and CEA when they were seen before the request, and legs.first with
// the connection's first message. That is all the matcher keeps; the peer state machine itself is the assertions' job.
import type { Message } from '../../flow/message.js';
import type { Endpoint } from '../../net/packet.js';
import type { Matcher, Transaction } from '../../flow/transaction.js';
import { findAvp } from './build.js';
import { CMD } from './header.js';
import type { DiameterMessage } from './message.js';

export const KIND = { exchange: 'diameter.exchange', orphan: 'diameter.orphan-answer', undecodable: 'diameter.undecodable' } as const;

interface Open {
  /** set to null once released (the queue entry then only waits for its deadline to pass) */
  tx: Transaction<DiameterMessage>;
  key: string;
  deadline: number;
}

interface ConnState {
  first: Message<DiameterMessage>;
  cer?: Message<DiameterMessage>;
  cea?: Message<DiameterMessage>;
}

const ep = (e: { addr: string; port: number }) => `${e.addr}:${e.port}`;
const connOf = (m: Message) => m.conn ?? [ep(m.src), ep(m.dst)].sort().join('|');

export class DiameterMatcher implements Matcher {
  private readonly open = new Map<string, Open>();
  /** open transactions in request order, for expiry */
  private queue: Open[] = [];
  private qHead = 0;
  private readonly conns = new Map<string, ConnState>();
  private readonly windowMs: number;

  constructor(windowSeconds = 5) {
    this.windowMs = windowSeconds * 1000;
  }

  push(raw: Message): Transaction[] {
    const msg = raw as Message<DiameterMessage>;
    const out = this.expire(msg.ts);
    const conn = connOf(msg);
    let cs = this.conns.get(conn);
    if (!cs) this.conns.set(conn, (cs = { first: msg }));
    const v = msg.value;
    if (msg.raw.length < 20) {
      out.push({ proto: 'diameter', kind: KIND.undecodable, request: msg, answers: [] });
      return out;
    }
    const request = (v.flags & CMD.R) !== 0;
    if (request) {
      const key = `${conn}|${ep(msg.src)}>${ep(msg.dst)}|${v.hopByHop}|${v.endToEnd}`;
      const dup = this.open.get(key);
      if (dup && dup.tx.answers.length === 0) {
        // a retransmission (T bit) or a reused identifier before the answer: keep it with the first request
        (dup.tx.legs!.retransmits ??= []).push(msg);
        return out;
      }
      const tx: Transaction<DiameterMessage> = { proto: 'diameter', kind: KIND.exchange, request: msg, answers: [], legs: { first: [cs.first] } };
      if (cs.cer) tx.legs!.cer = [cs.cer];
      if (cs.cea) tx.legs!.cea = [cs.cea];
      const sid = sessionOf(v);
      if (sid !== undefined) tx.session = sid;
      if (v.commandCode === 257) cs.cer = msg;
      const o = { tx, key, deadline: msg.ts * 1000 + this.windowMs };
      if (dup) this.release(dup, out);
      this.open.set(key, o);
      this.queue.push(o);
      return out;
    }
    const key = `${conn}|${ep(msg.dst)}>${ep(msg.src)}|${v.hopByHop}|${v.endToEnd}`;
    const o = this.open.get(key);
    if (o && o.tx.request.value.commandCode === v.commandCode) {
      o.tx.answers.push(msg);
      if (v.commandCode === 257 && !cs.cea) cs.cea = msg;
      // answered: judged now, not held to the deadline (memory stays flat on busy links); a later duplicate
      // answer finds no request and is reported as an orphan answer
      this.release(o, out);
      return out;
    }
    const tx: Transaction<DiameterMessage> = { proto: 'diameter', kind: KIND.orphan, request: msg, answers: [], legs: { first: [cs.first] } };
    const sid = sessionOf(v);
    if (sid !== undefined) tx.session = sid;
    out.push(tx);
    return out;
  }

  flush(): Transaction[] {
    const out: Transaction[] = [];
    for (let i = this.qHead; i < this.queue.length; i++) {
      const o = this.queue[i]!;
      if (this.open.get(o.key) === o) this.release(o, out);
    }
    this.queue = [];
    this.qHead = 0;
    this.open.clear();
    return out;
  }

  close(conn: string, how: 'fin' | 'rst', frame: number, closer: Endpoint): Transaction[] {
    const out: Transaction[] = [];
    for (const o of [...this.open.values()]) {
      if (!o.key.startsWith(`${conn}|`)) continue;
      const d = o.tx.request.dst;
      const by = d.addr === closer.addr && d.port === closer.port ? 'answerer' : 'requester';
      if (o.tx.answers.length === 0) o.tx.closed = { how, frame, by };
      this.release(o, out);
    }
    this.conns.delete(conn);
    return out;
  }

  private expire(ts: number): Transaction[] {
    const out: Transaction[] = [];
    const now = ts * 1000;
    while (this.qHead < this.queue.length && this.queue[this.qHead]!.deadline < now) {
      const o = this.queue[this.qHead++]!;
      if (this.open.get(o.key) === o) this.release(o, out);
    }
    if (this.qHead > 1024 && this.qHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.qHead);
      this.qHead = 0;
    }
    return out;
  }

  private release(o: Open, out: Transaction[]): void {
    this.open.delete(o.key);
    if (o.tx.answers.length === 0 && !o.tx.closed) o.tx.timeout = { afterMs: this.windowMs };
    out.push(o.tx);
    // the expiry queue keeps only the key and deadline of a released transaction
    (o as { tx: Transaction<DiameterMessage> | null }).tx = null;
  }
}

function sessionOf(v: DiameterMessage): string | undefined {
  const s = findAvp(v, 263)?.value;
  return typeof s === 'string' ? s : undefined;
}

export function createMatcher(windowSeconds = 5): DiameterMatcher {
  return new DiameterMatcher(windowSeconds);
}
