// RFC 5447 NAS ↔ home AAA MIPv6 bootstrapping AVPs (DIGEST §6.4: M5447-01, -03, -05, -07, -08, -10) and the RFC 6611
// integrated-scenario expectation that the AAAH returns home agent information (INT-04).
import { groupedFamily } from '../../src/assert/generate.js';
import { defineAssertion, v, type Check, type MsgAssertion, type TxAssertion } from '../../src/assert/types.js';
import { findAll, findAvp, walkAvps, type DiameterAvp, type DiameterMessage } from '../../src/proto/diameter/index.js';
import { ev, failedHas, isExchange, isRequest, label, noAnswerFrames, noAnswerText, resultCode, resultText, url, type DTx } from '../diameter/kit.js';
import { prefixTailBits } from '../rfc6733/errors.js';

const MIP6_INTEGRATED = 0x1n;
/** NASREQ AAR/AAA (265, App 1) and Diameter EAP DER/DEA (268, App 5): the commands RFC 5447 §5 extends */
const isNasCommand = (m: DiameterMessage) => (m.commandCode === 265 && m.applicationId === 1) || (m.commandCode === 268 && m.applicationId === 5);
const fv = (m: DiameterMessage): bigint | undefined => {
  const x = findAvp(m, 124)?.value;
  return typeof x === 'bigint' ? x : undefined;
};
const hex = (x: bigint) => `0x${x.toString(16)}`;

export const agentInfoGrammar = groupedFamily({
  id: 'RFC5447-4.2.1-agent-info-grammar',
  title: 'MIP6-Agent-Info follows its CCF (at most two MIP-Home-Agent-Address)',
  level: 'MUST',
  role: 'diameter-node',
  avps: (d) => d.name === 'MIP6-Agent-Info',
  cite: {
    doc: 'RFC5447', section: '4.2.1', digest: 'M5447-03', url: url(5447, '4.2.1'),
    quote: 'MIP6-Agent-Info ::= < AVP-Header: 486 > *2[ MIP-Home-Agent-Address ] [ MIP-Home-Agent-Host ] [ MIP6-Home-Link-Prefix ] * [ AVP ] ... The ABNF allows returning up to two MIPv6 HA addresses.',
  },
  looksAt: 'contents of every MIP6-Agent-Info against its CCF row',
});

function agentInfos(m: DiameterMessage): DiameterAvp[] {
  const out: DiameterAvp[] = [];
  walkAvps(m, (a) => {
    if (a.code === 486 && !a.vendorId && Array.isArray(a.value)) out.push(a);
  });
  return out;
}

export const agentInfoHa = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC5447-4.2.1-agent-info-ha',
  title: 'MIP6-Agent-Info contains MIP-Home-Agent-Address or MIP-Home-Agent-Host',
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'message',
  cite: {
    doc: 'RFC5447', section: '4.2.1', digest: 'M5447-01', url: url(5447, '4.2.1'),
    quote: 'When the MIP6-Agent-Info AVP is present in a message, it MUST contain either the MIP-Home-Agent-Address AVP, the MIP-Home-Agent-Host AVP, or both AVPs.',
  },
  looksAt: 'children of every MIP6-Agent-Info',
  applies: (m) => agentInfos(m.value).length > 0,
  check(m) {
    return agentInfos(m.value).map((a): Check => {
      const has = (a.avps ?? []).filter((x) => x.code === 334 || x.code === 348).map((x) => x.name ?? String(x.code));
      const e = { frames: m.frames, path: `${label(m.value)}.MIP6-Agent-Info`, expected: 'MIP-Home-Agent-Address and/or MIP-Home-Agent-Host', actual: (a.avps ?? []).map((x) => x.name ?? x.code), ...(a.raw ? { offset: a.raw.offset } : {}) };
      return has.length ? v.pass(`${label(m.value)}: MIP6-Agent-Info names its HA by ${has.join(' + ')}`, e) : v.fail(`${label(m.value)}: MIP6-Agent-Info has neither MIP-Home-Agent-Address nor MIP-Home-Agent-Host`, e);
    });
  },
});

export const homeLinkPrefix = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC5447-4.2.4-home-link-prefix',
  title: 'MIP6-Home-Link-Prefix is prefix length + 16 octets with zero trailing bits',
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'message',
  cite: {
    doc: 'RFC5447', section: '4.2.4', digest: 'M5447-05', url: url(5447, '4.2.4'),
    quote: 'The home network prefix MUST be encoded as the 8-bit prefix length information (one octet) followed by the 128-bit field (16 octets) for the available home network prefix. The trailing bits of the IPv6 prefix after the prefix length bits MUST be set to zero (e.g., if the prefix length is 60, then the remaining 68 bits MUST be set to zero).',
  },
  looksAt: 'length, prefix length octet and trailing bits of every MIP6-Home-Link-Prefix',
  applies: (m) => {
    let n = 0;
    walkAvps(m.value, (a) => void (a.code === 125 && !a.vendorId && n++));
    return n > 0;
  },
  check(m) {
    const out: Check[] = [];
    walkAvps(m.value, (a) => {
      if (a.code !== 125 || a.vendorId) return;
      const b = a.data ?? (a.value instanceof Uint8Array ? a.value : new Uint8Array(0));
      const e = { frames: m.frames, path: `${label(m.value)}.MIP6-Home-Link-Prefix`, ...(a.raw ? { offset: a.raw.offset } : {}) };
      if (b.length !== 17) out.push(v.fail(`${label(m.value)}: MIP6-Home-Link-Prefix is ${b.length} octets; 17 expected`, { ...e, expected: 17, actual: b.length }));
      else if (b[0]! > 128) out.push(v.fail(`${label(m.value)}: prefix length ${b[0]} exceeds 128`, { ...e, expected: '≤ 128', actual: b[0] }));
      else if (prefixTailBits(b)) out.push(v.fail(`${label(m.value)}: MIP6-Home-Link-Prefix /${b[0]} has bits set past its prefix length`, { ...e, expected: 'zero trailing bits', actual: Buffer.from(b).toString('hex') }));
      else out.push(v.pass(`${label(m.value)}: MIP6-Home-Link-Prefix /${b[0]} is well formed`, e));
    });
    return out;
  },
});

export const featureVectorZero = defineAssertion<TxAssertion<DiameterMessage>>({
  id: 'RFC5447-4.2.5-feature-vector-zero',
  title: 'A MIP6-Feature-Vector of 0 is accepted (not rejected with 5001/5004)',
  level: 'MUST',
  role: 'aaa-server',
  proto: 'diameter',
  scope: 'transaction',
  subject: 'answer',
  cite: {
    doc: 'RFC5447', section: '4.2.5', digest: 'M5447-07', url: url(5447, '4.2.5'),
    quote: 'Sending and receiving the MIP6-Feature-Vector AVP with value 0 MUST be supported, although that does not provide much guidance about specific needs of bootstrapping.',
  },
  looksAt: 'answers to requests carrying MIP6-Feature-Vector = 0: a 5001/5004 naming it in Failed-AVP is a rejection',
  applies: (tx) => isExchange(tx) && fv(tx.request.value) === 0n,
  check(tx) {
    const a = tx.answers[0];
    if (!a) return v.inconclusive(`${label(tx.request.value)} with MIP6-Feature-Vector 0 got ${noAnswerText(tx)}`, { frames: [...tx.request.frames, ...noAnswerFrames(tx)], actual: noAnswerText(tx) });
    const rc = resultCode(a.value);
    const e = ev([tx.request, a], { path: `${label(a.value)}.Result-Code`, expected: 'not 5001/5004 on MIP6-Feature-Vector', actual: resultText(rc) });
    if ((rc === 5001 || rc === 5004) && failedHas(a.value, 124)) return v.fail(`${label(a.value)} rejects MIP6-Feature-Vector 0 with ${resultText(rc)}`, e);
    return v.pass(`${label(a.value)} (${resultText(rc)}) does not reject MIP6-Feature-Vector 0`, e);
  },
});

export const featureSubset = defineAssertion<TxAssertion<DiameterMessage>>({
  id: 'RFC5447-4.2.5-feature-subset',
  title: "The server's MIP6-Feature-Vector is a subset of the NAS's",
  level: 'MAY',
  role: 'aaa-server',
  proto: 'diameter',
  scope: 'transaction',
  subject: 'answer',
  provisional: true,
  cite: {
    doc: 'RFC5447', section: '4.2.5', digest: 'M5447-08', url: url(5447, '4.2.5'),
    quote: 'Similarly, the Diameter server MAY include this AVP to inform the NAS/ASP about which of the NAS/ASP indicated capabilities are supported or authorized by the ASA/MSA(/MSP).',
  },
  looksAt: 'MIP6-Feature-Vector bits in the answer against those of the request (bits the NAS never offered → warn)',
  applies: (tx) => isExchange(tx) && isNasCommand(tx.request.value) && fv(tx.request.value) !== undefined && tx.answers.some((a) => fv(a.value) !== undefined),
  check(tx) {
    const a = tx.answers.find((x) => fv(x.value) !== undefined)!;
    const req = fv(tx.request.value)!;
    const ans = fv(a.value)!;
    const extra = ans & ~req;
    const e = ev([tx.request, a], { path: `${label(a.value)}.MIP6-Feature-Vector`, expected: `⊆ ${hex(req)}`, actual: hex(ans) });
    return extra ? v.fail(`${label(a.value)} sets MIP6-Feature-Vector bits ${hex(extra)} the request (${hex(req)}) did not indicate`, e) : v.pass(`${label(a.value)} MIP6-Feature-Vector ${hex(ans)} ⊆ request ${hex(req)}`, e);
  },
});

export const nasIntegrated = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC5447-4.2.5-nas-integrated',
  title: 'The NAS sets MIP6_INTEGRATED in its AAR/DER (RFC 6611 integrated scenario)',
  level: 'INFO',
  role: 'nas',
  proto: 'diameter',
  scope: 'message',
  provisional: true,
  cite: {
    doc: 'RFC5447', section: '4.2.5', digest: 'M5447-10', url: url(5447, '4.2.5'),
    quote: 'MIP6_INTEGRATED (0x0000000000000001) When this flag is set by the NAS, it means that the Mobile IPv6 integrated scenario bootstrapping functionality is supported by the NAS.',
  },
  looksAt: 'MIP6-Feature-Vector of every NASREQ AAR / EAP DER (a NAS supporting RFC 6611 is expected to set MIP6_INTEGRATED, S000 §3(d))',
  applies: (m) => m.raw.length >= 20 && isRequest(m.value) && isNasCommand(m.value),
  check(m) {
    const x = fv(m.value);
    const e = { frames: m.frames, path: `${label(m.value)}.MIP6-Feature-Vector`, expected: 'MIP6_INTEGRATED (0x1) set', actual: x === undefined ? 'absent' : hex(x) };
    if (x === undefined) return v.fail(`${label(m.value)} carries no MIP6-Feature-Vector`, e);
    return x & MIP6_INTEGRATED ? v.pass(`${label(m.value)} sets MIP6_INTEGRATED (${hex(x)})`, e) : v.fail(`${label(m.value)} MIP6-Feature-Vector ${hex(x)} lacks MIP6_INTEGRATED`, e);
  },
});

export const aaaAgentInfo = defineAssertion<TxAssertion<DiameterMessage>>({
  id: 'RFC6611-4.2.1-aaa-agent-info',
  title: 'A successful AAA/DEA to an integrated-scenario request returns home agent information (MIP6-Agent-Info)',
  level: 'INFO',
  role: 'aaa-server',
  proto: 'diameter',
  scope: 'transaction',
  subject: 'answer',
  provisional: true,
  cite: {
    doc: 'RFC6611', section: '4.2.1', digest: 'INT-04', url: url(6611, '4.2.1'),
    quote: 'The AAAH assigns a home agent in the home MSP, and it assigns one or more home agents in other authorized MSPs and returns this information to the NAS.',
  },
  looksAt: 'AAA/DEA with Result-Code 2001 answering an AAR/DER that set MIP6_INTEGRATED: at least one MIP6-Agent-Info',
  applies: (tx) => isExchange(tx) && isNasCommand(tx.request.value) && ((fv(tx.request.value) ?? 0n) & MIP6_INTEGRATED) !== 0n,
  check(tx: DTx) {
    const a = tx.answers[0];
    if (!a) return v.inconclusive(`${label(tx.request.value)} got ${noAnswerText(tx)}`, { frames: [...tx.request.frames, ...noAnswerFrames(tx)], actual: noAnswerText(tx) });
    const rc = resultCode(a.value);
    const n = findAll(a.value, 486).length;
    const e = ev([tx.request, a], { path: `${label(a.value)}.MIP6-Agent-Info`, expected: '≥ 1', actual: n });
    if (rc !== 2001) return v.na(`${label(a.value)} is ${resultText(rc)}, not a success`, e);
    return n ? v.pass(`${label(a.value)} (2001) returns ${n} MIP6-Agent-Info`, e) : v.fail(`${label(a.value)} (2001) returns no MIP6-Agent-Info to an integrated-scenario request`, e);
  },
});

export const RFC5447 = [agentInfoGrammar, agentInfoHa, homeLinkPrefix, featureVectorZero, featureSubset, nasIntegrated, aaaAgentInfo];
