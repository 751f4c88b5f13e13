// RFC 5778 split scenario (HA ↔ home AAA): MIP6I DER (SPLIT-01), MIP6A MIR/MIA (SPLIT-02..05), MIR/MIA only on App-Id 8,
// and the MIR/MIA CCF families generated from the dictionary rows.
import { grammarFamily } from '../../src/assert/generate.js';
import { defineAssertion, v, type MsgAssertion, type TxAssertion } from '../../src/assert/types.js';
import { findAvp, type DiameterMessage } from '../../src/proto/diameter/index.js';
import { ev, isExchange, isRequest, label, noAnswerFrames, noAnswerText, resultCode, url } from '../diameter/kit.js';

const AUTHORIZE_AUTHENTICATE = 3;
const MIP6_AUTH_MN_AAA = 1;
const num = (m: DiameterMessage, k: string | number): number | undefined => {
  const x = findAvp(m, k)?.value;
  return typeof x === 'number' ? x : undefined;
};
const str = (m: DiameterMessage, k: string | number): string | undefined => {
  const x = findAvp(m, k)?.value;
  return typeof x === 'string' ? x : undefined;
};

export const mirGrammar = grammarFamily({
  id: 'RFC5778-5.2.1-mir-grammar',
  title: 'MIR follows its CCF',
  level: 'MUST',
  role: 'home-agent',
  side: 'request',
  commands: (c) => c.code === 325,
  cite: {
    doc: 'RFC5778', section: '5.2.1', url: url(5778, '5.2.1'),
    quote: '<MIP6-Request> ::= < Diameter Header: 325, REQ, PXY > < Session-Id > { Auth-Application-Id } { User-Name } { Destination-Realm } { Origin-Host } { Origin-Realm } { Auth-Request-Type } ... { MIP6-Auth-Mode } ... 1*2{ MIP-Mobile-Node-Address } { MIP6-Agent-Info } { MIP-Careof-Address } ... * [ AVP ]',
  },
  looksAt: 'every MIR against the RFC 5778 CCF row (required MIP6-Auth-Mode, MIP6-Agent-Info, MIP-Careof-Address as the ABNF says; freeDiameter is laxer)',
});

export const miaGrammar = grammarFamily({
  id: 'RFC5778-5.2.2-mia-grammar',
  title: 'MIA follows its CCF',
  level: 'MUST',
  role: 'aaa-server',
  side: 'answer',
  commands: (c) => c.code === 325,
  cite: {
    doc: 'RFC5778', section: '5.2.2', url: url(5778, '5.2.2'),
    quote: '<MIP6-Answer> ::= < Diameter Header: 325, PXY > < Session-Id > { Auth-Application-Id } { Result-Code } { Origin-Host } { Origin-Realm } { Auth-Request-Type } ... * [ AVP ]',
  },
  looksAt: 'every MIA against the RFC 5778 CCF row (E set: the RFC 6733 §7.2 error CCF)',
});

export const mip6aAppId = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC5778-5.2-mip6a-app-id',
  title: 'MIR/MIA carry Application-Id 8 (MIP6A) only',
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'message',
  provisional: true,
  cite: {
    doc: 'RFC5778', section: '5.2', url: url(5778, '5.2'),
    quote: 'DIGEST §7 (paraphrase): MIP6A: MIR/MIA, Command Code 325, App-Id 8; MIR/MIA belong to App-Id 8 only (freeDiameter also registers them under 7, a quirk).',
  },
  looksAt: 'header Application-Id of every command-325 message',
  applies: (m) => m.raw.length >= 20 && m.value.commandCode === 325,
  check(m) {
    const e = { frames: m.frames, path: `${label(m.value)}.applicationId`, offset: 8, expected: 8, actual: m.value.applicationId };
    return m.value.applicationId === 8 ? v.pass(`${label(m.value)} has Application-Id 8`, e) : v.fail(`${label(m.value)} has Application-Id ${m.value.applicationId}; MIR/MIA belong to MIP6A (8)`, e);
  },
});

export const mip6iDer = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC5778-5.1.1-mip6i-auth-request-type',
  title: 'MIP6I DER (App-Id 7) asks AUTHORIZE_AUTHENTICATE',
  level: 'MUST',
  role: 'home-agent',
  proto: 'diameter',
  scope: 'message',
  provisional: true,
  cite: {
    doc: 'RFC5778', section: '5.1.1', digest: 'SPLIT-01', url: url(5778, '5.1.1'),
    quote: 'DIGEST SPLIT-01 (paraphrase): MIP6I DER/DEA header App-Id = 7; Auth-Request-Type = AUTHORIZE_AUTHENTICATE.',
  },
  looksAt: 'Auth-Request-Type of every DER on Application-Id 7',
  applies: (m) => m.raw.length >= 20 && isRequest(m.value) && m.value.commandCode === 268 && m.value.applicationId === 7,
  check(m) {
    const t = findAvp(m.value, 274);
    const e = { frames: m.frames, path: 'DER.Auth-Request-Type', expected: 'AUTHORIZE_AUTHENTICATE', actual: t ? (t.enumName ?? t.value) : 'absent' };
    return t?.value === AUTHORIZE_AUTHENTICATE ? v.pass('MIP6I DER asks AUTHORIZE_AUTHENTICATE', e) : v.fail(`MIP6I DER has Auth-Request-Type ${t ? (t.enumName ?? String(t.value)) : 'absent'}`, e);
  },
});

export const authMode = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC5778-6.20-auth-mode',
  title: 'MIP6-Auth-Mode MIP6_AUTH_MN_AAA goes with Auth-Request-Type AUTHORIZE_AUTHENTICATE',
  level: 'MUST',
  role: 'home-agent',
  proto: 'diameter',
  scope: 'message',
  cite: {
    doc: 'RFC5778', section: '6.20', digest: 'SPLIT-02', url: url(5778, '6.20'),
    quote: 'When the MIP6-Auth_Mode AVP is set to the value of MIP6_AUTH_MN_AAA, the Auth-Request-Type AVP MUST be set to the value of AUTHORIZE_AUTHENTICATE.',
  },
  looksAt: 'Auth-Request-Type of every request whose MIP6-Auth-Mode is MIP6_AUTH_MN_AAA',
  applies: (m) => m.raw.length >= 20 && isRequest(m.value) && num(m.value, 494) === MIP6_AUTH_MN_AAA,
  check(m) {
    const t = findAvp(m.value, 274);
    const e = { frames: m.frames, path: `${label(m.value)}.Auth-Request-Type`, expected: 'AUTHORIZE_AUTHENTICATE', actual: t ? (t.enumName ?? t.value) : 'absent' };
    return t?.value === AUTHORIZE_AUTHENTICATE ? v.pass(`${label(m.value)}: MIP6_AUTH_MN_AAA with AUTHORIZE_AUTHENTICATE`, e) : v.fail(`${label(m.value)}: MIP6_AUTH_MN_AAA with Auth-Request-Type ${t ? (t.enumName ?? String(t.value)) : 'absent'}`, e);
  },
});

export const miaMnAddress = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC5778-5.2.2-mia-mn-address',
  title: 'A successful MIA includes MIP-Mobile-Node-Address',
  level: 'MUST',
  role: 'aaa-server',
  proto: 'diameter',
  scope: 'message',
  cite: {
    doc: 'RFC5778', section: '5.2.2', digest: 'SPLIT-03', url: url(5778, '5.2.2'),
    quote: 'An MIA message with the Result-Code AVP set to DIAMETER_SUCCESS MUST include the MIP-Mobile-Node-Address AVP.',
  },
  looksAt: 'MIP-Mobile-Node-Address in every MIA with Result-Code 2001',
  applies: (m) => m.raw.length >= 20 && !isRequest(m.value) && m.value.commandCode === 325 && resultCode(m.value) === 2001,
  check(m) {
    const a = findAvp(m.value, 333);
    const e = { frames: m.frames, path: 'MIA.MIP-Mobile-Node-Address', expected: 'present', actual: a ? 'present' : 'absent' };
    return a ? v.pass('MIA (2001) includes MIP-Mobile-Node-Address', e) : v.fail('MIA (2001) lacks MIP-Mobile-Node-Address', e);
  },
});

export const mnHaSpi = defineAssertion<TxAssertion<DiameterMessage>>({
  id: 'RFC5778-6.4-mn-ha-spi',
  title: 'With MIP6_AUTH_MN_AAA, the MIA MIP-MN-HA-MSA holds MIP-MN-HA-SPI',
  level: 'MUST',
  role: 'aaa-server',
  proto: 'diameter',
  scope: 'transaction',
  subject: 'answer',
  cite: {
    doc: 'RFC5778', section: '6.4', digest: 'SPLIT-04', url: url(5778, '6.4'),
    quote: 'When the MIP6-Auth-Mode AVP is set to value MIP6_AUTH_MN_AAA, and the Diameter server returns a valid MIP-MN-HA-MSA AVP in the MIA message, this AVP MUST be present inside the MIP-MN-HA-MSA AVP.',
  },
  looksAt: 'MIP-MN-HA-MSA of the MIA answering an MIR with MIP6-Auth-Mode MIP6_AUTH_MN_AAA',
  applies: (tx) => isExchange(tx) && tx.request.value.commandCode === 325 && num(tx.request.value, 494) === MIP6_AUTH_MN_AAA && tx.answers.some((a) => findAvp(a.value, 492)),
  check(tx) {
    const a = tx.answers.find((x) => findAvp(x.value, 492))!;
    const spi = findAvp(a.value, 'MIP-MN-HA-MSA/MIP-MN-HA-SPI');
    const e = ev([tx.request, a], { path: 'MIA.MIP-MN-HA-MSA.MIP-MN-HA-SPI', expected: 'present', actual: spi ? spi.value : 'absent' });
    return spi ? v.pass(`MIA MIP-MN-HA-MSA carries MIP-MN-HA-SPI ${String(spi.value)}`, e) : v.fail('MIA MIP-MN-HA-MSA lacks MIP-MN-HA-SPI although MIP6_AUTH_MN_AAA was used', e);
  },
});

export const serviceSelection = defineAssertion<TxAssertion<DiameterMessage>>({
  id: 'RFC5778-6.2-service-selection',
  title: 'Service-Selection in request and answer names the same service',
  level: 'SHOULD',
  role: 'aaa-server',
  proto: 'diameter',
  scope: 'transaction',
  subject: 'answer',
  cite: {
    doc: 'RFC5778', section: '6.2', digest: 'SPLIT-05', url: url(5778, '6.2'),
    quote: 'If the Service-Selection AVP is present in both the request and the reply messages, it SHOULD contain the same service name.',
  },
  looksAt: 'Service-Selection of a request and of its answer, when both carry one',
  applies: (tx) => isExchange(tx) && str(tx.request.value, 493) !== undefined,
  check(tx) {
    const a = tx.answers[0];
    if (!a) return v.inconclusive(`${label(tx.request.value)} got ${noAnswerText(tx)}`, { frames: [...tx.request.frames, ...noAnswerFrames(tx)] });
    const want = str(tx.request.value, 493)!;
    const got = str(a.value, 493);
    const e = ev([tx.request, a], { path: `${label(a.value)}.Service-Selection`, expected: want, actual: got ?? 'absent' });
    if (got === undefined) return v.na(`${label(a.value)} carries no Service-Selection`, e);
    return got === want ? v.pass(`Service-Selection '${got}' in both`, e) : v.fail(`${label(a.value)} names service '${got}', the request '${want}'`, e);
  },
});

export const RFC5778 = [mirGrammar, miaGrammar, mip6aAppId, mip6iDer, authMode, miaMnAddress, mnHaSpi, serviceSelection];
