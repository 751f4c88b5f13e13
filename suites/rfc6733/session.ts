// RFC 6733 sessions: Session-Id origin (§8.8, DIA-22), the session's Application-Id on STR/ASR/RAR (DIA-36; S001 and
// RFC 3588 differ: settings), Application-Id AVPs vs the header (§6.8/§6.9/§6.11, DIA-20), Re-Auth-Request-Type (§8.12, DIA-40).
import type { Settings } from '../../src/assert/profiles.js';
import { defineAssertion, v, type Check, type MsgAssertion, type RunAssertion } from '../../src/assert/types.js';
import type { Transaction } from '../../src/flow/transaction.js';
import { codepoint } from '../../src/proto/codepoints.js';
import { findAll, findAvp, type DiameterMessage } from '../../src/proto/diameter/index.js';
import { ev, isExchange, isRequest, label, originHost, sessionId, url, type DTx } from '../diameter/kit.js';

/** commands that carry the session's application (RFC 6733 §2.5 / DIGEST §5.5); ACR uses the accounting application */
export const SESSION_CMDS = new Set([258, 274, 275]);
const PEER_CMDS = new Set([257, 280, 282]);

export const sessionIdOrigin = defineAssertion<RunAssertion>({
  id: 'RFC6733-8.8-session-id-origin',
  title: "A session's first request has a Session-Id beginning with its sender's identity",
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'run',
  cite: {
    doc: 'RFC6733', section: '8.8', digest: 'DIA-22', url: url(6733, '8.8'),
    quote: 'The Session-Id MUST begin with the sender\'s identity encoded in the DiameterIdentity type (see Section 4.3.1).',
  },
  looksAt: 'for each Session-Id, the first request seen carrying it: the part before the first ";" against its Origin-Host',
  start() {
    // judged at the session's first request; only the Session-Id strings are kept (bounded)
    const seen = new Set<string>();
    return {
      see(tx: Transaction): Check | void {
        if (!isExchange(tx) || !tx.session || seen.has(tx.session)) return;
        if (seen.size >= SEEN_MAX) seen.clear();
        seen.add(tx.session);
        const sid = tx.session;
        const oh = originHost(tx.request.value);
        const head = sid.split(';')[0] ?? '';
        const e = ev([tx.request], { path: `${label(tx.request.value)}.Session-Id`, expected: oh ?? 'Origin-Host', actual: sid });
        if (!oh) return v.inconclusive(`${label(tx.request.value)} carries Session-Id ${sid} but no Origin-Host to compare`, e);
        return head.toLowerCase() === oh.toLowerCase()
          ? v.pass(`Session-Id ${sid} begins with its sender's identity ${oh}`, e)
          : v.fail(`Session-Id ${sid} begins with '${head}', not its sender's identity ${oh}`, e);
      },
      end: (): Check[] => [],
    };
  },
});

/** sessions remembered at once by the session checks (a capture with more forgets the oldest) */
const SEEN_MAX = 200_000;

type Expect = (sessionApp: number, s: Settings) => { accept: number[]; why: string } | undefined;

/** Run-scope check of the header Application-Id of STR/ASR/RAR (and answers) against the session's application. */
function sessionAppRun(expect: Expect) {
  return (ctx: { settings: Settings }) => {
    // the application of each session's first non-peer request; STR/ASR/RAR are judged as they arrive
    const app = new Map<string, number>();
    return {
      see(tx: Transaction): Check[] | void {
        if (!isExchange(tx) || !tx.session) return;
        const m = tx.request.value;
        if (!SESSION_CMDS.has(m.commandCode)) {
          if (!app.has(tx.session) && !PEER_CMDS.has(m.commandCode) && m.commandCode !== 271) {
            if (app.size >= SEEN_MAX) app.delete(app.keys().next().value!);
            app.set(tx.session, m.applicationId);
          }
          return;
        }
        const sApp = app.get(tx.session);
        if (sApp === undefined) return;
        const x = expect(sApp, ctx.settings);
        if (!x) return;
        return [tx.request, ...tx.answers].map((msg) => {
          const got = msg.value.applicationId;
          const e = ev([msg], { path: `${label(msg.value)}.applicationId`, offset: 8, expected: x.accept, actual: got });
          return x.accept.includes(got)
            ? v.pass(`${label(msg.value)} of session ${tx.session} has Application-Id ${got} (${x.why})`, e)
            : v.fail(`${label(msg.value)} of session ${tx.session} has Application-Id ${got}; expected ${x.accept.join(' or ')} (${x.why})`, e);
        });
      },
      end: (): Check[] => [],
    };
  };
}

const isS001 = (app: number, s: Settings) => app === codepoint(s, 's001.appId');

export const sessionAppId = defineAssertion<RunAssertion>({
  id: 'RFC6733-2.5-session-app-id',
  title: "STR/STA, ASR/ASA, RAR/RAA carry the session's Application-Id",
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'run',
  provisional: true,
  profileKeys: ['diameter.base', 's001.sessionAppId'],
  cite: {
    doc: 'RFC6733', section: '2.5', digest: 'DIA-36', url: url(6733, '2.5'),
    quote: "DIGEST DIA-36 (paraphrase): ASR/ASA, RAR/RAA, STR/STA carry the session's application Id. RFC 3588 left it unclear (DIGEST §5.10); S001 §4.2 says 0 (DIGEST §13 item 4).",
  },
  looksAt: "header Application-Id of STR/ASR/RAR and their answers against the application of the session's first request",
  start: sessionAppRun((sApp, s) => {
    if (s['s001.sessionAppId'] === 's001' && isS001(sApp, s)) return undefined; // S001-4.2-session-app-id judges these
    if (s['diameter.base'] === 'rfc3588') return { accept: [sApp, 0], why: 'RFC 3588: the session application or 0' };
    return { accept: [sApp], why: "RFC 6733: the session's application" };
  }),
});

export const s001SessionAppId = defineAssertion<RunAssertion>({
  id: 'S001-4.2-session-app-id',
  title: 'S001 sessions use Application-Id 0 on STR/STA, ASR/ASA, RAR/RAA (profile s001-appid)',
  level: 'SHOULD',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'run',
  provisional: true,
  profileKeys: ['s001.sessionAppId'],
  cite: {
    doc: 'S001', section: '4.2', digest: 'MBR-03',
    quote: 'The value of zero (0) SHOULD be used as the Application-Id in all STR/STA, ACR/ACA, ASR/ASA, and RAR/RAA commands, because these commands are defined in the Diameter base protocol and no additional mandatory AVPs for those commands are defined in this document.',
  },
  looksAt: "header Application-Id of STR/ASR/RAR in S001 sessions, only under s001.sessionAppId=s001 (RFC 6733 §2.5 says otherwise)",
  start: sessionAppRun((sApp, s) => (s['s001.sessionAppId'] === 's001' && isS001(sApp, s) ? { accept: [0], why: 'S001 §4.2' } : undefined)),
});

export const appIdMatch = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC6733-6.8-application-id-match',
  title: 'Auth-/Acct-Application-Id (also inside Vendor-Specific-Application-Id) equal the header Application-Id outside CER/CEA',
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'message',
  profileKeys: ['s001.sessionAppId'],
  cite: {
    doc: 'RFC6733', section: '6.8', digest: 'DIA-20', url: url(6733, '6.8'),
    quote: 'If present in a message other than CER and CEA, the value of the Auth-Application-Id AVP MUST match the Application Id present in the Diameter message header.',
  },
  looksAt: 'top-level Auth-Application-Id, Acct-Application-Id and the ones inside Vendor-Specific-Application-Id, against the header (STR/ASR/RAR with header 0 are skipped under s001.sessionAppId=s001)',
  applies: (m, ctx) => {
    const x = m.value;
    if (m.raw.length < 20 || x.commandCode === 257) return false;
    if (ctx.settings['s001.sessionAppId'] === 's001' && SESSION_CMDS.has(x.commandCode) && x.applicationId === 0) return false;
    return findAll(x, 258).length + findAll(x, 259).length + findAll(x, 260).length > 0;
  },
  check(m) {
    const x = m.value;
    const ids = [...findAll(x, 258), ...findAll(x, 259), ...findAll(x, 'Vendor-Specific-Application-Id/Auth-Application-Id'), ...findAll(x, 'Vendor-Specific-Application-Id/Acct-Application-Id')];
    const bad = ids.filter((a) => a.value !== x.applicationId);
    const e = { frames: m.frames, path: `${label(x)}.${bad[0]?.name ?? 'Auth-Application-Id'}`, expected: x.applicationId, actual: ids.map((a) => a.value as number) };
    return bad.length
      ? v.fail(`${label(x)}: ${bad.map((a) => `${a.name} ${String(a.value)}`).join(', ')} against header Application-Id ${x.applicationId}`, { ...e, ...(bad[0]!.raw ? { offset: bad[0]!.raw.offset } : {}) })
      : v.pass(`${label(x)}: Application-Id AVPs equal the header's ${x.applicationId}`, e);
  },
});

export const reAuthType = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC6733-8.12-re-auth-request-type',
  title: 'An answer with a positive Authorization-Lifetime carries Re-Auth-Request-Type',
  level: 'MUST',
  role: 'aaa-server',
  proto: 'diameter',
  scope: 'message',
  cite: {
    doc: 'RFC6733', section: '8.12', digest: 'DIA-40', url: url(6733, '8.12'),
    quote: 'If the answer message contains an Authorization-Lifetime AVP with a positive value, the Re-Auth-Request-Type AVP MUST be present in an answer message.',
  },
  looksAt: 'Authorization-Lifetime and Re-Auth-Request-Type of every answer',
  applies: (m) => {
    const l = findAvp(m.value, 291)?.value;
    return m.raw.length >= 20 && !isRequest(m.value) && typeof l === 'number' && l > 0;
  },
  check(m) {
    const r = findAvp(m.value, 285);
    const e = { frames: m.frames, path: `${label(m.value)}.Re-Auth-Request-Type`, expected: 'present', actual: r ? (r.enumName ?? r.value) : 'absent' };
    return r ? v.pass(`${label(m.value)} has Authorization-Lifetime ${String(findAvp(m.value, 291)!.value)} and Re-Auth-Request-Type`, e)
      : v.fail(`${label(m.value)} has Authorization-Lifetime ${String(findAvp(m.value, 291)!.value)} but no Re-Auth-Request-Type`, e);
  },
});

export const SESSION = [sessionIdOrigin, sessionAppId, s001SessionAppId, appIdMatch, reAuthType];
