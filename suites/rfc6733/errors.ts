// RFC 6733 §7.1 "which code for which error" (DIA-06 … DIA-17), judged where a request shows the error condition:
// the answer must carry the code (and Failed-AVP where the text requires it). No answer → fail, saying what came back.
import { defineAssertion, type Level, type RunContext, type TxAssertion } from '../../src/assert/types.js';
import {
  CMD, checkFlags, checkGrammar, walkAvps,
  type DiameterAvp, type DiameterMessage, type Dictionary, type GrammarProblem,
} from '../../src/proto/diameter/index.js';
import { avpPath } from '../../src/assert/generate.js';
import { advertisedApps, dict, isExchange, judgeErrorAnswer, label, RELAY_APP, url, type DTx, type ErrorExpectation } from '../diameter/kit.js';

type Finder = (tx: DTx, d: Dictionary, ctx: RunContext) => ErrorExpectation | undefined;

interface ErrorRow {
  id: string;
  section: string;
  digest: string;
  level: Level;
  title: string;
  quote: string;
  looksAt: string;
  provisional?: boolean;
  find: Finder;
}

function errorAssertion(r: ErrorRow) {
  return defineAssertion<TxAssertion<DiameterMessage>>({
    id: r.id,
    title: r.title,
    level: r.level,
    role: 'diameter-node',
    proto: 'diameter',
    scope: 'transaction',
  subject: 'answer',
    ...(r.provisional ? { provisional: true } : {}),
    cite: { doc: 'RFC6733', section: r.section, digest: r.digest, url: url(6733, r.section), quote: r.quote },
    looksAt: r.looksAt,
    applies: (tx, ctx) => isExchange(tx) && r.find(tx, dict(ctx), ctx) !== undefined,
    check: (tx, ctx) => judgeErrorAnswer(tx, r.find(tx, dict(ctx), ctx)!),
  });
}

const avpAt = (m: DiameterMessage, path: readonly (string | number)[]): DiameterAvp | undefined => {
  let level: readonly DiameterAvp[] | undefined = m.avps;
  let a: DiameterAvp | undefined;
  for (let i = 0; i + 1 < path.length; i += 2) {
    a = level?.[path[i + 1] as number];
    level = a?.avps;
  }
  return a;
};

const failedOf = (a: DiameterAvp) => ({ code: a.code, name: a.name ?? `AVP ${a.code}`, ...(a.vendorId ? { vendorId: a.vendorId } : {}) });

function grammarProblem(kind: GrammarProblem['kind'], tx: DTx, d: Dictionary): GrammarProblem | undefined {
  return checkGrammar(tx.request.value, d).find((p) => p.kind === kind);
}

const BASE_CMDS = new Set([257, 280, 282]);

export const ERRORS = [
  errorAssertion({
    id: 'RFC6733-7.1.3-command-unsupported', section: '7.1.3', digest: 'DIA-06', level: 'INFO',
    title: 'An unsupported Command Code is answered 3001 with E set',
    quote: 'DIAMETER_COMMAND_UNSUPPORTED 3001 This error code is used when a Diameter entity receives a message with a Command Code that it does not support.',
    looksAt: 'answers to requests whose Command Code no known application defines',
    find: (tx, d) => (d.hasCommandCode(tx.request.value.commandCode) ? undefined : {
      condition: `Command Code ${tx.request.value.commandCode} is defined by no known application`, codes: [3001], e: true, successMayBeFine: true, path: 'header.commandCode', offset: 5,
    }),
  }),
  errorAssertion({
    id: 'RFC6733-7.1.3-application-unsupported', section: '7.1.3', digest: 'DIA-07', level: 'INFO',
    title: 'A request for an application the receiver did not advertise is answered 3007 with E set',
    quote: 'DIAMETER_APPLICATION_UNSUPPORTED 3007 A request was sent for an application that is not supported.',
    looksAt: "answers to requests whose header Application-Id is missing from the receiver's CER/CEA on this connection",
    find: (tx) => {
      const m = tx.request.value;
      const cer = tx.legs?.cer?.[0];
      const cea = tx.legs?.cea?.[0];
      if (!cer || !cea || m.applicationId === 0 || BASE_CMDS.has(m.commandCode)) return undefined;
      const fromCerSide = cer.src.addr === tx.request.src.addr && cer.src.port === tx.request.src.port;
      const apps = advertisedApps((fromCerSide ? cea : cer).value as DiameterMessage);
      if (apps.has(m.applicationId) || apps.has(RELAY_APP)) return undefined;
      return { condition: `Application-Id ${m.applicationId} was not advertised by the receiver (frame ${(fromCerSide ? cea : cer).frame})`, codes: [3007], e: true, successMayBeFine: true, path: 'header.applicationId', offset: 8 };
    },
  }),
  errorAssertion({
    id: 'RFC6733-7.1.3-invalid-hdr-bits', section: '7.1.3', digest: 'DIA-08', level: 'INFO', provisional: true,
    title: 'Reserved or inconsistent header bits are answered 3008 (or 5013)',
    quote: "DIAMETER_INVALID_HDR_BITS 3008 A request was received whose bits in the Diameter header were set either to an invalid combination or to a value that is inconsistent with the Command Code's definition.",
    looksAt: "answers to requests with reserved Command Flags set or a 'P' bit against the command's PXY tag (3008 and 5013 overlap: DIGEST §13 item 7)",
    find: (tx, d) => {
      const m = tx.request.value;
      const mg = d.messageGrammar(m);
      const reserved = m.flags & CMD.RESERVED;
      const pWrong = mg !== undefined && ((m.flags & CMD.P) !== 0) !== mg.def.proxiable;
      if (!reserved && !pWrong) return undefined;
      return { condition: reserved ? `reserved Command Flags 0x${reserved.toString(16)} set` : `'P' bit ${mg!.def.proxiable ? 'clear' : 'set'} against the ${mg!.def.abbrev} definition`, codes: [3008, 5013], path: 'header.flags', offset: 4 };
    },
  }),
  errorAssertion({
    id: 'RFC6733-7.1.3-invalid-avp-bits', section: '7.1.3', digest: 'DIA-09', level: 'INFO', provisional: true,
    title: 'AVP flag bits against the AVP definition are answered 3009 (or 5016)',
    quote: "DIAMETER_INVALID_AVP_BITS 3009 A request was received that included an AVP whose flag bits are set to an unrecognized value or that is inconsistent with the AVP's definition.",
    looksAt: 'answers to requests with a top-level AVP whose M/V bits break its flag row (3009 and 5016 overlap: DIGEST §13 item 7)',
    find: (tx, d) => {
      for (const a of tx.request.value.avps) {
        const def = d.avp(a.code, a.vendorId ?? 0);
        const p = def ? checkFlags(a, def).find((x) => x.flag !== 'reserved') : undefined;
        if (p) return { condition: `${p.avp} has ${p.flag}=${p.actual}`, codes: [3009, 5016], path: p.avp, ...(a.raw ? { offset: a.raw.offset } : {}) };
      }
      return undefined;
    },
  }),
  errorAssertion({
    id: 'RFC6733-7.1.5-avp-unsupported', section: '7.1.5', digest: 'DIA-10', level: 'MUST',
    title: 'An unknown AVP with M set is answered 5001 with Failed-AVP',
    quote: "DIAMETER_AVP_UNSUPPORTED 5001 The peer received a message that contained an AVP that is not recognized or supported and was marked with the 'M' (Mandatory) bit. A Diameter message with this error MUST contain one or more Failed-AVP AVPs containing the AVPs that caused the failure.",
    looksAt: 'answers to requests with a top-level AVP unknown to the dictionary and marked M',
    find: (tx, d) => {
      const a = tx.request.value.avps.find((x) => x.flags & 0x40 && !d.avp(x.code, x.vendorId ?? 0));
      return a ? { condition: `AVP ${a.code}${a.vendorId ? ` (vendor ${a.vendorId})` : ''} is unknown and has M set`, codes: [5001], failed: failedOf(a), successMayBeFine: true, path: `AVP ${a.code}`, ...(a.raw ? { offset: a.raw.offset } : {}) } : undefined;
    },
  }),
  errorAssertion({
    id: 'RFC6733-7.1.5-invalid-avp-value', section: '7.1.5', digest: 'DIA-12', level: 'MUST',
    title: 'An invalid AVP value is answered 5004 with the AVP in Failed-AVP',
    quote: 'DIAMETER_INVALID_AVP_VALUE 5004 The request contained an AVP with an invalid value in its data portion. A Diameter message indicating this error MUST include the offending AVPs within a Failed-AVP AVP.',
    looksAt: 'answers to requests carrying a base Enumerated AVP with a value its closed list lacks, or an MIP6-Home-Link-Prefix with bits set past its prefix length',
    find: (tx, d) => {
      for (const a of tx.request.value.avps) {
        const def = d.avp(a.code, a.vendorId ?? 0);
        if (def?.type === 'Enumerated' && def.enums && def.source.startsWith('RFC6733') && def.name !== 'Termination-Cause' && typeof a.value === 'number' && def.enums[a.value] === undefined) {
          return { condition: `${def.name} = ${a.value} is not a defined value`, codes: [5004], failed: failedOf(a), path: def.name, ...(a.raw ? { offset: a.raw.offset } : {}) };
        }
      }
      let bad: DiameterAvp | undefined;
      walkAvps(tx.request.value, (a) => {
        if (!bad && a.code === 125 && !a.vendorId && a.value instanceof Uint8Array && a.value.length === 17 && prefixTailBits(a.value)) bad = a;
      });
      return bad ? { condition: 'MIP6-Home-Link-Prefix has bits set past its prefix length', codes: [5004], failed: failedOf(bad), path: 'MIP6-Home-Link-Prefix' } : undefined;
    },
  }),
  errorAssertion({
    id: 'RFC6733-7.1.5-missing-avp', section: '7.1.5', digest: 'DIA-13', level: 'SHOULD',
    title: 'A missing required AVP is answered 5005 with an example in Failed-AVP',
    quote: 'DIAMETER_MISSING_AVP 5005 The request did not contain an AVP that is required by the Command Code definition. If this value is sent in the Result-Code AVP, a Failed-AVP AVP SHOULD be included in the message. The Failed-AVP AVP MUST contain an example of the missing AVP complete with the Vendor-Id if applicable.',
    looksAt: 'answers to requests lacking an AVP their CCF requires',
    find: (tx, d) => {
      const p = grammarProblem('missing', tx, d);
      const def = p ? d.avpByName(p.avp) : undefined;
      return p ? { condition: `${p.where} lacks ${p.expected}`, codes: [5005], ...(def ? { failed: { code: def.code, name: def.name, ...(def.vendorId ? { vendorId: def.vendorId } : {}) } } : {}), path: p.where } : undefined;
    },
  }),
  errorAssertion({
    id: 'RFC6733-7.1.5-avp-not-allowed', section: '7.1.5', digest: 'DIA-15', level: 'MUST',
    title: 'An AVP that must not be present is answered 5008 with a copy in Failed-AVP',
    quote: 'DIAMETER_AVP_NOT_ALLOWED 5008 A message was received with an AVP that MUST NOT be present. The Failed-AVP AVP MUST be included and contain a copy of the offending AVP.',
    looksAt: 'answers to requests carrying an AVP their CCF (or a Grouped AVP\'s CCF) does not allow',
    find: (tx, d) => {
      const p = grammarProblem('not-allowed', tx, d);
      const a = p ? avpAt(tx.request.value, p.path) : undefined;
      return p && a ? { condition: `${p.where} carries ${p.avp}, not allowed`, codes: [5008], failed: failedOf(a), path: avpPath(tx.request.value, p.path), offset: p.offset } : undefined;
    },
  }),
  errorAssertion({
    id: 'RFC6733-7.1.5-avp-too-many', section: '7.1.5', digest: 'DIA-14', level: 'MUST',
    title: 'An AVP occurring too often is answered 5009 with the first excess instance in Failed-AVP',
    quote: 'DIAMETER_AVP_OCCURS_TOO_MANY_TIMES 5009 A message was received that included an AVP that appeared more often than permitted in the message definition. The Failed-AVP AVP MUST be included and contain a copy of the first instance of the offending AVP that exceeded the maximum number of occurrences.',
    looksAt: 'answers to requests carrying an AVP more often than their CCF allows',
    find: (tx, d) => {
      const p = grammarProblem('too-many', tx, d);
      const a = p ? avpAt(tx.request.value, p.path) : undefined;
      return p && a ? { condition: `${p.where} has ${p.actual} × ${p.avp} (allowed ${p.expected})`, codes: [5009], failed: failedOf(a), path: avpPath(tx.request.value, p.path), offset: p.offset } : undefined;
    },
  }),
  errorAssertion({
    id: 'RFC6733-7.1.5-invalid-avp-length', section: '7.1.5', digest: 'DIA-16', level: 'MUST',
    title: 'An AVP of invalid length is answered 5014 with the AVP in Failed-AVP',
    quote: 'DIAMETER_INVALID_AVP_LENGTH 5014 The request contained an AVP with an invalid length. A Diameter message indicating this error MUST include the offending AVPs within a Failed-AVP AVP.',
    looksAt: 'answers to requests with an AVP whose length does not fit its type or its defined data length (e.g. Unsigned32 of 2 octets, MIP6-Home-Link-Prefix ≠ 17)',
    find: (tx, d) => {
      let bad: DiameterAvp | undefined;
      let why = '';
      walkAvps(tx.request.value, (a) => {
        if (bad || a.code === 279) return;
        const def = d.avp(a.code, a.vendorId ?? 0);
        if (!def || !a.data) return;
        const fixed = ({ Integer32: 4, Unsigned32: 4, Float32: 4, Enumerated: 4, Time: 4, Integer64: 8, Unsigned64: 8, Float64: 8 } as Record<string, number>)[def.type];
        const want = def.dataLength ?? fixed;
        if (want !== undefined && a.data.length !== want) {
          bad = a;
          why = `${def.name} data is ${a.data.length} octets, its definition says ${want}`;
        }
      });
      return bad ? { condition: why, codes: [5014], failed: failedOf(bad), path: bad.name ?? `AVP ${bad.code}`, ...(bad.raw ? { offset: bad.raw.offset } : {}) } : undefined;
    },
  }),
  errorAssertion({
    id: 'RFC6733-7.1.5-unsupported-version', section: '7.1.5', digest: 'DIA-17', level: 'INFO',
    title: 'A request with an unsupported Version is answered 5011',
    quote: 'DIAMETER_UNSUPPORTED_VERSION 5011 This error is returned when a request was received, whose version number is unsupported.',
    looksAt: 'answers to requests whose Version is not 1',
    find: (tx) => (tx.request.value.version === 1 ? undefined : { condition: `Version ${tx.request.value.version}`, codes: [5011], path: 'header.version', offset: 0 }),
  }),
];

/** true when an RFC 5447 17-octet prefix has bits set past its prefix length (or a length over 128) */
export function prefixTailBits(v: Uint8Array): boolean {
  const len = v[0]!;
  if (len > 128) return true;
  for (let bit = len; bit < 128; bit++) if (v[1 + (bit >> 3)]! & (0x80 >> (bit & 7))) return true;
  return false;
}

export { label };
