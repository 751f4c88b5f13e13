// Mobile IPv4 registration (RFC 5944 §3.3–3.4, §1.9, §5.7; RFC 2794 NAI): DIGEST §12.1 rows MIP4-01..04. The RFC
// behaviour text was not re-read for the digest: quotes are its words, marked, and the verdicts provisional.
import { defineAssertion, v, type Check, type MsgAssertion, type RunAssertion, type TxAssertion } from '../../src/assert/types.js';
import type { Message } from '../../src/flow/message.js';
import type { Transaction } from '../../src/flow/transaction.js';
import type { Mipv4Transaction } from '../../src/proto/mipv4/match.js';
import type { Mipv4Message } from '../../src/proto/mipv4/message.js';
import { MIPV4_EXTENSIONS } from '../../src/proto/mipv4/names.js';
import { collect, ev } from '../s004/kit.js';

const URL = (doc: string, s: string): string => `https://www.rfc-editor.org/rfc/${doc}#section-${s}`;
const UNVERIFIED = 'DIGEST paraphrase (RFC text not re-read): ';

export type M4Msg = Message<Mipv4Message>;
export type M4Tx = Transaction<Mipv4Message>;

export const EXT = { MN_HA_AUTH: 32, MN_AAA_AUTH: 36, NAI: 131 } as const;
export const isRrq = (m: Mipv4Message): boolean => m.type === 1 && !m.truncated;
export const isRrp = (m: Mipv4Message): boolean => m.type === 3 && !m.truncated;
export const accepted = (m: Mipv4Message): boolean => m.code === 0 || m.code === 1;
export const hex64 = (n: bigint): string => `0x${n.toString(16).padStart(16, '0')}`;
export const exts = (m: Mipv4Message, type: number) => m.extensions.filter((e) => e.type === type);

function authCheck(m: M4Msg, what: string): Check {
  const n = exts(m.value, EXT.MN_HA_AUTH).length;
  const aaa = exts(m.value, EXT.MN_AAA_AUTH).length;
  const e = ev([m], { path: 'extensions.MN-HA-Authentication', expected: 1, actual: n });
  if (n === 1) return v.pass(`${what} frame ${m.frame} carries one MN-HA Authentication extension`, e);
  if (n === 0 && aaa > 0) return v.pass(`${what} frame ${m.frame} authenticates with MN-AAA (RFC 3012) instead`, e);
  return v.fail(`${what} frame ${m.frame} carries ${n} MN-HA Authentication extensions (type 32), expected exactly one`, e);
}

export const rrqAuth = defineAssertion<MsgAssertion<Mipv4Message>>({
  id: 'RFC5944-3.3-rrq-mn-ha-auth',
  title: 'a Registration Request carries exactly one MN-HA Authentication extension',
  level: 'MUST',
  role: 'mobile-node',
  proto: 'mipv4',
  scope: 'message',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC5944', section: '3.3', digest: 'MIP4-01', url: URL('rfc5944', '3.3'), quote: `${UNVERIFIED}Every RRQ and RRP carries exactly one MN-HA Authentication extension (type 32) unless an alternative MN-AAA method is used (RFC 3012).` },
  looksAt: 'count of extension type 32 (or a type 36 MN-AAA extension) in every Registration Request',
  applies: (m) => isRrq(m.value),
  check: (m) => authCheck(m, 'RRQ'),
});

export const rrpAuth = defineAssertion<MsgAssertion<Mipv4Message>>({
  id: 'RFC5944-3.4-rrp-mn-ha-auth',
  title: "a home agent's Registration Reply carries exactly one MN-HA Authentication extension",
  level: 'MUST',
  role: 'fha',
  proto: 'mipv4',
  scope: 'message',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC5944', section: '3.4', digest: 'MIP4-01', url: URL('rfc5944', '3.4'), quote: `${UNVERIFIED}Every RRQ and RRP carries exactly one MN-HA Authentication extension (type 32) unless an alternative MN-AAA method is used (RFC 3012).` },
  looksAt: 'count of extension type 32 in every Registration Reply the home agent generated (codes 0–63, 128–255; FA denials 64–127 are left out)',
  applies: (m) => isRrp(m.value) && ((m.value.code ?? 0) < 64 || (m.value.code ?? 0) >= 128),
  check: (m) => authCheck(m, 'RRP'),
});

/** MIP4-02: matched replies copied the low-order 32 bits (the matcher pairs on them); an unmatched reply answering an unanswered request did not */
function identification(txs: Transaction[], ctx: { settings: { 'flow.window': number } }): Check[] {
  const out: Check[] = [];
  const win = ctx.settings['flow.window'];
  const regs = txs.filter((t) => t.kind === 'mipv4.registration') as Mipv4Transaction[];
  const orphans = txs.filter((t) => t.kind === 'mipv4.unmatched-reply');
  const used = new Set<M4Tx>();
  for (const t of regs) {
    const q = t.request as M4Msg;
    t.answers.forEach((a, i) => {
      const how = t.identification?.[i] ?? 'exact';
      out.push(v.pass(`RRP frame ${a.frame} copies ${how === 'exact' ? 'the whole Identification' : 'the low-order 32 bits of the Identification'} of RRQ frame ${q.frame}`, ev([q, a as M4Msg], {
        path: 'rrp.identification', expected: hex64(q.value.identification), actual: hex64((a as M4Msg).value.identification),
      })));
    });
  }
  for (const o of orphans) {
    const a = o.request as M4Msg;
    const cand = regs.filter((t) => !t.answers.length && !used.has(t) && t.request.src.addr === a.dst.addr && t.request.dst.addr === a.src.addr
      && t.request.src.port === a.dst.port && t.request.dst.port === a.src.port && a.ts >= t.request.ts && a.ts - t.request.ts <= win);
    const t = cand[cand.length - 1];
    if (!t) {
      out.push(v.inconclusive(`RRP frame ${a.frame} answers no captured Registration Request`, ev([a])));
      continue;
    }
    used.add(t);
    const q = t.request as M4Msg;
    out.push(v.fail(`RRP frame ${a.frame} has Identification ${hex64(a.value.identification)}; RRQ frame ${q.frame} had ${hex64(q.value.identification)}: the low-order 32 bits differ`, ev([q, a], {
      path: 'rrp.identification', expected: `low-order 32 bits ${hex64(q.value.identification & 0xffffffffn)}`, actual: hex64(a.value.identification), offset: 12,
    })));
  }
  for (const t of regs) {
    if (!t.answers.length && !used.has(t)) out.push(v.inconclusive(`no Registration Reply to RRQ frame ${t.request.frame} was captured`, ev([t.request])));
  }
  return out;
}

export const fhaIdentification = defineAssertion<RunAssertion>({
  id: 'RFC5944-3.4-fha-identification',
  title: 'the Registration Reply copies the low-order 32 bits of the request Identification',
  level: 'MUST',
  role: 'fha',
  proto: 'mipv4',
  scope: 'run',
  observe: 'both',
  provisional: true,
  profileKeys: ['flow.window'],
  cite: {
    doc: 'RFC5944', section: '3.4, 5.7', digest: 'MIP4-02', url: URL('rfc5944', '5.7'),
    quote: `${UNVERIFIED}RRP Identification matches the RRQ (timestamp replay protection: low-order 32 bits copied, high-order 32 bits from the HA clock).`,
  },
  looksAt: 'Identification of each Registration Reply vs the Request on the reversed address/port pair (matcher: low-order 32 bits)',
  start: collect(['mipv4'], identification),
});

export const dynamicHoa = defineAssertion<TxAssertion<Mipv4Message>>({
  id: 'RFC2794-2-dynamic-hoa',
  title: 'a request for a dynamic home address (0.0.0.0) carries the NAI, and the accepting reply carries the address',
  level: 'INFO',
  role: 'any',
  proto: 'mipv4',
  scope: 'transaction',
  observe: 'both',
  provisional: true,
  cite: {
    doc: 'RFC2794', section: '2', digest: 'MIP4-03', url: URL('rfc2794', '2'),
    quote: `${UNVERIFIED}Dynamic home address: RRQ Home Address 0.0.0.0 plus NAI extension 131; the HA returns the assigned address in the RRP Home Address field.`,
  },
  looksAt: 'RRQ with Home Address 0.0.0.0: NAI extension (131) present (mobile node); accepting RRP: non-zero Home Address (home agent)',
  applies: (tx) => tx.kind === 'mipv4.registration' && tx.request.value.homeAddress === '0.0.0.0',
  check(tx): Check[] {
    const q = tx.request;
    const mn = exts(q.value, EXT.NAI).length
      ? v.pass(`RRQ frame ${q.frame} with Home Address 0.0.0.0 carries the MN NAI`, ev([q], { path: 'rrq.extensions.MN-NAI' }))
      : v.fail(`mobile node: RRQ frame ${q.frame} asks for a dynamic home address (0.0.0.0) without an MN NAI extension (131)`, ev([q], { path: 'rrq.extensions.MN-NAI', expected: 'present', actual: 'absent' }));
    const a = tx.answers[0];
    if (!a) return [mn, v.inconclusive(`no Registration Reply to RRQ frame ${q.frame} was captured`, ev([q]))];
    if (!accepted(a.value)) return [mn];
    const ha = a.value.homeAddress !== '0.0.0.0'
      ? v.pass(`RRP frame ${a.frame} assigns home address ${a.value.homeAddress}`, ev([q, a], { path: 'rrp.homeAddress', actual: a.value.homeAddress }))
      : v.fail(`home agent: RRP frame ${a.frame} accepts the registration but returns Home Address 0.0.0.0`, ev([q, a], { path: 'rrp.homeAddress', expected: 'the assigned address', actual: '0.0.0.0', offset: 4 }));
    return [mn, ha];
  },
});

/** registration extension types in use (RFC 5944, 3012, 3115 and the 32–47 block): others in 0–127 count as unknown */
const KNOWN_LOW = (t: number): boolean => MIPV4_EXTENSIONS.has(t) || t === 0 || (t >= 32 && t <= 47);

export const unknownExtension = defineAssertion<TxAssertion<Mipv4Message>>({
  id: 'RFC5944-1.9-unknown-extension-rejected',
  title: 'a Registration Request with an unrecognised extension type 0–127 is rejected (134 at the HA, 70 at an FA)',
  level: 'INFO',
  role: 'fha',
  proto: 'mipv4',
  scope: 'transaction',
  observe: 'both',
  provisional: true,
  cite: {
    doc: 'RFC5944', section: '1.9', digest: 'MIP4-04', url: URL('rfc5944', '1.9'),
    quote: `${UNVERIFIED}Unrecognised extension type 0–127 → registration rejected (code 134 at HA / 70 at FA); 128–255 silently skipped.`,
  },
  looksAt: 'the Reply code to a Registration Request carrying an extension type in 0–127 outside the assigned 32–47 block',
  applies: (tx) => tx.kind === 'mipv4.registration' && tx.request.value.extensions.some((e) => e.type < 128 && !KNOWN_LOW(e.type)),
  check(tx): Check {
    const q = tx.request;
    const types = q.value.extensions.filter((e) => e.type < 128 && !KNOWN_LOW(e.type)).map((e) => e.type);
    const a = tx.answers[0];
    if (!a) return v.inconclusive(`no Registration Reply to RRQ frame ${q.frame} (extension ${types.join(', ')}) was captured`, ev([q]));
    const code = a.value.code ?? 0;
    const e = ev([q, a], { path: 'rrp.code', expected: '134 (HA) or 70 (FA)', actual: code });
    if (accepted(a.value)) return v.fail(`RRP frame ${a.frame} accepts RRQ frame ${q.frame} although it carries unrecognised extension type ${types.join(', ')}`, e);
    if (code === 134 || code === 70) return v.pass(`RRP frame ${a.frame} rejects with code ${code}`, e);
    return v.inconclusive(`RRP frame ${a.frame} rejects with code ${code}, perhaps for another reason`, e);
  },
});

export const RFC5944: readonly (MsgAssertion | TxAssertion | RunAssertion)[] = [rrqAuth, rrpAuth, fhaIdentification, dynamicHoa, unknownExtension];
