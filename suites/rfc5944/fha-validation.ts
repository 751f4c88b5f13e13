// What a (foreign) home agent does with a Registration Request it must not simply accept, or must not reject
// (RFC 5944 §3.8.2.1, §1.9), and the home-agent half of RFC 2794's dynamic home address, with role 'fha' so that
// `probe fha` runs them. A capture cannot verify an MN-HA authenticator without the key: the authentication rule
// applies only where the capture itself shows the authentication cannot succeed (no extension, no authenticator,
// or an all-zero one; reserved SPIs are left out, IANA assigns some of them). The RFC text was not re-read: quotes
// are DIGEST words or a paraphrase, marked, and the verdicts provisional.
import { defineAssertion, v, type Check, type TxAssertion } from '../../src/assert/types.js';
import type { Transaction } from '../../src/flow/transaction.js';
import type { Mipv4Message } from '../../src/proto/mipv4/message.js';
import { MIPV4_EXTENSIONS, MIPV4_REPLY_CODES } from '../../src/proto/mipv4/names.js';
import { ev } from '../s004/kit.js';
import { accepted, EXT, exts, type M4Msg } from './registration.js';

const URL = (doc: string, s: string): string => `https://www.rfc-editor.org/rfc/${doc}#section-${s}`;
const UNVERIFIED = 'DIGEST paraphrase (RFC text not re-read): ';

/** RFC 5944 §3.4 home agent codes used below */
export const HA_CODE = { MN_FAILED_AUTH: 131, POORLY_FORMED: 134 } as const;
/** first skippable extension type (RFC 5944 §1.9: 128–255) */
export const SKIPPABLE_MIN = 128;

const isReg = (tx: Transaction<Mipv4Message>): boolean => tx.kind === 'mipv4.registration' && tx.request.value.type === 1 && !tx.request.value.truncated;
const codeText = (c: number): string => `${c} (${MIPV4_REPLY_CODES.get(c) ?? 'unassigned'})`;

/** why the capture alone shows the MN-HA authentication of this request cannot succeed, or undefined */
export function visiblyUnauthenticated(m: Mipv4Message): string | undefined {
  if (exts(m, EXT.MN_AAA_AUTH).length) return undefined; // RFC 3012: the HA may authenticate through AAA
  const e = exts(m, EXT.MN_HA_AUTH)[0];
  if (!e) return 'no MN-HA Authentication extension';
  if (e.data.length < 4) return `an MN-HA Authentication extension of ${e.data.length} octets (no room for the SPI)`;
  const auth = e.data.subarray(4);
  if (!auth.length) return 'an MN-HA Authentication extension with no Authenticator';
  if (auth.every((b) => b === 0)) return `an all-zero ${auth.length}-octet Authenticator`;
  return undefined;
}

export const haRejectsBadAuth = defineAssertion<TxAssertion<Mipv4Message>>({
  id: 'RFC5944-3.8.2.1-ha-rejects-bad-auth',
  title: 'the home agent rejects a Registration Request that fails MN-HA authentication, with code 131',
  level: 'MUST',
  role: 'fha',
  proto: 'mipv4',
  scope: 'transaction',
  subject: 'answer',
  observe: 'both',
  provisional: true,
  cite: {
    doc: 'RFC5944', section: '3.8.2.1', digest: 'MIP4-01', url: URL('rfc5944', '3.8.2.1'),
    quote: `${UNVERIFIED}a Registration Request whose MN-HA authentication is absent or fails is rejected with a Registration Reply, Code 131 (mobile node failed authentication; DIGEST §12.1 reply codes).`,
  },
  looksAt: 'Reply code to a Registration Request the capture shows cannot authenticate (no MN-HA extension nor MN-AAA, no or all-zero Authenticator); an authenticator that only looks valid is never judged (no key)',
  applies: (tx) => isReg(tx) && visiblyUnauthenticated(tx.request.value) !== undefined,
  check(tx): Check {
    const q = tx.request as M4Msg;
    const why = visiblyUnauthenticated(q.value) ?? '';
    const a = tx.answers[0] as M4Msg | undefined;
    if (!a) return v.inconclusive(`no Registration Reply to RRQ frame ${q.frame} (${why}) was captured`, ev([q]));
    const code = a.value.code ?? 0;
    const e = ev([q, a], { path: 'rrp.code', expected: HA_CODE.MN_FAILED_AUTH, actual: code, offset: 1 });
    if (accepted(a.value)) return v.fail(`RRP frame ${a.frame} accepts RRQ frame ${q.frame} although it carries ${why}`, e);
    if (code === HA_CODE.MN_FAILED_AUTH) return v.pass(`RRP frame ${a.frame} rejects RRQ frame ${q.frame} (${why}) with code 131`, e);
    return v.inconclusive(`RRP frame ${a.frame} rejects RRQ frame ${q.frame} (${why}) with code ${codeText(code)}, not 131: perhaps for another reason`, e);
  },
});

/** extension types the tool's registry table does not know, in the skippable range */
const unknownSkippable = (m: Mipv4Message): number[] => m.extensions.filter((e) => e.type >= SKIPPABLE_MIN && !MIPV4_EXTENSIONS.has(e.type)).map((e) => e.type);
/** nothing else visible in the request would make a home agent call it poorly formed */
const otherwiseWellFormed = (q: M4Msg): boolean =>
  !q.issues.some((i) => i.severity === 'error') && q.value.tail === undefined
  && !q.value.extensions.some((e) => e.type < SKIPPABLE_MIN && !MIPV4_EXTENSIONS.has(e.type) && !(e.type >= 32 && e.type <= 47))
  && (q.value.homeAddress !== '0.0.0.0' || exts(q.value, EXT.NAI).length > 0);

export const haSkipsUnknownExtension = defineAssertion<TxAssertion<Mipv4Message>>({
  id: 'RFC5944-1.9-skippable-extension-ignored',
  title: 'an unrecognised extension of type 128–255 is skipped: the registration goes on',
  level: 'INFO',
  role: 'fha',
  proto: 'mipv4',
  scope: 'transaction',
  subject: 'answer',
  observe: 'both',
  provisional: true,
  cite: {
    doc: 'RFC5944', section: '1.9', digest: 'MIP4-04', url: URL('rfc5944', '1.9'),
    quote: `${UNVERIFIED}Unrecognised extension type 0–127 → registration rejected (code 134 at HA / 70 at FA); 128–255 silently skipped.`,
  },
  looksAt: 'Reply to a Registration Request carrying an extension type 128–255 outside the registry table: accepted passes; 134 (poorly formed) to a request otherwise well formed fails; other codes are inconclusive',
  applies: (tx) => isReg(tx) && unknownSkippable(tx.request.value).length > 0,
  check(tx): Check {
    const q = tx.request as M4Msg;
    const types = unknownSkippable(q.value).join(', ');
    const a = tx.answers[0] as M4Msg | undefined;
    if (!a) return v.inconclusive(`no Registration Reply to RRQ frame ${q.frame} (extension ${types}) was captured`, ev([q]));
    const code = a.value.code ?? 0;
    const e = ev([q, a], { path: 'rrp.code', expected: 'accepted (0/1) or a rejection for another reason', actual: code, offset: 1 });
    if (accepted(a.value)) return v.pass(`RRP frame ${a.frame} accepts RRQ frame ${q.frame}, skipping extension ${types}`, e);
    if (code === HA_CODE.POORLY_FORMED && otherwiseWellFormed(q)) {
      return v.fail(`RRP frame ${a.frame} rejects RRQ frame ${q.frame} as poorly formed (134); the only thing out of the ordinary is skippable extension ${types}`, e);
    }
    return v.inconclusive(`RRP frame ${a.frame} rejects RRQ frame ${q.frame} with code ${codeText(code)}, perhaps for another reason`, e);
  },
});

export const fhaDynamicHoa = defineAssertion<TxAssertion<Mipv4Message>>({
  id: 'RFC2794-2-fha-dynamic-hoa',
  title: 'the home agent accepting a request for a dynamic home address (0.0.0.0) returns the assigned address',
  level: 'INFO',
  role: 'fha',
  proto: 'mipv4',
  scope: 'transaction',
  subject: 'answer',
  observe: 'both',
  provisional: true,
  cite: {
    doc: 'RFC2794', section: '2', digest: 'MIP4-03', url: URL('rfc2794', '2'),
    quote: `${UNVERIFIED}Dynamic home address: RRQ Home Address 0.0.0.0 plus NAI extension 131; the HA returns the assigned address in the RRP Home Address field.`,
  },
  looksAt: 'Home Address of the accepting Reply (code 0/1) to a Registration Request with Home Address 0.0.0.0: non-zero (the home-agent half of RFC2794-2-dynamic-hoa)',
  applies: (tx) => isReg(tx) && tx.request.value.homeAddress === '0.0.0.0',
  check(tx): Check {
    const q = tx.request as M4Msg;
    const a = tx.answers[0] as M4Msg | undefined;
    if (!a) return v.inconclusive(`no Registration Reply to RRQ frame ${q.frame} was captured`, ev([q]));
    if (!accepted(a.value)) return v.na(`RRP frame ${a.frame} rejects the registration (code ${a.value.code ?? 0})`, ev([q, a]));
    return a.value.homeAddress !== '0.0.0.0'
      ? v.pass(`RRP frame ${a.frame} assigns home address ${a.value.homeAddress}`, ev([q, a], { path: 'rrp.homeAddress', actual: a.value.homeAddress }))
      : v.fail(`RRP frame ${a.frame} accepts the registration but returns Home Address 0.0.0.0`, ev([q, a], { path: 'rrp.homeAddress', expected: 'the assigned address', actual: '0.0.0.0', offset: 4 }));
  },
});

export const RFC5944_FHA: readonly TxAssertion[] = [haRejectsBadAuth, haSkipsUnknownExtension, fhaDynamicHoa];
