// RFC 5191 rules judged on what the PAA sends, so that `probe pana-paa` (target role 'paa') runs them: the header and
// AUTH rules of suites/rfc5191/pana.ts restricted to the PAA's own messages, and two robustness rules read from the
// PAA's next move in a session: an answer with a wrong Sequence Number is discarded (the PAA retransmits its PAR,
// it does not go on), and an answer carrying an unknown AVP is processed (the PAA goes on, it does not stall).
// The RFC text was not re-read here (the `search` corpora hold only the first page of RFC 5191): quotes are the
// DIGEST's words or a paraphrase, marked, and the verdicts provisional.
import { defineAssertion, v, type Check, type RunAssertion } from '../../src/assert/types.js';
import type { Endpoint } from '../../src/net/packet.js';
import type { Transaction } from '../../src/flow/transaction.js';
import { PANA_AVPS } from '../../src/proto/pana/names.js';
import type { PanaAvp, PanaMessage } from '../../src/proto/pana/message.js';
import { abbrev, AVP, findPanaAvp, flag, isRequest, isRfc, panaSessions, type PMsg } from './pana.js';
import { byTime, collect, ev, txMessages } from '../s004/kit.js';

const URL = (s: string): string => `https://www.rfc-editor.org/rfc/rfc5191#section-${s}`;
const UNVERIFIED = 'DIGEST paraphrase (RFC text not re-read): ';

/** PANA message types (RFC 5191 §7) the rules below tell apart */
const TYPE = { PCI: 1, AUTH: 2, TERMINATION: 3, NOTIFICATION: 4 } as const;

const key = (e: Endpoint): string => `${e.addr}|${e.port}`;
const isPar = (m: PMsg): boolean => m.value.type === TYPE.AUTH && isRequest(m.value);
const isPan = (m: PMsg): boolean => m.value.type === TYPE.AUTH && !isRequest(m.value);

/** the PAA of a session: the sender of its S-flag (or C-flag) PANA-Auth-Request (RFC 5191 §4.1, §4.3) */
export function paaOf(msgs: readonly PMsg[]): Endpoint | undefined {
  const m = msgs.find((x) => isPar(x) && (flag(x.value, 'S') || flag(x.value, 'C')));
  return m?.src;
}

/** PAA endpoints of a run: senders of S/C-flag PARs and receivers of PANA-Client-Initiation */
export function paaEndpoints(txs: readonly Transaction[]): Set<string> {
  const out = new Set<string>();
  for (const m of txs.flatMap((t) => txMessages(t) as PMsg[])) {
    if (!isRfc(m.value)) continue;
    if (m.value.type === TYPE.PCI) out.add(key(m.dst));
    else if (isPar(m) && (flag(m.value, 'S') || flag(m.value, 'C'))) out.add(key(m.src));
  }
  return out;
}

/** an AVP RFC 5191 §8 does not define, or a vendor AVP the decoder could not name (S002 AVPs are named from `codepoints`) */
export function unknownAvps(m: PanaMessage): PanaAvp[] {
  return m.avps.filter((a) => (a.vendorId === undefined ? !PANA_AVPS.has(a.code) : (a.name ?? 'Vendor-').startsWith('Vendor-')));
}
const avpLabel = (a: PanaAvp): string => (a.vendorId === undefined ? `${a.code}` : `${a.code} (vendor ${a.vendorId})`);

// ------------------------------------------------------------------------------------------ header, AUTH

function paaHeaders(txs: Transaction[]): Check[] {
  const paa = paaEndpoints(txs);
  const msgs = txs.flatMap((t) => txMessages(t) as PMsg[]).filter((m) => isRfc(m.value) && paa.has(key(m.src))).sort(byTime);
  return msgs.map((m) => {
    const x = m.value;
    if (x.reserved !== 0) return v.fail(`PAA ${abbrev(x)} frame ${m.frame}: Reserved is 0x${x.reserved.toString(16)}`, ev([m], { path: 'header.reserved', expected: 0, actual: x.reserved, offset: 0 }));
    if (x.length !== m.raw.length) return v.fail(`PAA ${abbrev(x)} frame ${m.frame}: Message Length ${x.length}, the datagram carries ${m.raw.length} octets`, ev([m], { path: 'header.length', expected: m.raw.length, actual: x.length, offset: 2 }));
    return v.pass(`PAA ${abbrev(x)} frame ${m.frame}: Reserved 0, Message Length ${x.length}`, ev([m]));
  });
}

export const paaHeaderSane = defineAssertion<RunAssertion>({
  id: 'RFC5191-6.2-paa-header-reserved-length',
  title: 'PANA messages the PAA sends: Reserved is zero and Message Length is the datagram length',
  level: 'MUST',
  role: 'paa',
  proto: 'pana',
  scope: 'run',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC5191', section: '6.2', digest: 'PANA-01', url: URL('6.2'), quote: `${UNVERIFIED}Reserved = 0; Message Length = datagram payload length.` },
  looksAt: "Reserved and Message Length of every RFC 5191 message sent from a PAA endpoint (sender of an S/C-flag PAR, or receiver of a PCI)",
  start: collect(['pana'], paaHeaders),
});

function paaAuth(txs: Transaction[]): Check[] {
  const out: Check[] = [];
  for (const [sid, msgs] of panaSessions(txs)) {
    const paa = paaOf(msgs);
    if (!paa) continue;
    const at = msgs.findIndex((m) => findPanaAvp(m.value, AVP.AUTH) || (flag(m.value, 'C') && findPanaAvp(m.value, AVP.KEY_ID)));
    if (at < 0) continue;
    const sa = msgs[at]!;
    const own = msgs.slice(at).filter((m) => key(m.src) === key(paa));
    const missing = own.find((m) => !findPanaAvp(m.value, AVP.AUTH));
    if (missing) {
      out.push(v.fail(`session ${sid}: the PAA's ${abbrev(missing.value)} frame ${missing.frame} has no AUTH AVP although the PANA SA exists since frame ${sa.frame}`, ev([sa, missing], { path: 'avps.AUTH', expected: 'present', actual: 'absent' })));
    } else if (!own.length) {
      out.push(v.inconclusive(`session ${sid}: the PANA SA is established at frame ${sa.frame} but no later message from the PAA was captured`, ev([sa])));
    } else {
      out.push(v.pass(`session ${sid}: the PAA's ${own.length} messages from frame ${sa.frame} on all carry AUTH`, ev(own)));
    }
  }
  return out;
}

export const paaAuthAfterSa = defineAssertion<RunAssertion>({
  id: 'RFC5191-5-paa-auth-avp-after-sa',
  title: 'once a PANA SA exists, every message the PAA sends carries the AUTH AVP',
  level: 'MUST',
  role: 'paa',
  proto: 'pana',
  scope: 'run',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC5191', section: '5', digest: 'PANA-04', url: URL('5'), quote: `${UNVERIFIED}Once a PANA SA exists, messages carry the AUTH AVP.` },
  looksAt: "per PANA session: AUTH (code 1) in every message the PAA (sender of the S/C-flag PAR) sends from the first one with AUTH (or the C-flag one with Key-Id) on",
  start: collect(['pana'], paaAuth),
});

// ------------------------------------------------------------------------------------- sequence numbers

/** per session: after a PaC answer whose Sequence Number matches no PAR the PAA sent, the PAA's next PAR */
function wrongSeq(txs: Transaction[]): Check[] {
  const out: Check[] = [];
  for (const [sid, msgs] of panaSessions(txs)) {
    const paa = paaOf(msgs);
    if (!paa) continue;
    const fromPaa = (m: PMsg): boolean => key(m.src) === key(paa);
    const sent = new Set<number>();
    let outstanding: PMsg | undefined;
    let wrong: PMsg | undefined;
    for (const m of msgs) {
      if (isPar(m) && fromPaa(m)) {
        if (wrong && outstanding) {
          const retrans = m.value.seq === outstanding.value.seq;
          out.push(retrans
            ? v.pass(`session ${sid}: after PAN frame ${wrong.frame} (Sequence Number ${wrong.value.seq}) the PAA retransmits PAR frame ${outstanding.frame} (Sequence Number ${outstanding.value.seq}) in frame ${m.frame}`, ev([outstanding, wrong, m]))
            : v.fail(`session ${sid}: PAN frame ${wrong.frame} carries Sequence Number ${wrong.value.seq}, not ${outstanding.value.seq} of the outstanding PAR frame ${outstanding.frame}, yet the PAA goes on with PAR frame ${m.frame} (Sequence Number ${m.value.seq})`, ev([outstanding, wrong, m], {
              path: 'pan.seq', expected: outstanding.value.seq, actual: wrong.value.seq,
            })));
          wrong = undefined;
        }
        if (!sent.has(m.value.seq)) outstanding = m;
        sent.add(m.value.seq);
      } else if (isPan(m) && !fromPaa(m) && outstanding) {
        if (m.value.seq === outstanding.value.seq) {
          if (wrong) out.push(v.inconclusive(`session ${sid}: PAN frame ${wrong.frame} has a wrong Sequence Number, but the right PAN (frame ${m.frame}) came before the PAA's next PAR: what the PAA did with the wrong one is not visible`, ev([outstanding, wrong, m])));
          wrong = undefined;
          outstanding = undefined;
        } else if (!sent.has(m.value.seq) && !wrong) {
          wrong = m; // a late duplicate of an earlier answer (seq of an earlier PAR) is not a wrong answer
        }
      }
    }
    if (wrong && outstanding) out.push(v.inconclusive(`session ${sid}: no PAR from the PAA after PAN frame ${wrong.frame} with a wrong Sequence Number was captured`, ev([outstanding, wrong])));
  }
  return out;
}

export const paaDiscardsWrongSeq = defineAssertion<RunAssertion>({
  id: 'RFC5191-5.2-paa-discards-wrong-seq-answer',
  title: 'the PAA discards a PANA-Auth-Answer whose Sequence Number is not that of its outstanding PAR (and retransmits the PAR)',
  level: 'MUST',
  role: 'paa',
  proto: 'pana',
  scope: 'run',
  observe: 'both',
  provisional: true,
  cite: {
    doc: 'RFC5191', section: '5.2', digest: 'PANA-03', url: URL('5.2'),
    quote: 'Paraphrase (RFC text not re-read; DIGEST PANA-03: "answers echo the request\'s ... sequence number"): an answer is valid only if its Sequence Number is that of the outstanding request; an invalid one is discarded, and the request is retransmitted until answered.',
  },
  looksAt: "per PANA session: the PAA's next PAR after a PaC PAN whose Sequence Number is no PAR's: a retransmission (same number) passes, a new PAR before the right PAN fails",
  start: collect(['pana'], wrongSeq),
});

// ----------------------------------------------------------------------------------------- unknown AVPs

/** per session: does the PAA go on after a (right-numbered) PaC answer carrying an unknown AVP, or stall on it? */
function unknownAvp(txs: Transaction[]): Check[] {
  const out: Check[] = [];
  for (const [sid, msgs] of panaSessions(txs)) {
    const paa = paaOf(msgs);
    if (!paa) continue;
    const fromPaa = (m: PMsg): boolean => key(m.src) === key(paa);
    const progressed: [PMsg, PMsg][] = [];
    let stalled: { pan: PMsg; after: PMsg } | undefined;
    let unseen: PMsg | undefined;
    msgs.forEach((m, i) => {
      if (!isPan(m) || fromPaa(m) || !unknownAvps(m.value).length) return;
      const before = msgs.slice(0, i).filter((x) => fromPaa(x) && isRequest(x.value));
      if (!before.some((x) => x.value.type === TYPE.AUTH && x.value.seq === m.value.seq)) return; // a wrong-numbered answer: discarding it is right
      const old = new Set(before.map((x) => `${x.value.type}|${x.value.seq}`));
      const later = msgs.slice(i + 1).filter((x) => fromPaa(x) && isRequest(x.value));
      const next = later.find((x) => (x.value.type === TYPE.AUTH || x.value.type === TYPE.NOTIFICATION) && !old.has(`${x.value.type}|${x.value.seq}`));
      const gaveUp = later.find((x) => x.value.type === TYPE.TERMINATION || (x.value.type === TYPE.AUTH && x.value.seq === m.value.seq));
      if (next) progressed.push([m, next]);
      else if (gaveUp) stalled ??= { pan: m, after: gaveUp };
      else unseen ??= m;
    });
    if (stalled) {
      const { pan, after } = stalled;
      const what = after.value.type === TYPE.TERMINATION ? `terminates the session (PTR frame ${after.frame})` : `retransmits the PAR (frame ${after.frame}) and never goes on`;
      out.push(v.fail(`session ${sid}: PAN frame ${pan.frame} answers the PAR with Sequence Number ${pan.value.seq} and carries unknown AVP ${unknownAvps(pan.value).map(avpLabel).join(', ')}; the PAA ${what}`, ev([pan, after], {
        path: 'pan.avps', expected: 'the exchange goes on (unknown AVP ignored)', actual: after.value.type === TYPE.TERMINATION ? 'PTR' : 'PAR retransmitted, no later PAR',
      })));
    } else if (progressed.length) {
      const [pan, next] = progressed[0]!;
      out.push(v.pass(`session ${sid}: after PAN frame ${pan.frame} with unknown AVP ${unknownAvps(pan.value).map(avpLabel).join(', ')} the PAA goes on (${abbrev(next.value)} frame ${next.frame})`, ev(progressed.flat())));
    } else if (unseen) {
      out.push(v.inconclusive(`session ${sid}: PAN frame ${unseen.frame} carries an unknown AVP, but no later request from the PAA was captured`, ev([unseen])));
    }
  }
  return out;
}

export const paaIgnoresUnknownAvp = defineAssertion<RunAssertion>({
  id: 'RFC5191-6.3-paa-ignores-unknown-avp',
  title: 'an unknown AVP in an answer does not make the PAA fail the exchange',
  level: 'INFO',
  role: 'paa',
  proto: 'pana',
  scope: 'run',
  observe: 'both',
  provisional: true,
  cite: {
    doc: 'RFC5191', section: '6.3', digest: 'PBS-06', url: URL('6.3'),
    quote: 'DIGEST PBS-06 (derived, no RFC sentence): Unknown-code AVPs must not make RFC 5191 peers fail the exchange (robustness probe). RFC 5191 AVP Flags define only V (DIGEST §11.1): no AVP can be marked mandatory.',
  },
  looksAt: 'per PANA session: after a PaC PAN with the right Sequence Number and an AVP unknown to RFC 5191 §8: a new PAR/PNR from the PAA passes; only retransmissions of that PAR, or a PTR, fail',
  start: collect(['pana'], unknownAvp),
});

export const RFC5191_PAA: readonly RunAssertion[] = [paaHeaderSane, paaAuthAfterSa, paaDiscardsWrongSeq, paaIgnoresUnknownAvp];
