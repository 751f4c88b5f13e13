// RFC 6733 §6.2 answer construction (DIA-01) and §7.1 result codes (DIA-04, DIA-05).
import { defineAssertion, v, type MsgAssertion, type TxAssertion } from '../../src/assert/types.js';
import { CMD, findAll, type DiameterAvp, type DiameterMessage } from '../../src/proto/diameter/index.js';
import { encodeAvp } from '../../src/proto/diameter/avp.js';
import { ev, isExchange, isRequest, label, noAnswerFrames, noAnswerText, resultCode, resultText, sessionId, url, type DTx } from '../diameter/kit.js';

const q62 = (s: string) => ({ doc: 'RFC6733', section: '6.2', digest: 'DIA-01', url: url(6733, '6.2'), quote: s });

/** a tx assertion about the answer: no answer → inconclusive naming what came back */
function answered(tx: DTx, what: string) {
  return v.inconclusive(`${label(tx.request.value)}: ${noAnswerText(tx)}, so ${what} cannot be judged`, { frames: [...tx.request.frames, ...noAnswerFrames(tx)], actual: noAnswerText(tx) });
}

export const noDestination = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC6733-6.2-answer-no-destination',
  title: 'Answers carry no Destination-Host / Destination-Realm',
  level: 'MUST NOT',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'message',
  cite: q62('The Destination-Host and Destination-Realm AVPs MUST NOT be present in the answer message.'),
  looksAt: 'top-level AVPs of every answer',
  applies: (m) => m.raw.length >= 20 && !isRequest(m.value),
  check(m) {
    const bad = [...findAll(m.value, 293), ...findAll(m.value, 283)];
    return bad.length
      ? v.fail(`${label(m.value)} carries ${bad.map((a) => a.name).join(', ')}`, { frames: m.frames, path: label(m.value), expected: 'absent', actual: bad.map((a) => a.name), ...(bad[0]!.raw ? { offset: bad[0]!.raw.offset } : {}) })
      : v.pass(`${label(m.value)} carries neither Destination-Host nor Destination-Realm`, { frames: m.frames });
  },
});

export const answerSessionId = defineAssertion<TxAssertion<DiameterMessage>>({
  id: 'RFC6733-6.2-answer-session-id',
  title: "The answer echoes the request's Session-Id",
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'transaction',
  subject: 'answer',
  cite: q62('If the Session-Id is present in the request, it MUST be included in the answer.'),
  looksAt: 'Session-Id of the request and of its answer',
  applies: (tx) => isExchange(tx) && sessionId(tx.request.value) !== undefined,
  check(tx) {
    const a = tx.answers[0];
    if (!a) return answered(tx, 'the Session-Id echo');
    const want = sessionId(tx.request.value)!;
    const got = sessionId(a.value);
    const e = ev([tx.request, a], { path: `${label(a.value)}.Session-Id`, expected: want, actual: got ?? 'absent' });
    return got === want ? v.pass(`${label(a.value)} echoes Session-Id ${want}`, e) : v.fail(`${label(a.value)} has Session-Id ${got ?? 'absent'}; the request had ${want}`, e);
  },
});

const proxyKey = (a: DiameterAvp) => Buffer.from(encodeAvp(a)).toString('hex');

export const proxyInfoCopied = defineAssertion<TxAssertion<DiameterMessage>>({
  id: 'RFC6733-6.2-proxy-info-copied',
  title: 'Proxy-Info AVPs are copied to the answer in order',
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'transaction',
  subject: 'answer',
  cite: q62('Any Proxy-Info AVPs in the request MUST be added to the answer message, in the same order they were present in the request.'),
  looksAt: 'Proxy-Info AVPs of the request and of its answer, compared byte for byte and in order',
  applies: (tx) => isExchange(tx) && findAll(tx.request.value, 284).length > 0,
  check(tx) {
    const a = tx.answers[0];
    if (!a) return answered(tx, 'the Proxy-Info copy');
    const want = findAll(tx.request.value, 284).map(proxyKey);
    const got = findAll(a.value, 284).map(proxyKey);
    const same = want.length === got.length && want.every((x, i) => x === got[i]);
    const e = ev([tx.request, a], { path: `${label(a.value)}.Proxy-Info`, expected: `${want.length} Proxy-Info in request order`, actual: `${got.length} Proxy-Info${got.length && !same ? ', different or reordered' : ''}` });
    return same ? v.pass(`${label(a.value)} copies ${want.length} Proxy-Info AVP(s) in order`, e) : v.fail(`${label(a.value)} does not copy the request's ${want.length} Proxy-Info AVP(s) in order (found ${got.length})`, e);
  },
});

export const answerPBit = defineAssertion<TxAssertion<DiameterMessage>>({
  id: 'RFC6733-6.2-answer-p-bit',
  title: "The answer's P bit equals the request's",
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'transaction',
  subject: 'answer',
  cite: q62("The 'P' bit is set to the same value as the one in the request."),
  looksAt: "the 'P' command flag of the request and of its answer",
  applies: (tx) => isExchange(tx),
  check(tx) {
    const a = tx.answers[0];
    if (!a) return answered(tx, 'the P bit');
    const p = (tx.request.value.flags & CMD.P) !== 0;
    const q = (a.value.flags & CMD.P) !== 0;
    const e = ev([tx.request, a], { path: `${label(a.value)}.flags.P`, offset: 4, expected: Number(p), actual: Number(q) });
    return p === q ? v.pass(`${label(a.value)} P=${Number(q)} as the request`, e) : v.fail(`${label(a.value)} has P=${Number(q)} but the request had P=${Number(p)}`, e);
  },
});

export const oneResultCode = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC6733-7.1-one-result-code',
  title: 'Every answer carries exactly one Result-Code (or Experimental-Result)',
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'message',
  cite: { doc: 'RFC6733', section: '7.1', digest: 'DIA-05', url: url(6733, '7.1'), quote: 'All Diameter answer messages in IETF-defined Diameter application specifications MUST include one Result-Code AVP.' },
  looksAt: 'top-level Result-Code / Experimental-Result AVPs of every answer',
  applies: (m) => m.raw.length >= 20 && !isRequest(m.value),
  check(m) {
    const n = findAll(m.value, 268).length;
    const x = findAll(m.value, 297).length;
    const e = { frames: m.frames, path: `${label(m.value)}.Result-Code`, expected: 1, actual: n + x };
    return n + x === 1 ? v.pass(`${label(m.value)} carries ${resultText(resultCode(m.value))}`, e) : v.fail(`${label(m.value)} carries ${n} Result-Code and ${x} Experimental-Result AVPs; exactly one expected`, e);
  },
});

const classCheck = (id: string, section: string, klass: 3 | 4, quote: string, eSet: boolean, digest: string) =>
  defineAssertion<MsgAssertion<DiameterMessage>>({
    id,
    title: `${klass}xxx Result-Codes only in answers with E ${eSet ? 'set' : 'clear'}`,
    level: 'MUST',
    role: 'diameter-node',
    proto: 'diameter',
    scope: 'message',
    cite: { doc: 'RFC6733', section, digest, url: url(6733, section), quote },
    looksAt: `the E bit of every answer whose Result-Code is ${klass}xxx`,
    applies: (m) => m.raw.length >= 20 && !isRequest(m.value) && Math.floor((resultCode(m.value) ?? 0) / 1000) === klass,
    check(m) {
      const e = (m.value.flags & CMD.E) !== 0;
      const rc = resultText(resultCode(m.value));
      const evd = { frames: m.frames, path: `${label(m.value)}.flags.E`, offset: 4, expected: Number(eSet), actual: Number(e) };
      return e === eSet ? v.pass(`${label(m.value)} carries ${rc} with E ${e ? 'set' : 'clear'}`, evd) : v.fail(`${label(m.value)} carries ${rc} with E ${e ? 'set' : 'clear'}`, evd);
    },
  });

export const protocolErrorE = classCheck('RFC6733-7.1.3-protocol-error-e-bit', '7.1.3', 3, "Note that these errors MUST only be used in answer messages whose 'E' bit is set.", true, 'DIA-04');
export const transientNoE = classCheck('RFC6733-7.1.4-transient-no-e-bit', '7.1.4', 4, "Note that these errors MUST be used in answer messages whose 'E' bit is not set.", false, 'DIA-04');

export const ANSWER = [noDestination, answerSessionId, proxyInfoCopied, answerPBit, oneResultCode, protocolErrorE, transientNoE];
