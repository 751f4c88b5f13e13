// Helpers shared by the reporters: JSON-safe values, text for evidence, grouping, tallies.
// Pure functions over RunResult data; nothing here decides an outcome.
import type { AssertionResult, InputSummary, RunResult } from '../assert/result.js';
import type { Cite, Evidence, Outcome, Verdict } from '../assert/types.js';
import { OUTCOMES } from '../assert/types.js';

export interface ReportOptions {
  color: boolean;
  verbose?: boolean;
}

export type Reporter = (r: RunResult, opts: ReportOptions) => string;

/** Badge text per outcome (console, HTML). */
export const BADGE: Record<Outcome, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  warn: 'WARN',
  inconclusive: 'INCONC',
  'not-applicable': 'N/A',
  error: 'ERROR',
};

/** Order of outcomes in summary lines. */
export const SUMMARY_ORDER: readonly Outcome[] = ['pass', 'fail', 'warn', 'inconclusive', 'not-applicable', 'error'];

const SHORT: Record<Outcome, string> = {
  pass: 'pass',
  fail: 'fail',
  warn: 'warn',
  inconclusive: 'inconclusive',
  'not-applicable': 'n/a',
  error: 'error',
};

/** Outcomes whose instances are shown in detail. */
export const DETAILED: ReadonlySet<Outcome> = new Set<Outcome>(['fail', 'warn', 'error', 'inconclusive']);

/**
 * A JSON-safe copy: bigint → decimal string, Uint8Array → hex, Map → object, Set → array,
 * non-finite numbers → string, undefined/functions/symbols dropped, cycles → '[Circular]'.
 */
export function toJsonSafe(value: unknown, stack: object[] = []): unknown {
  switch (typeof value) {
    case 'bigint':
      return value.toString();
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'string':
    case 'boolean':
      return value;
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return null;
  const obj = value as object;
  if (stack.includes(obj)) return '[Circular]';
  if (obj instanceof Uint8Array) return Buffer.from(obj.buffer, obj.byteOffset, obj.byteLength).toString('hex');
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? String(obj) : obj.toISOString();
  const inner = [...stack, obj];
  if (Array.isArray(obj)) return obj.map((x) => toJsonSafe(x, inner) ?? null);
  if (obj instanceof Set) return [...obj].map((x) => toJsonSafe(x, inner) ?? null);
  const out: Record<string, unknown> = {};
  const entries = obj instanceof Map ? [...obj].map(([k, v]) => [String(k), v] as const) : Object.entries(obj);
  for (const [k, v] of entries) {
    const s = toJsonSafe(v, inner);
    if (s !== undefined) out[k] = s;
  }
  return out;
}

/** Text for an expected/actual value: strings as they are ("" when empty), anything else as compact JSON. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return value === '' ? '""' : value;
  const safe = toJsonSafe(value);
  return safe === undefined ? 'undefined' : JSON.stringify(safe);
}

/** Control characters (C0 except none, DEL, C1) shown as \xNN so wire data cannot drive a terminal. */
export function escapeControls(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const MAX_FRAMES = 20;

/** "frame 12, 14" (capped, with the rest counted); '' when there are no frames. */
export function framesText(frames: readonly number[]): string {
  if (frames.length === 0) return '';
  const shown = frames.slice(0, MAX_FRAMES).join(', ');
  const more = frames.length > MAX_FRAMES ? ` (+${frames.length - MAX_FRAMES} more)` : '';
  return `frame ${shown}${more}`;
}

/** "RFC6611 §4.2.1" plus the DIGEST row when known. */
export function citeText(c: Cite): string {
  return `${c.doc} §${c.section}${c.digest ? ` [${c.digest}]` : ''}`;
}

/** Evidence as labelled lines (empty fields left out). */
export function evidenceLines(e: Evidence): [label: string, text: string][] {
  const out: [string, string][] = [];
  const where = [framesText(e.frames), e.path ? `path ${e.path}` : '', e.offset !== undefined ? `offset ${e.offset}` : '']
    .filter(Boolean)
    .join('  ');
  if (where) out.push(['At', where]);
  if ('expected' in e && e.expected !== undefined) out.push(['Expected', showValue(e.expected)]);
  if ('actual' in e && e.actual !== undefined) out.push(['Actual', showValue(e.actual)]);
  return out;
}

/** Total instances judged for one assertion (kept + dropped). */
export function instanceCount(a: AssertionResult): number {
  return OUTCOMES.reduce((n, o) => n + (a.counts[o] ?? 0), 0);
}

/** "2 pass, 1 fail" over the non-zero counts, in SUMMARY_ORDER. */
export function countsText(counts: Partial<Record<Outcome, number>>): string {
  return SUMMARY_ORDER.filter((o) => (counts[o] ?? 0) > 0)
    .map((o) => `${counts[o]} ${SHORT[o]}`)
    .join(', ');
}

/** Number of assertions per aggregate outcome. */
export function tally(results: readonly AssertionResult[]): Record<Outcome, number> {
  const t: Record<Outcome, number> = { pass: 0, fail: 0, warn: 0, inconclusive: 0, 'not-applicable': 0, error: 0 };
  for (const a of results) t[a.outcome]++;
  return t;
}

/** "N assertions: a pass, b fail, c warn, d inconclusive, e n/a, f error" (every outcome listed). */
export function summaryLine(results: readonly AssertionResult[]): string {
  const t = tally(results);
  const parts = SUMMARY_ORDER.map((o) => `${t[o]} ${SHORT[o]}`).join(', ');
  return `${results.length} assertion${results.length === 1 ? '' : 's'}: ${parts}`;
}

/** Kept instances worth detailing (fail/warn/error/inconclusive), worst first, stable otherwise. */
export function detailedVerdicts(a: AssertionResult): Verdict[] {
  const rank = (o: Outcome) => OUTCOMES.indexOf(o);
  return a.verdicts.filter((x) => DETAILED.has(x.outcome)).sort((x, y) => rank(x.outcome) - rank(y.outcome));
}

/** Natural compare: 'RFC5447' < 'RFC6611', '4.2' < '4.10'. */
export function naturalCompare(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

export interface SectionGroup {
  section: string;
  results: AssertionResult[];
}
export interface DocGroup {
  doc: string;
  sections: SectionGroup[];
}

/** Results grouped by spec document then section, each level in natural order; assertions by id. */
export function groupByDoc(results: readonly AssertionResult[]): DocGroup[] {
  const docs = new Map<string, Map<string, AssertionResult[]>>();
  for (const a of results) {
    const secs = docs.get(a.cite.doc) ?? new Map<string, AssertionResult[]>();
    docs.set(a.cite.doc, secs);
    const list = secs.get(a.cite.section) ?? [];
    secs.set(a.cite.section, list);
    list.push(a);
  }
  return [...docs]
    .sort(([x], [y]) => naturalCompare(x, y))
    .map(([doc, secs]) => ({
      doc,
      sections: [...secs]
        .sort(([x], [y]) => naturalCompare(x, y))
        .map(([section, list]) => ({ section, results: [...list].sort((x, y) => naturalCompare(x.id, y.id)) })),
    }));
}

/** "120 frames, 14 messages (dhcpv6 10, diameter 4), 5 transactions, 2 decode issues" */
export function inputText(i: InputSummary): string {
  const per = Object.entries(i.messages)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([p, n]) => `${p} ${n}`);
  const total = Object.values(i.messages).reduce<number>((s, n) => s + (n ?? 0), 0);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return [
    plural(i.frames, 'frame'),
    `${plural(total, 'message')}${per.length ? ` (${per.join(', ')})` : ''}`,
    plural(i.transactions, 'transaction'),
    plural(i.decodeIssues, 'decode issue'),
  ].join(', ');
}

/** A URL fit for href: http(s) only; anything else is shown as text, never linked. */
export function safeUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined;
}
