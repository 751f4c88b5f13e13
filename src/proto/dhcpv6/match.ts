// Pairs DHCPv6 messages into transactions (RFC 8415 §16.1 transaction-id; §9.2 and §19 relay copies). One
// transaction holds every leg of one exchange, keyed by (transaction-id, client address): the client message as
// sent, the Relay-forw(s), the Relay-repl(s) and the Reply as delivered. The client address is the source of a
// client message, the destination of a Reply, and the peer-address of the relay layer nearest the client.
// A Relay-repl whose inner message cannot be keyed (or was altered) is tied to its Relay-forw by hop-count,
// link-address, peer-address and Interface-ID. Memory is bounded: groups close when capture time passes their
// window, and the number of open groups and legs per group are capped.
import type { Settings } from '../../assert/profiles.js';
import type { Message } from '../../flow/message.js';
import type { Matcher, Transaction } from '../../flow/transaction.js';
import { toHex } from '../../wire/codec.js';
import { ANSWER_TYPES } from './constants.js';
import { innermost, relayChain } from './find.js';
import { OPT } from './names.js';
import type { Dhcpv6Message, Dhcpv6RelayMessage } from './types.js';

type Msg = Message<Dhcpv6Message>;
export type Dhcpv6Transaction = Transaction<Dhcpv6Message>;
export type LegName = 'client' | 'relayForw' | 'relayRepl' | 'reply';

export const MAX_OPEN = 100_000;
export const MAX_LEGS = 256;

interface Group {
  key: string;
  orphan: boolean;
  request: Msg;
  /** msg-type of the innermost request, to tell a retransmission from a new exchange reusing the id */
  reqType: number;
  answers: Msg[];
  legs: { client: Msg[]; relayForw: Msg[]; relayRepl: Msg[]; reply: Msg[] };
  count: number;
  /** time of the latest request leg: answers are accepted within the window after it */
  anchor: number;
  sigs: string[];
}

/** relay layer identity a Relay-repl must copy (RFC 8415 §9.2, §21.18): hop-count, link, peer, Interface-ID */
export function relaySignature(r: Dhcpv6RelayMessage): string {
  let ifid = '';
  for (const o of r.options) if (o.code === OPT.INTERFACE_ID && o.kind === 'interfaceId') ifid = toHex(o.id);
  return `${r.hopCount}|${r.linkAddress}|${r.peerAddress}|${ifid}`;
}

interface Classified {
  leg: LegName;
  key: string | undefined;
  sig: string | undefined;
  innerType: number;
}

function classify(m: Msg): Classified {
  const v = m.value;
  if (v.kind === 'relay') {
    const chain = relayChain(v);
    const deepest = chain[chain.length - 1]!;
    const inner = innermost(v);
    const key = inner.kind === 'message' && !inner.partial ? `${inner.transactionId}|${deepest.peerAddress}` : undefined;
    return { leg: v.msgType === 13 ? 'relayRepl' : 'relayForw', key, sig: relaySignature(v), innerType: inner.msgType };
  }
  if (ANSWER_TYPES.has(v.msgType)) return { leg: 'reply', key: `${v.transactionId}|${m.dst.addr}`, sig: undefined, innerType: v.msgType };
  return { leg: 'client', key: `${v.transactionId}|${m.src.addr}`, sig: undefined, innerType: v.msgType };
}

export class Dhcpv6Matcher implements Matcher {
  private readonly open = new Map<string, Group>();
  private readonly bySig = new Map<string, Group>();
  private readonly windowS: number;
  private lastTs = -Infinity;
  private seq = 0;

  constructor(settings: Pick<Settings, 'flow.window'>) {
    this.windowS = settings['flow.window'];
  }

  push(message: Message): Dhcpv6Transaction[] {
    const m = message as Msg;
    const out: Dhcpv6Transaction[] = [];
    if (m.ts > this.lastTs) this.lastTs = m.ts;
    this.expire(m.ts, out);
    const c = classify(m);
    const key = c.key ?? `sig:${c.sig ?? `#${this.seq++}`}`;
    let g: Group | undefined = this.open.get(key);
    const isRequest = c.leg === 'client' || c.leg === 'relayForw';
    if (!isRequest && !g && c.sig !== undefined) g = this.bySig.get(c.sig);
    if (g && (m.ts > g.anchor + this.windowS || g.count >= MAX_LEGS || (isRequest && !g.orphan && g.reqType !== c.innerType))) {
      this.closeGroup(g, out, false);
      g = undefined;
    }
    if (!g) {
      g = {
        key, orphan: !isRequest, request: m, reqType: c.innerType, answers: [], count: 0, anchor: m.ts, sigs: [],
        legs: { client: [], relayForw: [], relayRepl: [], reply: [] },
      };
      this.open.set(key, g);
      if (this.open.size > MAX_OPEN) this.closeGroup(this.open.values().next().value!, out, false);
    } else if (isRequest) {
      // a retransmission or the next hop of the same request: the window restarts; keep map order ~ anchor order
      g.anchor = m.ts;
      this.open.delete(g.key);
      this.open.set(g.key, g);
    } else if (g.request !== m) g.answers.push(m);
    g.legs[c.leg].push(m);
    g.count++;
    if (c.leg === 'relayForw' && c.sig !== undefined) {
      g.sigs.push(c.sig);
      this.bySig.set(c.sig, g);
    }
    return out;
  }

  flush(): Dhcpv6Transaction[] {
    const out: Dhcpv6Transaction[] = [];
    for (const g of [...this.open.values()]) this.closeGroup(g, out, true);
    return out;
  }

  private expire(now: number, out: Dhcpv6Transaction[]): void {
    for (const g of this.open.values()) {
      if (now <= g.anchor + this.windowS) break;
      this.closeGroup(g, out, false);
    }
  }

  private closeGroup(g: Group, out: Dhcpv6Transaction[], atEnd: boolean): void {
    if (this.open.get(g.key) === g) this.open.delete(g.key);
    for (const s of g.sigs) if (this.bySig.get(s) === g) this.bySig.delete(s);
    const tx: Dhcpv6Transaction = {
      proto: 'dhcpv6',
      kind: g.orphan ? 'dhcpv6.orphan' : 'dhcpv6.exchange',
      request: g.request,
      answers: g.answers,
      legs: g.legs,
    };
    if (!g.orphan && g.answers.length === 0) {
      const afterMs = atEnd ? Math.max(0, Math.round((this.lastTs - g.anchor) * 1000)) : Math.round(this.windowS * 1000);
      tx.timeout = { afterMs };
    }
    out.push(tx);
  }
}

export function dhcpv6Matcher(settings: Pick<Settings, 'flow.window'>): Matcher {
  return new Dhcpv6Matcher(settings);
}
