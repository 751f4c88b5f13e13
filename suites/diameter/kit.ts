// Shared helpers for Diameter assertions: the matcher's transactions, result codes, Failed-AVP, evidence, and what to
// say when no answer came ("no answer within T" / "connection closed (RST, frame N)").
import { evidenceOf } from '../../src/assert/evidence.js';
import type { Check, Evidence, RunContext } from '../../src/assert/types.js';
import { v } from '../../src/assert/types.js';
import type { Message } from '../../src/flow/message.js';
import type { Transaction } from '../../src/flow/transaction.js';
import {
  APP_IDS, CMD, dictionaryFor, findAll, findAvp, KIND, RESULT_CODES,
  type DiameterAvp, type DiameterMessage, type Dictionary,
} from '../../src/proto/diameter/index.js';

export type DMsg = Message<DiameterMessage>;
export type DTx = Transaction<DiameterMessage>;

export const RELAY_APP = APP_IDS.relay;

export const url = (rfc: number | string, section: string): string => `https://www.rfc-editor.org/rfc/rfc${rfc}#section-${section}`;

export function dict(ctx: RunContext): Dictionary {
  return dictionaryFor(ctx.settings);
}

export const isRequest = (m: DiameterMessage): boolean => (m.flags & CMD.R) !== 0;

/** A request/answer exchange from the matcher (not an orphan answer or an undecodable message). */
export function isExchange(tx: Transaction): tx is DTx {
  return tx.proto === 'diameter' && tx.kind === KIND.exchange;
}

/** 'AAR', 'MIA', or 'command 16777214 request' when the dictionary does not know it. */
export function label(m: DiameterMessage, d?: Dictionary): string {
  return m.name ?? d?.abbrev(m) ?? `command ${m.commandCode} ${isRequest(m) ? 'request' : 'answer'}`;
}

/** The answer's Result-Code, else the Experimental-Result-Code inside Experimental-Result. */
export function resultCode(m: DiameterMessage): number | undefined {
  const rc = findAvp(m, 268)?.value;
  if (typeof rc === 'number') return rc;
  const er = findAvp(m, 'Experimental-Result/Experimental-Result-Code')?.value;
  return typeof er === 'number' ? er : undefined;
}

export function resultText(code: number | undefined): string {
  if (code === undefined) return 'no Result-Code';
  const n = RESULT_CODES[code];
  return n ? `${code} ${n}` : String(code);
}

/** AVPs carried inside the answer's Failed-AVP AVPs (one level down). */
export function failedAvps(m: DiameterMessage): DiameterAvp[] {
  return findAll(m, 279).flatMap((f) => f.avps ?? []);
}

/** Is an AVP with this code (and vendor) inside a Failed-AVP, at any depth (§7.5 allows the grouped hierarchy)? */
export function failedHas(m: DiameterMessage, code: number, vendorId = 0): boolean {
  const walk = (l: readonly DiameterAvp[]): boolean =>
    l.some((a) => (a.code === code && (a.vendorId ?? 0) === vendorId) || (a.avps ? walk(a.avps) : false));
  return walk(failedAvps(m));
}

/** Evidence with the frames of the given messages (sorted, unique). */
/** evidence over Diameter messages (src/assert/evidence.ts) */
export const ev = (msgs: readonly (DMsg | undefined)[], extra: Omit<Evidence, 'frames'> = {}): Evidence => evidenceOf(msgs, extra);

/** What came back instead of an answer, from the matcher's record. */
export function noAnswerText(tx: Transaction): string {
  if (tx.closed) return `connection closed (${tx.closed.how.toUpperCase()}${tx.closed.frame ? `, frame ${tx.closed.frame}` : ''})`;
  if (tx.timeout) return `no answer within ${tx.timeout.afterMs / 1000} s`;
  return 'no answer';
}

export function noAnswerFrames(tx: Transaction): number[] {
  return tx.closed && tx.closed.frame ? [tx.closed.frame] : [];
}

/** Application Ids a CER/CEA advertises: Auth-/Acct-Application-Id and those inside Vendor-Specific-Application-Id. */
export function advertisedApps(m: DiameterMessage): Set<number> {
  const ids = [
    ...findAll(m, 258), ...findAll(m, 259),
    ...findAll(m, 'Vendor-Specific-Application-Id/Auth-Application-Id'),
    ...findAll(m, 'Vendor-Specific-Application-Id/Acct-Application-Id'),
  ].map((a) => a.value);
  return new Set(ids.filter((x): x is number => typeof x === 'number'));
}

export const originHost = (m: DiameterMessage): string | undefined => {
  const o = findAvp(m, 264)?.value;
  return typeof o === 'string' ? o : undefined;
};

export const sessionId = (m: DiameterMessage): string | undefined => {
  const s = findAvp(m, 263)?.value;
  return typeof s === 'string' ? s : undefined;
};

/** What a request's receiver is expected to answer for one error condition (RFC 6733 §7.1). */
export interface ErrorExpectation {
  /** the condition seen in the request, e.g. "AVP 16777200 is unknown and has M set" */
  condition: string;
  /** acceptable Result-Codes */
  codes: readonly number[];
  /** E bit the answer must have; undefined = either */
  e?: boolean;
  /** the AVP the answer's Failed-AVP must hold */
  failed?: { code: number; vendorId?: number; name: string };
  /** a success answer could mean the peer knows what this tool's dictionary does not: inconclusive, not fail */
  successMayBeFine?: boolean;
  /** where in the request the condition is */
  path?: string;
  offset?: number;
}

/**
 * Judges the answer to a request that shows an error condition. No answer → fail with exactly what came back.
 * Another error code → inconclusive (§7: only the first error found is reported, and it may be another one).
 */
export function judgeErrorAnswer(tx: DTx, x: ErrorExpectation): Check {
  const want = `Result-Code ${x.codes.map(resultText).join(' or ')}${x.e === undefined ? '' : x.e ? ' with E set' : ' with E clear'}${x.failed ? ` and Failed-AVP holding ${x.failed.name}` : ''}`;
  const req = tx.request;
  const base = { ...(x.path ? { path: x.path } : {}), ...(x.offset !== undefined ? { offset: x.offset } : {}) };
  const a = tx.answers[0];
  if (!a) {
    return v.fail(`${label(req.value)} (${x.condition}) got ${noAnswerText(tx)}; expected ${want}`, {
      frames: [...req.frames, ...noAnswerFrames(tx)], ...base, expected: want, actual: noAnswerText(tx),
    });
  }
  const rc = resultCode(a.value);
  const e = (a.value.flags & CMD.E) !== 0;
  const evd = ev([req, a], { ...base, expected: want, actual: `${resultText(rc)}${e ? ', E set' : ''}` });
  if (rc === undefined || !x.codes.includes(rc)) {
    if (rc !== undefined && rc < 3000) {
      return x.successMayBeFine
        ? v.inconclusive(`${label(req.value)} (${x.condition}) was answered ${resultText(rc)}: the peer may support what this tool's dictionary does not know`, evd)
        : v.fail(`${label(req.value)} (${x.condition}) was answered ${resultText(rc)}; expected ${want}`, evd);
    }
    return v.inconclusive(`${label(req.value)} (${x.condition}) was answered ${resultText(rc)}, not ${x.codes.join('/')}: RFC 6733 §7 reports only the first error found, which may be another one`, evd);
  }
  if (x.e !== undefined && e !== x.e) return v.fail(`${label(a.value)} carries ${resultText(rc)} with E ${e ? 'set' : 'clear'}; expected ${want}`, evd);
  if (x.failed && !failedHas(a.value, x.failed.code, x.failed.vendorId ?? 0)) {
    const got = failedAvps(a.value).map((f) => f.name ?? `AVP ${f.code}`);
    return v.fail(`${label(a.value)} carries ${resultText(rc)} but its Failed-AVP ${got.length ? `holds ${got.join(', ')}` : 'is absent'}; expected ${x.failed.name} in it`, {
      ...evd, actual: got.length ? got : 'no Failed-AVP',
    });
  }
  return v.pass(`${label(req.value)} (${x.condition}) was answered ${resultText(rc)}${x.failed ? ` with ${x.failed.name} in Failed-AVP` : ''}`, evd);
}

export { CMD, findAll, findAvp, KIND };
