// Mobility Header (RFC 6275 §5.1, §6.1.1, §6.1.7–6.1.8): DIGEST §9.4 rows MH-01, MH-02, MH-04, MH-05. The RFC text
// was not re-read for the digest: quotes are its words, marked, and the verdicts provisional.
import { defineAssertion, v, type Check, type MsgAssertion, type TxAssertion } from '../../src/assert/types.js';
import type { Transaction } from '../../src/flow/transaction.js';
import type { MhMessage } from '../../src/proto/mh/message.js';
import { BA_FLAGS, BU_FLAGS, IPPROTO_NONE } from '../../src/proto/mh/names.js';
import { ev, ipsecOf, isHomeRegistration, type MhMsg } from '../s004/kit.js';

const URL = (s: string): string => `https://www.rfc-editor.org/rfc/rfc6275#section-${s}`;
const UNVERIFIED = 'DIGEST paraphrase (RFC text not re-read): ';

type MTx = Transaction<MhMessage>;

export const payloadProto = defineAssertion<MsgAssertion<MhMessage>>({
  id: 'RFC6275-6.1.1-payload-proto',
  title: 'Mobility Header Payload Proto is 59 (IPPROTO_NONE)',
  level: 'SHOULD',
  role: 'any',
  proto: 'mh',
  scope: 'message',
  observe: 'cap',
  provisional: true,
  cite: { doc: 'RFC6275', section: '6.1.1', digest: 'MH-01', url: URL('6.1.1'), quote: `${UNVERIFIED}Payload Proto = 59.` },
  looksAt: 'the Payload Proto octet of every Mobility Header',
  applies: (m) => !m.value.truncated,
  check(m): Check {
    const p = m.value.payloadProto;
    return p === IPPROTO_NONE
      ? v.pass(`MH frame ${m.frame}: Payload Proto 59`, ev([m]))
      : v.fail(`MH frame ${m.frame}: Payload Proto ${p}, expected 59 (IPPROTO_NONE)`, ev([m], { path: 'mh.payloadProto', expected: IPPROTO_NONE, actual: p, offset: 0 }));
  },
});

export const headerLen = defineAssertion<MsgAssertion<MhMessage>>({
  id: 'RFC6275-6.1.1-header-len',
  title: 'Mobility Header length is a multiple of 8 octets and Header Len matches the IPv6 payload',
  level: 'MUST',
  role: 'any',
  proto: 'mh',
  scope: 'message',
  observe: 'cap',
  provisional: true,
  cite: { doc: 'RFC6275', section: '6.1.1', digest: 'MH-02', url: URL('6.1.1'), quote: `${UNVERIFIED}MH length is a multiple of 8; Header Len consistent with the IPv6 payload.` },
  looksAt: '(Header Len + 1) × 8 against the octets the IPv6 packet carries after its extension headers',
  applies: (m) => m.raw.length >= 2,
  check(m): Check {
    const n = m.raw.length;
    const hl = m.raw[1]!;
    const says = (hl + 1) * 8;
    if (n % 8 !== 0) return v.fail(`MH frame ${m.frame} is ${n} octets, not a multiple of 8`, ev([m], { path: 'mh.length', expected: 'multiple of 8', actual: n }));
    if (says !== n) return v.fail(`MH frame ${m.frame}: Header Len ${hl} means ${says} octets, the packet carries ${n}`, ev([m], { path: 'mh.headerLen', expected: n / 8 - 1, actual: hl, offset: 1 }));
    return v.pass(`MH frame ${m.frame}: ${n} octets, Header Len ${hl}`, ev([m]));
  },
});

export const homeRegistrationIpsec = defineAssertion<TxAssertion<MhMessage>>({
  id: 'RFC6275-5.1-home-registration-ipsec',
  title: 'home-registration Binding Update and Acknowledgement are protected by IPsec',
  level: 'MUST',
  role: 'any',
  proto: 'mh',
  scope: 'transaction',
  observe: 'cap',
  provisional: true,
  cite: { doc: 'RFC6275', section: '5.1', digest: 'MH-04', url: URL('5.1'), quote: `${UNVERIFIED}Home-registration BU/BA are protected by IPsec ESP (RFC 6275 §5.1 / RFC 4877).` },
  looksAt: 'Binding Updates with the H flag and their Acknowledgements: seen in the clear (no IPsec header reported) → fail',
  applies: (tx: MTx) => tx.kind === 'mh.bu' && isHomeRegistration(tx.request as MhMsg),
  check(tx: MTx): Check {
    const msgs = [tx.request, ...tx.answers] as MhMsg[];
    const clear = msgs.filter((m) => !ipsecOf(m));
    if (clear.length) {
      const what = clear.map((m) => `${m.value.body.kind === 'bu' ? 'BU' : 'BA'} frame ${m.frame}`).join(', ');
      return v.fail(`home registration sent in the clear between ${tx.request.src.addr} and ${tx.request.dst.addr}: ${what}`, ev(clear, { path: 'ipsec', expected: 'ESP or AH', actual: 'none' }));
    }
    return v.pass('home registration carried under IPsec', ev(msgs));
  },
});

export const baMatchesBu = defineAssertion<TxAssertion<MhMessage>>({
  id: 'RFC6275-6.1.8-ba-matches-bu',
  title: 'the Binding Acknowledgement echoes the sequence number, grants no longer lifetime, sets K only if the BU did',
  level: 'INFO',
  role: 'home-agent',
  proto: 'mh',
  scope: 'transaction',
  observe: 'cap',
  provisional: true,
  cite: { doc: 'RFC6275', section: '6.1.8', digest: 'MH-05', url: URL('6.1.8'), quote: `${UNVERIFIED}BA echoes the BU sequence number; lifetime in BA ≤ BU lifetime; K flag consistent.` },
  looksAt: 'each BU with its BA: Sequence # (matched), accepted BA lifetime ≤ BU lifetime, BA K only when BU K',
  applies: (tx: MTx) => tx.kind === 'mh.bu' && (tx.answers.length > 0 || ((tx.request.value.body.kind === 'bu' ? tx.request.value.body.flags : 0) & BU_FLAGS.A) !== 0),
  check(tx: MTx): Check {
    const q = tx.request as MhMsg;
    const a = tx.answers[0] as MhMsg | undefined;
    if (!a) return v.inconclusive(`BU frame ${q.frame} asks for an acknowledgement (A) but no BA was captured`, ev([q]));
    const u = q.value.body;
    const b = a.value.body;
    if (u.kind !== 'bu' || b.kind !== 'ba') return v.na('not a BU/BA pair');
    if (b.seq !== u.seq) return v.fail(`BA frame ${a.frame} has Sequence # ${b.seq}, BU frame ${q.frame} had ${u.seq}`, ev([q, a], { path: 'ba.seq', expected: u.seq, actual: b.seq }));
    if (b.status < 128 && b.lifetime > u.lifetime) {
      return v.fail(`BA frame ${a.frame} grants ${b.lifetime * 4} s, more than the ${u.lifetime * 4} s BU frame ${q.frame} asked for`, ev([q, a], { path: 'ba.lifetime', expected: `≤ ${u.lifetime}`, actual: b.lifetime, offset: 10 }));
    }
    if ((b.flags & BA_FLAGS.K) !== 0 && (u.flags & BU_FLAGS.K) === 0) {
      return v.fail(`BA frame ${a.frame} sets K although BU frame ${q.frame} did not`, ev([q, a], { path: 'ba.flags.K', expected: 0, actual: 1, offset: 7 }));
    }
    return v.pass(`BA frame ${a.frame} echoes Sequence # ${u.seq}, lifetime ${b.lifetime * 4} s ≤ ${u.lifetime * 4} s`, ev([q, a]));
  },
});

export const RFC6275: readonly (MsgAssertion | TxAssertion)[] = [payloadProto, headerLen, homeRegistrationIpsec, baMatchesBu];
