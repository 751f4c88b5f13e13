// RFC 5191 (PANA): header sanity, the PCI, the S/C flags of a PANA-Auth exchange, the AUTH AVP once a PANA SA
// exists (DIGEST §11.1, rows PANA-01..04). The RFC text was not re-read for the digest: quotes are its words,
// marked, and the verdicts provisional.
import { defineAssertion, v, type Check, type MsgAssertion, type RunAssertion } from '../../src/assert/types.js';
import type { Message } from '../../src/flow/message.js';
import type { Transaction } from '../../src/flow/transaction.js';
import type { PanaAvp, PanaMessage } from '../../src/proto/pana/message.js';
import { PANA_FLAGS } from '../../src/proto/pana/names.js';
import { byTime, collect, ev, txMessages } from '../s004/kit.js';

const URL = (s: string): string => `https://www.rfc-editor.org/rfc/rfc5191#section-${s}`;
const UNVERIFIED = 'DIGEST paraphrase (RFC text not re-read): ';

export type PMsg = Message<PanaMessage>;

export const AVP = { AUTH: 1, RESULT_CODE: 7, KEY_ID: 4 } as const;

export function findPanaAvp(m: PanaMessage, code: number): PanaAvp | undefined {
  return m.avps.find((a) => a.vendorId === undefined && a.code === code);
}
export function hasName(m: PanaMessage, name: string): PanaAvp | undefined {
  return m.avps.find((a) => a.name === name);
}
export const isRequest = (m: PanaMessage): boolean => (m.flags & PANA_FLAGS.R) !== 0;
export const flag = (m: PanaMessage, f: keyof typeof PANA_FLAGS): boolean => (m.flags & PANA_FLAGS[f]) !== 0;
export const isRfc = (m: PanaMessage): boolean => m.profile === 'rfc5191' && !m.truncated;
export function resultCode(m: PanaMessage): number | undefined {
  const a = findPanaAvp(m, AVP.RESULT_CODE);
  return a && a.data.length === 4 ? new DataView(a.data.buffer, a.data.byteOffset, 4).getUint32(0) : undefined;
}
export const abbrev = (m: PanaMessage): string => `${m.type === 2 ? (isRequest(m) ? 'PAR' : 'PAN') : m.type === 4 ? (isRequest(m) ? 'PNR' : 'PNA') : m.type === 3 ? (isRequest(m) ? 'PTR' : 'PTA') : `type ${m.type}`}`;

/** PANA messages of the run grouped by Session Identifier (PCI, session 0, left out) */
export function panaSessions(txs: readonly Transaction[]): Map<number, PMsg[]> {
  const out = new Map<number, PMsg[]>();
  const msgs = txs.flatMap((t) => txMessages(t) as PMsg[]).filter((m) => isRfc(m.value) && m.value.type !== 1).sort(byTime);
  for (const m of msgs) {
    const list = out.get(m.value.sessionId) ?? [];
    list.push(m);
    out.set(m.value.sessionId, list);
  }
  return out;
}

export const headerSane = defineAssertion<MsgAssertion<PanaMessage>>({
  id: 'RFC5191-6.2-header-reserved-length',
  title: 'PANA header: Reserved is zero and Message Length is the datagram length',
  level: 'MUST',
  role: 'any',
  proto: 'pana',
  scope: 'message',
  observe: 'cap',
  provisional: true,
  cite: { doc: 'RFC5191', section: '6.2', digest: 'PANA-01', url: URL('6.2'), quote: `${UNVERIFIED}Reserved = 0; Message Length = datagram payload length.` },
  looksAt: 'the 16-bit Reserved field and Message Length of every RFC 5191 PANA message against the UDP payload size',
  applies: (m) => isRfc(m.value),
  check(m): Check {
    const x = m.value;
    if (x.reserved !== 0) return v.fail(`${abbrev(x)} frame ${m.frame}: Reserved is 0x${x.reserved.toString(16)}`, ev([m], { path: 'header.reserved', expected: 0, actual: x.reserved, offset: 0 }));
    if (x.length !== m.raw.length) return v.fail(`${abbrev(x)} frame ${m.frame}: Message Length ${x.length}, the datagram carries ${m.raw.length} octets`, ev([m], { path: 'header.length', expected: m.raw.length, actual: x.length, offset: 2 }));
    return v.pass(`Reserved 0, Message Length ${x.length}`, ev([m]));
  },
});

export const pciZero = defineAssertion<MsgAssertion<PanaMessage>>({
  id: 'RFC5191-4.1-pci-zero-session-seq',
  title: 'PANA-Client-Initiation has Session Identifier 0 and Sequence Number 0',
  level: 'INFO',
  role: 'pac',
  proto: 'pana',
  scope: 'message',
  observe: 'cap',
  provisional: true,
  cite: { doc: 'RFC5191', section: '4.1', digest: 'PANA-02', url: URL('4.1'), quote: `${UNVERIFIED}PCI has Session Identifier 0 and Sequence Number 0.` },
  looksAt: 'Session Identifier and Sequence Number of every PANA-Client-Initiation (type 1)',
  applies: (m) => isRfc(m.value) && m.value.type === 1,
  check(m): Check {
    const { sessionId, seq } = m.value;
    if (sessionId !== 0) return v.fail(`PCI frame ${m.frame} has Session Identifier ${sessionId}`, ev([m], { path: 'header.sessionId', expected: 0, actual: sessionId, offset: 8 }));
    if (seq !== 0) return v.fail(`PCI frame ${m.frame} has Sequence Number ${seq}`, ev([m], { path: 'header.seq', expected: 0, actual: seq, offset: 12 }));
    return v.pass('PCI with Session Identifier 0 and Sequence Number 0', ev([m]));
  },
});

/** one check per session: first PAR has S; a PAR with Result-Code has C; each PAN echoes its PAR's S and C */
function authFlags(txs: Transaction[]): Check[] {
  const out: Check[] = [];
  const pciFrom = new Set(txs.flatMap((t) => txMessages(t) as PMsg[]).filter((m) => isRfc(m.value) && m.value.type === 1).map((m) => m.src.addr));
  for (const [sid, msgs] of panaSessions(txs)) {
    const pars = msgs.filter((m) => m.value.type === 2 && isRequest(m.value));
    if (!pars.length) continue;
    const first = pars[0]!;
    if (!flag(first.value, 'S')) {
      out.push(pciFrom.has(first.dst.addr)
        ? v.fail(`session ${sid}: the first PAR (frame ${first.frame}) after the PaC's PCI has no S flag`, ev([first], { path: 'par.flags.S', expected: 1, actual: 0 }))
        : v.inconclusive(`session ${sid}: the first PAR seen (frame ${first.frame}) has no S flag, but no PCI was captured: the capture may start mid-session`, ev([first])));
      continue;
    }
    const noC = pars.find((m) => resultCode(m.value) !== undefined && !flag(m.value, 'C'));
    if (noC) {
      out.push(v.fail(`session ${sid}: PAR frame ${noC.frame} carries Result-Code but not the C flag`, ev([noC], { path: 'par.flags.C', expected: 1, actual: 0 })));
      continue;
    }
    const bad = txs.filter((t) => t.kind === 'pana.auth' && (t.request as PMsg).value.sessionId === sid).flatMap((t) => {
      const q = (t.request as PMsg).value;
      return (t.answers as PMsg[]).filter((a) => flag(a.value, 'S') !== flag(q, 'S') || flag(a.value, 'C') !== flag(q, 'C')).map((a) => [t.request as PMsg, a] as const);
    })[0];
    if (bad) {
      const [q, a] = bad;
      out.push(v.fail(`session ${sid}: PAN frame ${a.frame} does not echo the S/C flags of PAR frame ${q.frame}`, ev([q, a], {
        path: 'pan.flags', expected: { S: flag(q.value, 'S'), C: flag(q.value, 'C') }, actual: { S: flag(a.value, 'S'), C: flag(a.value, 'C') },
      })));
      continue;
    }
    out.push(v.pass(`session ${sid}: first PAR has S, the Result-Code PAR has C, answers echo S/C`, ev(pars)));
  }
  return out;
}

export const authFlagsRule = defineAssertion<RunAssertion>({
  id: 'RFC5191-4.1-paa-start-complete-flags',
  title: 'the first PAR of a session has S, the PAR carrying Result-Code has C, answers echo S and C',
  level: 'INFO',
  role: 'paa',
  proto: 'pana',
  scope: 'run',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC5191', section: '4.1', digest: 'PANA-03', url: URL('4.1'), quote: `${UNVERIFIED}The first PAR of a session has S=1; the final PAR carrying Result-Code has C=1; answers echo the request's flags S/C and sequence number.` },
  looksAt: 'per PANA session: S flag of the first PANA-Auth-Request, C flag of the one with Result-Code, S/C of each PANA-Auth-Answer',
  start: collect(['pana'], authFlags),
});

/** one check per session: from the message that establishes the PANA SA on, every message carries AUTH */
function authAfterSa(txs: Transaction[]): Check[] {
  const out: Check[] = [];
  for (const [sid, msgs] of panaSessions(txs)) {
    const at = msgs.findIndex((m) => findPanaAvp(m.value, AVP.AUTH) || (flag(m.value, 'C') && findPanaAvp(m.value, AVP.KEY_ID)));
    if (at < 0) continue;
    const sa = msgs[at]!;
    const after = msgs.slice(at);
    const missing = after.find((m) => !findPanaAvp(m.value, AVP.AUTH));
    if (missing) {
      out.push(v.fail(`session ${sid}: ${abbrev(missing.value)} frame ${missing.frame} has no AUTH AVP although the PANA SA exists since frame ${sa.frame}`, ev([sa, missing], { path: 'avps.AUTH', expected: 'present', actual: 'absent' })));
    } else if (after.length < 2) {
      out.push(v.inconclusive(`session ${sid}: the PANA SA is established at frame ${sa.frame} but no later message was captured`, ev([sa])));
    } else {
      out.push(v.pass(`session ${sid}: ${after.length} messages from frame ${sa.frame} on all carry AUTH`, ev(after)));
    }
  }
  return out;
}

export const authAvp = defineAssertion<RunAssertion>({
  id: 'RFC5191-5-auth-avp-after-sa',
  title: 'once a PANA SA exists, every message carries the AUTH AVP',
  level: 'MUST',
  role: 'any',
  proto: 'pana',
  scope: 'run',
  observe: 'cap',
  provisional: true,
  cite: { doc: 'RFC5191', section: '5', digest: 'PANA-04', url: URL('5'), quote: `${UNVERIFIED}Once a PANA SA exists, messages carry the AUTH AVP.` },
  looksAt: 'per PANA session: AUTH (code 1) in every message from the first one with AUTH (or the C-flag one with Key-Id) on',
  start: collect(['pana'], authAfterSa),
});

export const RFC5191: readonly (MsgAssertion | RunAssertion)[] = [headerSane, pciZero, authFlagsRule, authAvp];
