// RFC 8415 §14, §15, §16.1, §16.14, §18.2.6, §21.9: how a client sends and retransmits (DIGEST DHCP-21, -24, -25, -26, -37).
// Timing is read from capture timestamps; the first Information-request delay (0..INF_MAX_DELAY) is not visible.
import type { Check, RunAssertion, TxAssertion } from '../../src/assert/types.js';
import { defineAssertion, v } from '../../src/assert/types.js';
import {
  ALL_RELAYS_AND_SERVERS, CLIENT_PORT, findKind, INF_MAX_RT_DEFAULT, MSG, SERVER_PORT, type Dhcpv6ClientServerMessage,
} from '../../src/proto/dhcpv6/index.js';
import { clientCopies, irCopies, secs, typeName } from '../dhcpv6/client-relay-kit.js';
import { ev, legs, type DMsg, type DTx } from '../dhcpv6/kit.js';

const URL = 'https://www.rfc-editor.org/rfc/rfc8415';
/** INF_TIMEOUT (RFC 8415 §7.6) */
const IRT = 1;
/** capture timestamps are not the sender's clock: allow this much either way (seconds) */
const SLACK = 0.05;

/** Message types a client multicasts (RFC 8415 §16: a server discards them when unicast). */
const MULTICAST_TYPES: ReadonlySet<number> = new Set([MSG.SOLICIT, MSG.CONFIRM, MSG.REBIND, MSG.INFORMATION_REQUEST]);

export const clientMulticast = defineAssertion<TxAssertion>({
  id: 'RFC8415-14-client-multicast',
  title: 'client sends to All_DHCP_Relay_Agents_and_Servers, UDP 546 → 547',
  level: 'INFO',
  role: 'client',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  cite: {
    doc: 'RFC8415', section: '14', digest: 'DHCP-25', url: `${URL}#section-14`,
    quote:
      'Unless otherwise specified in this document or in a document that describes how IPv6 is carried over a specific type of link (for link types that do not support multicast), a client sends DHCP messages to the All_DHCP_Relay_Agents_and_Servers multicast address.',
  },
  looksAt: "IPv6 destination ff02::1:2 and UDP ports 546 → 547 of the client's own Solicit/Confirm/Rebind/Information-request",
  applies: (tx) => MULTICAST_TYPES.has(clientCopies(tx)[0]?.msg.msgType ?? -1),
  check: (tx) => {
    const own = clientCopies(tx).filter((c) => c.own);
    if (!own.length) return v.inconclusive("only the relayed copy is in the capture: the client's own datagram (destination, ports) is not", ev([clientCopies(tx)[0]?.carrier]));
    for (const c of own) {
      const m = c.carrier;
      const name = typeName(c.msg.msgType);
      if (m.dst.addr !== ALL_RELAYS_AND_SERVERS) {
        return v.fail(`${name} sent to ${m.dst.addr}, not ${ALL_RELAYS_AND_SERVERS}`, ev([m], { path: 'ip.dst', expected: ALL_RELAYS_AND_SERVERS, actual: m.dst.addr }));
      }
      if (m.dst.port !== SERVER_PORT || m.src.port !== CLIENT_PORT) {
        return v.fail(`${name} sent from UDP ${m.src.port} to ${m.dst.port}, expected ${CLIENT_PORT} → ${SERVER_PORT}`, ev([m], {
          path: 'udp.ports', expected: `${CLIENT_PORT}->${SERVER_PORT}`, actual: `${m.src.port}->${m.dst.port}`,
        }));
      }
    }
    return v.pass(`${typeName(own[0]!.msg.msgType)} sent to ${ALL_RELAYS_AND_SERVERS}, UDP ${CLIENT_PORT} → ${SERVER_PORT}`, ev(own.map((c) => c.carrier)));
  },
});

/** elapsed-time (hundredths) of one transmission, or undefined */
function elapsed(c: { msg: Dhcpv6ClientServerMessage }): number | undefined {
  return findKind(c.msg, 'elapsedTime')?.value;
}

export const elapsedTimeValue = defineAssertion<TxAssertion>({
  id: 'RFC8415-21.9-client-elapsed-time',
  title: 'Elapsed Time is 0 in the first transmission and then tracks time since it',
  level: 'MUST',
  role: 'client',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  cite: {
    doc: 'RFC8415', section: '21.9', digest: 'DHCP-21', url: `${URL}#section-21.9`,
    quote:
      'The elapsed time is measured from the time at which the client sent the first message in the message exchange, and the elapsed-time field is set to 0 in the first message in the message exchange.',
  },
  looksAt: 'elapsed-time of each Information-request transmission against capture time since the first (±0.2 s + 5 %)',
  applies: (tx) => irCopies(tx).some((c) => elapsed(c) !== undefined),
  check: (tx) => {
    const copies = irCopies(tx).filter((c) => elapsed(c) !== undefined);
    const first = copies[0]!;
    const e0 = elapsed(first)!;
    for (const c of copies.slice(1)) {
      if (!c.own || !first.own) break;
      const dt = c.carrier.ts - first.carrier.ts;
      const want = Math.min(0xffff, e0 + Math.round(dt * 100));
      const tol = 20 + want * 0.05;
      const got = elapsed(c)!;
      if (got !== 0xffff && Math.abs(got - want) > tol) {
        return v.fail(`retransmission ${secs(dt)} after the first carries elapsed-time ${got} (${(got / 100).toFixed(2)} s), expected about ${want}`, ev([first.carrier, c.carrier], {
          path: 'ir.options.ELAPSED_TIME', expected: want, actual: got,
        }));
      }
    }
    if (e0 !== 0) {
      return v.inconclusive(`first captured transmission has elapsed-time ${e0}: the exchange began before the capture, or the first message was not 0`, ev([first.carrier], {
        path: 'ir.options.ELAPSED_TIME', expected: 0, actual: e0,
      }));
    }
    return v.pass(copies.length > 1 ? `elapsed-time 0 first, then ${copies.slice(1).map((c) => elapsed(c)).join(', ')} hundredths across ${copies.length - 1} retransmission(s)` : 'elapsed-time 0 in the first transmission', ev(copies.map((c) => c.carrier)));
  },
});

export const irRetransmission = defineAssertion<TxAssertion>({
  id: 'RFC8415-18.2.6-client-ir-retransmission',
  title: 'Information-request retransmission intervals follow IRT 1 s doubling to INF_MAX_RT',
  level: 'MUST',
  role: 'client',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  profileKeys: ['dhcpv6.base'],
  cite: {
    doc: 'RFC8415', section: '18.2.6', digest: 'DHCP-26', url: `${URL}#section-18.2.6`,
    quote:
      'The client transmits the message according to Section 15, using the following parameters: IRT INF_TIMEOUT, MRT INF_MAX_RT, MRC 0, MRD 0',
  },
  looksAt: 'gaps between transmissions of one Information-request: first RT in 1 s ± 10 % (when the first has elapsed-time 0), each next in 1.9..2.1 × the previous, capped at INF_MAX_RT ± 10 %',
  applies: (tx) => irCopies(tx).some((c) => c.own),
  check: (tx, ctx) => {
    const own = irCopies(tx).filter((c) => c.own);
    if (own.length < 2) {
      return tx.answers.length
        ? v.na('answered before a retransmission was due')
        : v.inconclusive('one transmission and no answer: no retransmission in the capture', ev([own[0]?.carrier]));
    }
    const mrt = INF_MAX_RT_DEFAULT[ctx.settings['dhcpv6.base']];
    const gaps: number[] = [];
    for (let i = 1; i < own.length; i++) gaps.push(own[i]!.carrier.ts - own[i - 1]!.carrier.ts);
    const list = gaps.map((g) => g.toFixed(3)).join(', ');
    for (let i = 0; i < gaps.length; i++) {
      const g = gaps[i]!;
      let lo: number;
      let hi: number;
      if (i === 0) {
        if (elapsed(own[0]!) !== 0) continue; // not known to be the first transmission
        lo = 0.9 * IRT;
        hi = 1.1 * IRT;
      } else {
        const p = gaps[i - 1]!;
        lo = Math.min(1.9 * p, 0.9 * mrt);
        hi = Math.min(2.1 * p, 1.1 * mrt);
      }
      if (g < lo - SLACK || g > hi + SLACK) {
        return v.fail(`retransmission gaps [${list}] s: gap ${i + 1} is ${secs(g)}, expected ${lo.toFixed(3)}..${hi.toFixed(3)} s`, ev([own[i]!.carrier, own[i + 1]!.carrier], {
          path: 'ir.retransmission', expected: `${lo.toFixed(3)}..${hi.toFixed(3)}`, actual: Number(g.toFixed(3)),
        }));
      }
    }
    return v.pass(`retransmission gaps [${list}] s follow IRT ${IRT} s doubling (MRT ${mrt} s)`, ev(own.map((c) => c.carrier)));
  },
});

interface IrRecord {
  client: string;
  trid: number;
  first: number;
  last: number;
  firstElapsed: number | undefined;
  answered: boolean;
  frames: number[];
  count: number;
}

export const retransmitSameTrid = defineAssertion<RunAssertion>({
  id: 'RFC8415-16.1-client-retransmit-trid',
  title: 'retransmissions keep the transaction-id',
  level: 'MUST',
  role: 'client',
  proto: 'dhcpv6',
  scope: 'run',
  observe: 'cap',
  cite: {
    doc: 'RFC8415', section: '16.1', digest: 'DHCP-24', url: `${URL}#section-16.1`,
    quote: 'A client MUST leave the transaction ID unchanged in retransmissions of a message.',
  },
  looksAt:
    "an Information-request whose first transmission has elapsed-time > 0 (so it continues an earlier exchange) sent under a new transaction-id while the same client's previous one was unanswered",
  start: () => {
    const recs: IrRecord[] = [];
    return {
      see(tx) {
        const own = irCopies(tx as DTx).filter((c) => c.own);
        if (!own.length) return;
        recs.push({
          client: own[0]!.carrier.src.addr, trid: own[0]!.msg.transactionId, first: own[0]!.carrier.ts, last: own.at(-1)!.carrier.ts,
          firstElapsed: elapsed(own[0]!), answered: tx.answers.length > 0, frames: own.map((c) => c.carrier.frame), count: own.length,
        });
      },
      end(): Check[] {
        const out: Check[] = [];
        recs.sort((a, b) => a.first - b.first);
        for (const b of recs) {
          if (!b.firstElapsed) continue;
          const a = recs.filter((x) => x !== b && x.client === b.client && x.last < b.first && !x.answered).at(-1);
          if (a && a.trid !== b.trid && b.first - a.first <= b.firstElapsed / 100 + 1) {
            out.push(v.fail(`Information-request 0x${b.trid.toString(16)} carries elapsed-time ${b.firstElapsed} and follows unanswered 0x${a.trid.toString(16)}: a retransmission under a new transaction-id`, {
              frames: [a.frames.at(-1)!, b.frames[0]!], path: 'ir.transaction-id', expected: a.trid, actual: b.trid,
            }));
          }
        }
        const multi = recs.filter((r) => r.count > 1);
        if (!out.length && multi.length) {
          out.push(v.pass(`${multi.reduce((n, r) => n + r.count - 1, 0)} retransmission(s) kept their transaction-id`, { frames: multi.flatMap((r) => r.frames).slice(0, 20) }));
        }
        if (!out.length) out.push(v.na('no Information-request retransmission in the capture'));
        return out;
      },
    };
  },
});

interface Stray {
  client: string;
  trid: number | undefined;
  ts: number;
  frame: number;
  type: number;
  /** own IR transmissions of that exchange (ts) */
  sends: number[];
  replyAt: number | undefined;
}

export const discardRelayMessages = defineAssertion<RunAssertion>({
  id: 'RFC8415-16.14-client-discard-relay-reply',
  title: 'a client ignores Relay-reply (and Relay-forward) messages',
  level: 'MUST',
  role: 'client',
  proto: 'dhcpv6',
  scope: 'run',
  observe: 'cap',
  cite: {
    doc: 'RFC8415', section: '16.14', digest: 'DHCP-37', url: `${URL}#section-16.14`,
    quote: 'Clients and servers MUST discard any received Relay-reply messages.',
  },
  looksAt:
    'a Relay-reply/Relay-forw sent to a client on UDP 546 during its unanswered Information-request: the client must keep retransmitting (IR has MRC 0, MRD 0); going quiet while the capture goes on means it took the relay message as its answer',
  start: () => {
    const strays: Stray[] = [];
    let maxTs = -Infinity;
    return {
      see(tx) {
        const l = legs(tx as DTx);
        const all: DMsg[] = [...l.client, ...l.relayForw, ...l.relayRepl, ...l.reply];
        for (const m of all) if (m.ts > maxTs) maxTs = m.ts;
        const own = irCopies(tx as DTx).filter((c) => c.own);
        const toClient = [...l.relayRepl, ...l.relayForw].filter((m) => m.dst.port === CLIENT_PORT);
        for (const m of toClient) {
          const reply = l.reply.find((r) => r.value.kind === 'message');
          strays.push({
            client: m.dst.addr, trid: own[0]?.msg.transactionId, ts: m.ts, frame: m.frame, type: m.value.msgType,
            sends: own.map((c) => c.carrier.ts), replyAt: reply?.ts,
          });
        }
      },
      end(): Check[] {
        const out: Check[] = [];
        for (const s of strays) {
          const name = typeName(s.type);
          if (!s.sends.length || s.sends[0]! > s.ts) {
            out.push(v.inconclusive(`${name} reached ${s.client} but no Information-request of its was outstanding in the capture`, { frames: [s.frame] }));
            continue;
          }
          const after = s.sends.find((t) => t > s.ts);
          if (after !== undefined && (s.replyAt === undefined || after <= s.replyAt)) {
            out.push(v.pass(`client kept retransmitting ${secs(after - s.ts)} after the ${name}: it discarded it`, { frames: [s.frame] }));
            continue;
          }
          const before = s.sends.filter((t) => t <= s.ts);
          const last = before.at(-1)!;
          const prevGap = before.length > 1 ? last - before.at(-2)! : IRT;
          const due = last + Math.min(2.1 * prevGap, 1.1 * 3600) + 0.5;
          if (s.replyAt !== undefined && s.replyAt <= due) {
            out.push(v.inconclusive(`a Reply arrived before the next retransmission was due: cannot tell whether the ${name} was discarded`, { frames: [s.frame] }));
          } else if (maxTs >= due) {
            out.push(v.fail(`client stopped retransmitting after a ${name} reached it (no Reply; next transmission was due by ${secs(due - s.ts)} after it, capture runs ${secs(maxTs - s.ts)} longer)`, {
              frames: [s.frame], path: 'client.retransmission', expected: 'retransmission continues', actual: 'silence',
            }));
          } else {
            out.push(v.inconclusive(`capture ends before the next retransmission after the ${name} was due`, { frames: [s.frame] }));
          }
        }
        if (!out.length) out.push(v.na('no Relay-reply or Relay-forw sent to a client port'));
        return out;
      },
    };
  },
});

export const CLIENT_TRANSPORT = [clientMulticast, elapsedTimeValue, irRetransmission, retransmitSameTrid, discardRelayMessages] as const;
