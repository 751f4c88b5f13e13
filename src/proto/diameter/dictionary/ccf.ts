// RFC 6733 §3.2 Command Code Format, parsed into Rule rows. Dictionary files keep the CCF text as the RFC prints it.
//   qual = [min] "*" [max]; absent min = 0 for fixed/optional, 1 for required; absent max = unbounded.
//   without a qualifier: fixed and required = exactly one, optional = zero or one.
import type { Grammar, Rule } from './types.js';

const ELEMENT = /(\d*\*\d*)?\s*([<{[])\s*([A-Za-z0-9][A-Za-z0-9-]*)\s*([>}\]])/g;
const POSITION = { '<': 'fixed', '{': 'required', '[': 'optional' } as const;
const CLOSE = { '<': '>', '{': '}', '[': ']' } as const;

/** Parses the body of a CCF definition (everything after the header line). Throws on malformed text: dictionary data is ours. */
export function ccf(text: string): Grammar {
  const rules: Rule[] = [];
  let anyAvp = false;
  for (const m of text.matchAll(ELEMENT)) {
    const [, qual, open, avp, close] = m as unknown as [string, string | undefined, '<' | '{' | '[', string, string];
    if (CLOSE[open] !== close) throw new Error(`ccf: mismatched brackets around ${avp}`);
    const position = POSITION[open];
    if (avp === 'AVP') {
      anyAvp = true;
      continue;
    }
    let min = position === 'optional' ? 0 : 1;
    let max = 1;
    if (qual) {
      const [lo, hi] = qual.split('*') as [string, string];
      min = lo === '' ? (position === 'required' ? 1 : 0) : Number(lo);
      max = hi === '' ? Infinity : Number(hi);
    }
    rules.push({ avp, position, min, max });
  }
  return { rules, anyAvp };
}

/** Rule rows back into CCF text (for messages and docs). */
export function ruleText(r: Rule): string {
  const [o, c] = r.position === 'fixed' ? ['<', '>'] : r.position === 'required' ? ['{', '}'] : ['[', ']'];
  const dflt = r.max === 1 && r.min === (r.position === 'optional' ? 0 : 1);
  const q = dflt ? '' : `${r.min === 0 ? '' : r.min}*${r.max === Infinity ? '' : r.max}`;
  return `${q}${o} ${r.avp} ${c}`;
}
