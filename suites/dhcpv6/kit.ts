// Shared helpers for DHCPv6 assertions: the legs of one exchange, the message as each party saw it, evidence.
import { evidenceOf } from '../../src/assert/evidence.js';
import type { Evidence } from '../../src/assert/types.js';
import type { Message } from '../../src/flow/message.js';
import type { Transaction } from '../../src/flow/transaction.js';
import { innermost, MSG } from '../../src/proto/dhcpv6/index.js';
import type { Dhcpv6ClientServerMessage, Dhcpv6Message, Dhcpv6RelayMessage } from '../../src/proto/dhcpv6/index.js';

export type DMsg = Message<Dhcpv6Message>;
export type DTx = Transaction<Dhcpv6Message>;

export function legs(tx: DTx): { client: DMsg[]; relayForw: DMsg[]; relayRepl: DMsg[]; reply: DMsg[] } {
  const l = tx.legs ?? {};
  return {
    client: (l.client ?? []) as DMsg[],
    relayForw: (l.relayForw ?? []) as DMsg[],
    relayRepl: (l.relayRepl ?? []) as DMsg[],
    reply: (l.reply ?? []) as DMsg[],
  };
}

/** The client's request as the client sent it, or as carried inside the first Relay-forw. */
export function clientRequest(tx: DTx): { msg: Dhcpv6ClientServerMessage; carrier: DMsg } | undefined {
  const l = legs(tx);
  const c = l.client[0];
  if (c && c.value.kind === 'message') return { msg: c.value, carrier: c };
  const f = l.relayForw[0];
  if (f) {
    const inner = innermost(f.value);
    if (inner.kind === 'message') return { msg: inner, carrier: f };
  }
  return undefined;
}

/** The server's answer: the Reply as delivered, or as carried inside the first Relay-repl. */
export function serverAnswer(tx: DTx): { msg: Dhcpv6ClientServerMessage; carrier: DMsg } | undefined {
  const l = legs(tx);
  const r = l.reply[0];
  if (r && r.value.kind === 'message') return { msg: r.value, carrier: r };
  const p = l.relayRepl[0];
  if (p) {
    const inner = innermost(p.value);
    if (inner.kind === 'message') return { msg: inner, carrier: p };
  }
  return undefined;
}

export function isInformationRequest(m: Dhcpv6Message | undefined): boolean {
  return m?.kind === 'message' && m.msgType === MSG.INFORMATION_REQUEST;
}

export function relayOf(m: DMsg): Dhcpv6RelayMessage | undefined {
  return m.value.kind === 'relay' ? m.value : undefined;
}

/** evidence over DHCPv6 messages (src/assert/evidence.ts) */
export const ev = (msgs: (DMsg | undefined)[], extra: Omit<Evidence, 'frames'> = {}): Evidence => evidenceOf(msgs, extra);
