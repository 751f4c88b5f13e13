// Seed S001 (draft-tschofenig-dime-mip6-integrated-00): MBR/MBA, MHR/MHA with configured code points (DIGEST §8).
// Grammar families from the dictionary rows; MBR-02, MBR-04, MBR-06, MBR-07 hand-written. MBR-03: suites/rfc6733/session.ts.
import { flagFamily, fromDoc, grammarFamily } from '../../src/assert/generate.js';
import { defineAssertion, v, type MsgAssertion, type TxAssertion } from '../../src/assert/types.js';
import { codepoint } from '../../src/proto/codepoints.js';
import { CMD, findAll, findAvp, type CommandDef, type DiameterMessage } from '../../src/proto/diameter/index.js';
import { ev, isExchange, isRequest, label, noAnswerFrames, noAnswerText } from '../diameter/kit.js';

const mbr = (c: CommandDef) => c.source.startsWith('S001 §4.3');
const mhr = (c: CommandDef) => c.source.startsWith('S001 §4.5');
const s001Cmd = (m: DiameterMessage, s: { codepoints: Record<string, number> }) =>
  m.commandCode === codepoint(s, 's001.mbr.command') || m.commandCode === codepoint(s, 's001.mhr.command');

export const mbrGrammar = grammarFamily({
  id: 'S001-4.3-mbr-grammar', title: 'MBR follows its CCF', level: 'MUST', role: 'nas', side: 'request', commands: mbr,
  cite: { doc: 'S001', section: '4.3', digest: 'MBR-04', quote: '<MBR> ::= < Diameter Header: XXX, REQ, PXY > < Session-Id > { Auth-Application-Id } { Origin-Host } { Origin-Realm } { Destination-Realm } { Auth-Request-Type } [ Destination-Host ] [ User-Name ] [ DNS Update Mobility Option ] [ MIPv6 Bootstrapping Feature ] * [ AVP ]' },
  looksAt: 'every MBR (configured command code) against the S001 §4.3 CCF row',
});
export const mbaGrammar = grammarFamily({
  id: 'S001-4.4-mba-grammar', title: 'MBA follows its CCF', level: 'MUST', role: 'aaa-server', side: 'answer', commands: mbr,
  cite: { doc: 'S001', section: '4.4', digest: 'MBR-05', quote: '<MBA> ::= < Diameter Header: XXX, PXY > < Session-Id > { Auth-Application-Id } { Auth-Request-Type } { Result-Code } { Origin-Host } { Origin-Realm } [ DNS Update Mobility Option ] [ Home Address ] [ Home Link Prefix ] [ Home Agent FQDN ] [ Home Agent Address ] * [ AVP ]' },
  looksAt: 'every MBA against the S001 §4.4 CCF row',
});
export const mhrGrammar = grammarFamily({
  id: 'S001-4.5-mhr-grammar', title: 'MHR follows its CCF', level: 'MUST', role: 'aaa-server', side: 'request', commands: mhr,
  cite: { doc: 'S001', section: '4.5', quote: '<MHR> ::= < Diameter Header: XXX, REQ, PXY > < Session-Id > { Auth-Application-Id } { Origin-Host } { Origin-Realm } { Destination-Realm } { Auth-Request-Type } [ Destination-Host ] [ Home Address ] [ Home Link Prefix ] [ MIPv6 Security Association ] * [ AVP ]' },
  looksAt: 'every MHR against the S001 §4.5 CCF row',
});
export const mhaGrammar = grammarFamily({
  id: 'S001-4.6-mha-grammar', title: 'MHA follows its CCF', level: 'MUST', role: 'home-agent', side: 'answer', commands: mhr,
  cite: { doc: 'S001', section: '4.6', digest: 'MBR-08', quote: '<MHA> ::= < Diameter Header: XXX, PXY > < Session-Id > { Auth-Application-Id } { Origin-Host } { Origin-Realm } { Result-Code } [ Home Address ] [ Home Link Prefix ] * [ AVP ]' },
  looksAt: 'every MHA (the HA answering as Diameter server) against the S001 §4.6 CCF row',
});
export const s001Flags = flagFamily({
  id: 'S001-4.7-avp-flags', title: 'S001 AVPs are vendor-specific (V set, configured Vendor-Id)', level: 'MUST', role: 'diameter-node',
  avps: fromDoc('S001'), provisional: true, profileKeys: ['codepoints'],
  cite: { doc: 'S001', section: '4.7', quote: 'DIGEST §8 (tester choice, the draft has no code points): S001 AVPs are vendor-specific, V=1, Vendor-Id 32473; M per codepoints.s001.avp.mBit.' },
  looksAt: 'V/M bits of the S001 AVPs (code points from settings)',
});

export const applicationId = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'S001-4.2-application-id',
  title: 'MBR/MBA, MHR/MHA carry the S001 Application-Id in the header and in Auth-Application-Id',
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'message',
  provisional: true,
  profileKeys: ['codepoints'],
  cite: { doc: 'S001', section: '4.2', digest: 'MBR-02', quote: 'The value of TBD MUST be used as the Application-Id in all MBR/MBA and MHR/MHA commands.' },
  looksAt: 'header Application-Id and Auth-Application-Id of MBR/MBA/MHR/MHA against codepoints s001.appId',
  applies: (m, ctx) => m.raw.length >= 20 && s001Cmd(m.value, ctx.settings),
  check(m, ctx) {
    const want = codepoint(ctx.settings, 's001.appId');
    const avps = findAll(m.value, 258).map((a) => a.value);
    const bad = m.value.applicationId !== want || avps.some((x) => x !== want);
    const e = { frames: m.frames, path: `${label(m.value)}.applicationId`, expected: want, actual: { header: m.value.applicationId, 'Auth-Application-Id': avps } };
    return bad ? v.fail(`${label(m.value)}: header Application-Id ${m.value.applicationId}, Auth-Application-Id ${avps.join(',') || 'absent'}; S001 Application-Id is ${want}`, e)
      : v.pass(`${label(m.value)} carries Application-Id ${want}`, e);
  },
});

export const mbrFlags = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'S001-4.3-mbr-flags',
  title: 'MBR is sent with R and P set',
  level: 'MUST',
  role: 'nas',
  proto: 'diameter',
  scope: 'message',
  provisional: true,
  cite: { doc: 'S001', section: '4.3', digest: 'MBR-04', quote: "The MIPv6-Bootstrapping-Request message (MBR) indicated by the Command- Code field (see Section 3 of [6]) set to TBD and 'R' bit set in the Command Flags field ... < Diameter Header: XXX, REQ, PXY >" },
  looksAt: 'R and P command flags of every MBR',
  applies: (m, ctx) => m.raw.length >= 20 && m.value.commandCode === codepoint(ctx.settings, 's001.mbr.command') && isRequest(m.value),
  check(m) {
    const p = (m.value.flags & CMD.P) !== 0;
    const e = { frames: m.frames, path: 'MBR.flags', offset: 4, expected: 'R=1, P=1', actual: `R=1, P=${Number(p)}` };
    return p ? v.pass('MBR has R and P set', e) : v.fail('MBR has P clear; its header is REQ, PXY', e);
  },
});

export const dnsUpdateEcho = defineAssertion<TxAssertion<DiameterMessage>>({
  id: 'S001-4.7.5-dns-update-echo',
  title: 'An MBR with DNS-Update-Mobility-Option gets it back in the MBA',
  level: 'MUST',
  role: 'aaa-server',
  proto: 'diameter',
  scope: 'transaction',
  subject: 'answer',
  provisional: true,
  cite: { doc: 'S001', section: '4.7.5', digest: 'MBR-06', quote: 'When the payload is sent from the Diameter client to the Diameter server then the response MUST include the DNS Update Mobility Option AVP.' },
  looksAt: 'DNS-Update-Mobility-Option in an MBR and in its MBA',
  applies: (tx, ctx) => isExchange(tx) && tx.request.value.commandCode === codepoint(ctx.settings, 's001.mbr.command') && findAvp(tx.request.value, 'DNS-Update-Mobility-Option') !== undefined,
  check(tx) {
    const a = tx.answers[0];
    if (!a) return v.fail(`MBR with DNS-Update-Mobility-Option got ${noAnswerText(tx)}; the response must include it`, { frames: [...tx.request.frames, ...noAnswerFrames(tx)], actual: noAnswerText(tx) });
    const rc = findAvp(a.value, 'Result-Code')?.value;
    if (typeof rc === 'number' && (rc < 2000 || rc >= 3000)) return v.na(`the MBA is an error answer (Result-Code ${rc}): there is no response to carry the option`, ev([tx.request, a]));
    const has = findAvp(a.value, 'DNS-Update-Mobility-Option') !== undefined;
    const e = ev([tx.request, a], { path: 'MBA.DNS-Update-Mobility-Option', expected: 'present', actual: has ? 'present' : 'absent' });
    return has ? v.pass('MBA includes DNS-Update-Mobility-Option', e) : v.fail('MBA lacks DNS-Update-Mobility-Option although the MBR carried one', e);
  },
});

export const mhrSaParameters = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'S001-4.5-mhr-sa-parameters',
  title: 'MHR carries MIPv6 Security Association Parameters (fail under s001.strict, else warn)',
  level: 'MUST',
  role: 'aaa-server',
  proto: 'diameter',
  scope: 'message',
  provisional: true,
  profileKeys: ['s001.strict'],
  cite: { doc: 'S001', section: '4.5', digest: 'MBR-07', quote: 'The message MUST carry the MIPv6 Security Association Parameters.' },
  looksAt: 'MIPv6-Security-Association-Parameters in every MHR (the ABNF makes it optional under another name: DIGEST §13 item 5)',
  applies: (m, ctx) => m.raw.length >= 20 && isRequest(m.value) && m.value.commandCode === codepoint(ctx.settings, 's001.mhr.command'),
  check(m, ctx) {
    const has = findAvp(m.value, 'MIPv6-Security-Association-Parameters') !== undefined;
    const e = { frames: m.frames, path: 'MHR.MIPv6-Security-Association-Parameters', expected: 'present', actual: has ? 'present' : 'absent' };
    if (has) return v.pass('MHR carries MIPv6-Security-Association-Parameters', e);
    const msg = 'MHR lacks MIPv6-Security-Association-Parameters (S001 §4.5 prose: MUST; its ABNF: optional)';
    return ctx.settings['s001.strict'] ? v.fail(msg, e) : v.warn(msg, e);
  },
});

export const S001 = [mbrGrammar, mbaGrammar, mhrGrammar, mhaGrammar, s001Flags, applicationId, mbrFlags, dnsUpdateEcho, mhrSaParameters];
