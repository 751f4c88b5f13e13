// IKEv2 header rules a capture can show in clear (RFC 7296 §2.2, §3.1; DIGEST §10.1 rows IKE-01..06). Everything
// inside the Encrypted (SK) payload is not inspectable and no check here reads it. The RFC sentences were not
// re-read for the digest: quotes are its words, marked, and the verdicts provisional.
import { defineAssertion, v, type Check, type MsgAssertion, type RunAssertion, type TxAssertion } from '../../src/assert/types.js';
import type { Transaction } from '../../src/flow/transaction.js';
import type { IkeMessage } from '../../src/proto/ikev2/message.js';
import { EXCHANGE_TYPES, IKE_FLAGS } from '../../src/proto/ikev2/names.js';
import { collect, ev, ikeSas, isIke, isResponse, type IkeMsg, type IkeSa } from '../s004/kit.js';

const URL = (s: string): string => `https://www.rfc-editor.org/rfc/rfc7296#section-${s}`;
const UNVERIFIED = 'DIGEST paraphrase (RFC text not re-read): ';
const ZERO_SPI = '0000000000000000';
const ex = (t: number): string => EXCHANGE_TYPES.get(t) ?? `exchange ${t}`;
const label = (m: IkeMsg): string => `${ex(m.value.exchangeType)} ${isResponse(m) ? 'response' : 'request'} frame ${m.frame}`;

export const majorVersion = defineAssertion<MsgAssertion<IkeMessage>>({
  id: 'RFC7296-3.1-major-version',
  title: 'IKEv2 messages carry Major Version 2',
  level: 'MUST',
  role: 'any',
  proto: 'ikev2',
  scope: 'message',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC7296', section: '3.1', digest: 'IKE-01', url: URL('3.1'), quote: `${UNVERIFIED}MjVer = 2 for IKEv2 senders.` },
  looksAt: 'the MjVer nibble of every IKE header',
  applies: (m) => isIke(m),
  check(m): Check {
    const mj = m.value.majorVersion;
    return mj === 2
      ? v.pass(`${label(m as IkeMsg)}: version 2.${m.value.minorVersion}`, ev([m]))
      : v.fail(`${label(m as IkeMsg)}: Major Version ${mj}`, ev([m], { path: 'ike.majorVersion', expected: 2, actual: mj, offset: 17 }));
  },
});

export const versionFlag = defineAssertion<MsgAssertion<IkeMessage>>({
  id: 'RFC7296-3.1-version-flag',
  title: 'the V (Version) flag is clear on send',
  level: 'MUST',
  role: 'any',
  proto: 'ikev2',
  scope: 'message',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC7296', section: '3.1', digest: 'IKE-04', url: URL('3.1'), quote: `${UNVERIFIED}V flag cleared on send (ignored on receive).` },
  looksAt: 'flag 0x10 of every IKE header',
  applies: (m) => isIke(m),
  check(m): Check {
    return (m.value.flags & IKE_FLAGS.V) === 0
      ? v.pass(`${label(m as IkeMsg)}: V clear`, ev([m]))
      : v.fail(`${label(m as IkeMsg)} sets the V flag`, ev([m], { path: 'ike.flags.V', expected: 0, actual: 1, offset: 19 }));
  },
});

/** IKE-02: I set exactly on messages from the original initiator (the IKE_SA_INIT requester) */
function initiatorFlag(txs: Transaction[]): Check[] {
  return ikeSas(txs).map((sa: IkeSa): Check => {
    if (!sa.initiator) return v.inconclusive(`IKE SA ${sa.ispi}: its IKE_SA_INIT request was not captured, so the original initiator is unknown`, ev(sa.msgs.slice(0, 1)));
    const bad = sa.msgs.find((m) => ((m.value.flags & IKE_FLAGS.I) !== 0) !== (m.src.addr === sa.initiator));
    if (bad) {
      const fromInit = bad.src.addr === sa.initiator;
      return v.fail(`IKE SA ${sa.ispi}: ${label(bad)} from the original ${fromInit ? 'initiator' : 'responder'} has I ${fromInit ? 'clear' : 'set'}`, ev([sa.init, bad], {
        path: 'ike.flags.I', expected: fromInit ? 1 : 0, actual: fromInit ? 0 : 1, offset: 19,
      }));
    }
    return v.pass(`IKE SA ${sa.ispi}: I set on the ${sa.initiator}'s messages only (${sa.msgs.length} messages)`, ev(sa.msgs));
  });
}

export const initiatorFlagRule = defineAssertion<RunAssertion>({
  id: 'RFC7296-3.1-initiator-flag',
  title: 'the I flag is set in messages of the original initiator and clear in those of the original responder',
  level: 'MUST',
  role: 'any',
  proto: 'ikev2',
  scope: 'run',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC7296', section: '3.1', digest: 'IKE-02', url: URL('3.1'), quote: `${UNVERIFIED}I flag set in every message sent by the original initiator of the IKE SA, clear in messages from the original responder.` },
  looksAt: "per IKE SA (initiator SPI): the I flag of each message against whether its source is the IKE_SA_INIT requester's address",
  start: collect(['ikev2'], initiatorFlag),
});

const key = (m: IkeMsg): string => `${m.value.exchangeType}|${m.value.messageId}`;

/** IKE-03: requests have R clear, answers R set; an answer to a message marked as response is a fault */
function responseFlag(txs: Transaction[]): Check[] {
  return ikeSas(txs).map((sa): Check => {
    let pairs = 0;
    const seen = new Map<string, IkeMsg>();
    for (const m of sa.msgs) {
      const k = key(m);
      const first = seen.get(k);
      if (!first) {
        seen.set(k, m);
        continue;
      }
      if (first.src.addr === m.src.addr) continue; // retransmission
      const only = m.value.exchangeType === 34 || m.value.exchangeType === 35; // only the original initiator asks these
      if (isResponse(first) && isResponse(m)) {
        return v.fail(`IKE SA ${sa.ispi}: ${label(m)} answers ${label(first)}, which is marked as a response (R set on a request, or an answer to a response)`, ev([first, m], { path: 'ike.flags.R', expected: 0, actual: 1, offset: 19 }));
      }
      if (!isResponse(first) && !isResponse(m) && only) {
        return v.fail(`IKE SA ${sa.ispi}: the answer to ${label(first)} (frame ${m.frame}) has R clear`, ev([first, m], { path: 'ike.flags.R', expected: 1, actual: 0, offset: 19 }));
      }
      if (!isResponse(first) && isResponse(m)) pairs++;
    }
    return pairs
      ? v.pass(`IKE SA ${sa.ispi}: ${pairs} request/response pairs with R clear/set`, ev(sa.msgs))
      : v.inconclusive(`IKE SA ${sa.ispi}: no request with its response was captured`, ev(sa.msgs.slice(0, 1)));
  });
}

export const responseFlagRule = defineAssertion<RunAssertion>({
  id: 'RFC7296-3.1-response-flag',
  title: 'the R flag is clear in requests and set in responses; nothing answers a response',
  level: 'MUST',
  role: 'any',
  proto: 'ikev2',
  scope: 'run',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC7296', section: '3.1', digest: 'IKE-03', url: URL('3.1'), quote: `${UNVERIFIED}R flag clear in requests, set in responses; never answer a message marked as response.` },
  looksAt: 'per IKE SA and (exchange type, Message ID): the first message and the one coming back, by their R flags',
  start: collect(['ikev2'], responseFlag),
});

export const saInitIds = defineAssertion<TxAssertion<IkeMessage>>({
  id: 'RFC7296-2.2-ike-sa-init-ids',
  title: 'IKE_SA_INIT: request with Message ID 0 and zero responder SPI; response with a non-zero responder SPI',
  level: 'MUST',
  role: 'any',
  proto: 'ikev2',
  scope: 'transaction',
  observe: 'both',
  provisional: true,
  cite: {
    doc: 'RFC7296', section: '2.2, 3.1', digest: 'IKE-05', url: URL('2.2'),
    quote: `${UNVERIFIED}First IKE_SA_INIT request: Message ID 0 and responder SPI all-zero; response repeats the initiator SPI and sets a non-zero responder SPI.`,
  },
  looksAt: 'Message ID and responder SPI of each IKE_SA_INIT request and its response',
  applies: (tx) => tx.kind === 'ikev2.ike_sa_init',
  check(tx): Check {
    const q = tx.request as IkeMsg;
    if (q.value.messageId !== 0) return v.fail(`IKE_SA_INIT request frame ${q.frame} has Message ID ${q.value.messageId}`, ev([q], { path: 'ike.messageId', expected: 0, actual: q.value.messageId, offset: 20 }));
    if (q.value.rspi !== ZERO_SPI) return v.fail(`IKE_SA_INIT request frame ${q.frame} has responder SPI ${q.value.rspi}`, ev([q], { path: 'ike.rspi', expected: ZERO_SPI, actual: q.value.rspi, offset: 8 }));
    const a = tx.answers[0] as IkeMsg | undefined;
    if (!a) return v.inconclusive(`no response to IKE_SA_INIT request frame ${q.frame} was captured`, ev([q]));
    if (a.value.rspi === ZERO_SPI) return v.fail(`IKE_SA_INIT response frame ${a.frame} leaves the responder SPI zero`, ev([q, a], { path: 'ike.rspi', expected: 'non-zero', actual: ZERO_SPI, offset: 8 }));
    return v.pass(`IKE_SA_INIT ${q.value.ispi}/${a.value.rspi}, Message ID 0`, ev([q, a]));
  },
});

/** IKE-06: each side's request Message IDs go 0, 1, 2, ...; a response's Message ID is its request's */
function messageIds(txs: Transaction[]): Check[] {
  const out: Check[] = [];
  const unmatched = new Set(txs.filter((t) => t.kind === 'ikev2.unmatched-response').map((t) => t.request));
  for (const sa of ikeSas(txs)) {
    if (!sa.initiator) continue;
    let fault: Check | undefined;
    for (const side of [sa.initiator, sa.responder]) {
      const reqs = sa.msgs.filter((m) => !isResponse(m) && m.src.addr === side);
      let want = 0;
      const done = new Set<number>();
      for (const m of reqs) {
        const id = m.value.messageId;
        if (done.has(id)) continue; // retransmission
        if (id !== want) {
          fault = v.fail(`IKE SA ${sa.ispi}: ${label(m)} from ${side} has Message ID ${id}, expected ${want}`, ev([m], { path: 'ike.messageId', expected: want, actual: id, offset: 20 }));
          break;
        }
        done.add(id);
        want++;
      }
      if (fault) break;
    }
    const stray = sa.msgs.find((m) => isResponse(m) && unmatched.has(m));
    if (!fault && stray) {
      const q = [...sa.msgs].reverse().find((m) => !isResponse(m) && m.ts <= stray.ts && m.src.addr === stray.dst.addr && m.value.exchangeType === stray.value.exchangeType);
      if (q) fault = v.fail(`IKE SA ${sa.ispi}: ${label(stray)} has Message ID ${stray.value.messageId}, its request (frame ${q.frame}) had ${q.value.messageId}`, ev([q, stray], { path: 'ike.messageId', expected: q.value.messageId, actual: stray.value.messageId, offset: 20 }));
    }
    out.push(fault ?? v.pass(`IKE SA ${sa.ispi}: request Message IDs go up by one on each side, responses echo them`, ev(sa.msgs)));
  }
  return out;
}

export const messageIdRule = defineAssertion<RunAssertion>({
  id: 'RFC7296-2.2-message-id-sequence',
  title: "responses carry their request's Message ID; each side's request Message IDs increase by one",
  level: 'MUST',
  role: 'any',
  proto: 'ikev2',
  scope: 'run',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC7296', section: '2.2', digest: 'IKE-06', url: URL('2.2'), quote: `${UNVERIFIED}Response Message ID equals the request's; each side's request IDs increase by one.` },
  looksAt: 'per IKE SA and side: the Message IDs of new requests (0, 1, 2, ...), and responses that match no request',
  start: collect(['ikev2'], messageIds),
});

export const RFC7296: readonly (MsgAssertion | TxAssertion | RunAssertion)[] = [majorVersion, versionFlag, initiatorFlagRule, responseFlagRule, saInitIds, messageIdRule];
