// Generic request/answer pairing inside a time window, shared by the PANA, MIPv4, MH and IKEv2 matchers.
// (Protocol-neutral: it could live in src/flow/match/; kept here because that folder is not ours.)
import type { Message, ProtoName } from '../../flow/message.js';
import type { Matcher, Transaction } from '../../flow/transaction.js';

export type Role =
  /** opens a transaction; answers whose key is equal join it */
  | { role: 'request'; key: string; kind: string; expectAnswer: boolean; session?: string }
  /** joins the open request with the same key, else becomes an 'unmatched' single transaction */
  | { role: 'answer'; key: string; kind: string; session?: string }
  /** a transaction of its own */
  | { role: 'single'; kind: string; session?: string };

export interface PairRules {
  proto: ProtoName;
  /** seconds a request waits for answers */
  windowS: number;
  classify(msg: Message): Role;
  /** final say on whether an answer with an equal key belongs to the request */
  accepts?(request: Message, answer: Message): boolean;
  /** called when an answer joins, to record protocol-specific match facts on the transaction */
  onAnswer?(tx: Transaction, answer: Message): void;
}

interface Open {
  tx: Transaction;
  key: string;
  expectAnswer: boolean;
}

export function pairMatcher(rules: PairRules): Matcher {
  const open = new Map<string, Open>();
  const order: Open[] = [];
  const windowMs = rules.windowS * 1000;

  function close(o: Open): Transaction {
    if (open.get(o.key) === o) open.delete(o.key);
    if (o.tx.answers.length === 0 && o.expectAnswer) o.tx.timeout = { afterMs: windowMs };
    return o.tx;
  }
  function expire(now: number): Transaction[] {
    const out: Transaction[] = [];
    while (order.length > 0 && now - order[0]!.tx.request.ts > rules.windowS) out.push(close(order.shift()!));
    return out;
  }
  function single(kind: string, msg: Message, session?: string): Transaction {
    return { proto: rules.proto, kind, request: msg, answers: [], ...(session !== undefined ? { session } : {}) };
  }

  return {
    push(msg: Message): Transaction[] {
      const out = expire(msg.ts);
      const r = rules.classify(msg);
      if (r.role === 'single') {
        out.push(single(r.kind, msg, r.session));
      } else if (r.role === 'request') {
        const prev = open.get(r.key);
        if (prev) {
          // a retransmission (same key) joins the open transaction
          const legs = (prev.tx.legs ??= {});
          (legs.retransmits ??= []).push(msg);
        } else {
          const o: Open = { key: r.key, expectAnswer: r.expectAnswer, tx: single(r.kind, msg, r.session) };
          open.set(r.key, o);
          order.push(o);
        }
      } else {
        const o = open.get(r.key);
        if (o && (!rules.accepts || rules.accepts(o.tx.request, msg))) {
          o.tx.answers.push(msg);
          rules.onAnswer?.(o.tx, msg);
        } else {
          out.push(single(r.kind, msg, r.session));
        }
      }
      return out;
    },
    flush(): Transaction[] {
      const out = order.map(close);
      order.length = 0;
      open.clear();
      return out;
    },
  };
}

/** "addr|port" of both ends, so a key computed from an answer (reversed) equals the request's. */
export function dirKey(src: { addr: string; port: number }, dst: { addr: string; port: number }): string {
  return `${src.addr}|${src.port}>${dst.addr}|${dst.port}`;
}
