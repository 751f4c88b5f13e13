// Checks generated from dictionary rows: CCF cardinality and order (RFC 6733 §3.2) and AVP flag rules (§4.1, §4.5).
// Problems are data; the assertion layer turns them into verdicts (5005 missing, 5009 too many, 5008 not allowed, 3009/5016 bits).
import { AVPF, type DiameterAvp } from './avp.js';
import { ruleText, type AvpDef, type Dictionary, type Grammar, type Rule } from './dictionary/index.js';
import type { DiameterMessage } from './message.js';

export interface GrammarProblem {
  kind: 'missing' | 'too-many' | 'fixed-position' | 'not-allowed';
  /** the AVP the problem is about (rule name, or the offending AVP's name / code) */
  avp: string;
  rule?: Rule;
  /** for missing: the container's path; otherwise the offending AVP's path, e.g. ['avps', 3] or ['avps', 2, 'avps', 0] */
  path: (string | number)[];
  /** byte offset in the message: the offending AVP, or the container for missing */
  offset: number;
  /** the CCF element, e.g. '1*{ Host-IP-Address }' */
  expected: string;
  /** count found, or index found for fixed-position */
  actual: number;
  /** 'CER', 'MIP6-Agent-Info' ... : whose grammar */
  where: string;
}

const avpLabel = (a: DiameterAvp) => a.name ?? (a.vendorId ? `AVP ${a.code} (vendor ${a.vendorId})` : `AVP ${a.code}`);

/** Grammar problems of a message and of every Grouped AVP inside it. Unknown commands give []. */
export function checkGrammar(msg: DiameterMessage, dict: Dictionary): GrammarProblem[] {
  const out: GrammarProblem[] = [];
  const mg = dict.messageGrammar(msg);
  if (mg) checkList(msg.avps, mg.grammar, mg.error ? `${mg.def.abbrev} (error answer)` : mg.def.abbrev, [], 0, dict, out);
  else groupedInside(msg.avps, [], dict, out);
  return out;
}

/** Checks one AVP list against one grammar (also used for Grouped contents). */
export function checkList(
  avps: readonly DiameterAvp[],
  g: Grammar,
  where: string,
  path: (string | number)[],
  containerOffset: number,
  dict: Dictionary,
  out: GrammarProblem[],
): void {
  const defs = g.rules.map((r) => dict.avpByName(r.avp));
  const ruleOf = (a: DiameterAvp): number => {
    for (let i = 0; i < defs.length; i++) {
      const d = defs[i];
      if (d && d.code === a.code && (d.vendorId ?? 0) === (a.vendorId ?? 0)) return i;
    }
    return -1;
  };
  const seen: number[][] = g.rules.map(() => []);
  avps.forEach((a, i) => {
    const r = ruleOf(a);
    if (r >= 0) seen[r]!.push(i);
    else if (!g.anyAvp) {
      out.push({ kind: 'not-allowed', avp: avpLabel(a), path: [...path, 'avps', i], offset: a.raw?.offset ?? containerOffset, expected: 'absent', actual: 1, where });
    }
  });
  let fixedAt = 0;
  g.rules.forEach((rule, r) => {
    const hits = seen[r]!;
    const expected = ruleText(rule);
    if (hits.length < rule.min) {
      out.push({ kind: 'missing', avp: rule.avp, rule, path, offset: containerOffset, expected, actual: hits.length, where });
    }
    if (hits.length > rule.max) {
      const i = hits[rule.max]!;
      out.push({
        kind: rule.max === 0 ? 'not-allowed' : 'too-many', avp: rule.avp, rule, path: [...path, 'avps', i],
        offset: avps[i]!.raw?.offset ?? containerOffset, expected, actual: hits.length, where,
      });
    }
    if (rule.position === 'fixed' && hits.length > 0) {
      const i = hits[0]!;
      if (i !== fixedAt) {
        out.push({ kind: 'fixed-position', avp: rule.avp, rule, path: [...path, 'avps', i], offset: avps[i]!.raw?.offset ?? containerOffset, expected: `${expected} at position ${fixedAt}`, actual: i, where });
      }
      fixedAt++;
    }
  });
  groupedInside(avps, path, dict, out);
}

function groupedInside(avps: readonly DiameterAvp[], path: (string | number)[], dict: Dictionary, out: GrammarProblem[]): void {
  avps.forEach((a, i) => {
    if (!a.avps || !Array.isArray(a.value) || a.code === 279) return; // Failed-AVP holds copies of bad AVPs: not checked
    const def = dict.avp(a.code, a.vendorId ?? 0);
    if (!def?.grammar) return;
    const hdr = a.flags & AVPF.V ? 12 : 8;
    checkList(a.avps, def.grammar, def.name, [...path, 'avps', i], (a.raw?.offset ?? 0) + hdr, dict, out);
  });
}

export interface FlagProblem {
  flag: 'V' | 'M' | 'P' | 'reserved';
  rule: 'must' | 'mustNot' | 'reserved';
  avp: string;
  /** expected bit value (reserved: 0) */
  expected: number;
  /** the bit as sent (reserved: the reserved bits' value) */
  actual: number;
}

const BIT = { V: AVPF.V, M: AVPF.M, P: AVPF.P } as const;

/** M/V/P rules of one AVP against its definition (§4.1: reserved bits are sent as 0). */
export function checkFlags(a: DiameterAvp, def: AvpDef): FlagProblem[] {
  const out: FlagProblem[] = [];
  for (const f of def.flags.must) if (!(a.flags & BIT[f])) out.push({ flag: f, rule: 'must', avp: def.name, expected: 1, actual: 0 });
  for (const f of def.flags.mustNot) if (a.flags & BIT[f]) out.push({ flag: f, rule: 'mustNot', avp: def.name, expected: 0, actual: 1 });
  if (a.flags & AVPF.RESERVED) out.push({ flag: 'reserved', rule: 'reserved', avp: def.name, expected: 0, actual: a.flags & AVPF.RESERVED });
  return out;
}

/** Calls fn for every AVP of the message, depth first, with its path. */
export function walkAvps(
  x: DiameterMessage | readonly DiameterAvp[],
  fn: (a: DiameterAvp, path: (string | number)[]) => void,
  path: (string | number)[] = [],
): void {
  const list = Array.isArray(x) ? (x as readonly DiameterAvp[]) : (x as DiameterMessage).avps;
  list.forEach((a, i) => {
    const p = [...path, 'avps', i];
    fn(a, p);
    if (a.avps) walkAvps(a.avps, fn, p);
  });
}
