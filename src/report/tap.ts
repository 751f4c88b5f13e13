// TAP version 14 reporter: one test point per assertion, evidence in a YAML diagnostics block.
// not ok: fail, error. ok: pass, warn (with a "# warn" comment, not a directive).
// ok … # SKIP: not-applicable, inconclusive. Scalars are written as JSON, which is valid YAML 1.2.
import type { AssertionResult, RunResult } from '../assert/result.js';
import type { Outcome, Verdict } from '../assert/types.js';
import {
  detailedVerdicts,
  escapeControls,
  groupByDoc,
  inputText,
  summaryLine,
  toJsonSafe,
  type ReportOptions,
} from './format.js';

/** JSON text made YAML-safe: DEL, C1 controls, U+2028/9 and non-characters escaped. */
function yaml(value: unknown): string {
  const s = JSON.stringify(toJsonSafe(value) ?? null);
  return s.replace(/[\u007f-\u009f\u2028\u2029\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A test point description or directive reason: one line, no control chars, '#' and '\' escaped (TAP 14). */
function desc(s: string): string {
  return escapeControls(s.replace(/\r?\n/g, ' ')).replace(/[\\#]/g, (c) => `\\${c}`);
}

function instanceYaml(v: Verdict, pad: string, first: string): string[] {
  const e = v.evidence;
  const rows: [string, unknown][] = [
    ['outcome', v.outcome],
    ['message', v.message],
    ['frames', e.frames],
  ];
  if (e.path !== undefined) rows.push(['path', e.path]);
  if (e.offset !== undefined) rows.push(['offset', e.offset]);
  if (e.expected !== undefined) rows.push(['expected', e.expected]);
  if (e.actual !== undefined) rows.push(['actual', e.actual]);
  return rows.map(([k, val], i) => `${i === 0 ? first : pad}${k}: ${yaml(val)}`);
}

function diagnostics(a: AssertionResult, shown: Verdict[]): string[] {
  const out = ['  ---'];
  out.push(`  level: ${yaml(a.level)}`, `  role: ${yaml(a.role)}`, `  proto: ${yaml(a.proto)}`);
  if (a.provisional) out.push('  provisional: true');
  out.push('  cite:', `    doc: ${yaml(a.cite.doc)}`, `    section: ${yaml(a.cite.section)}`);
  if (a.cite.digest) out.push(`    digest: ${yaml(a.cite.digest)}`);
  if (a.cite.url) out.push(`    url: ${yaml(a.cite.url)}`);
  out.push(`    quote: ${yaml(a.cite.quote)}`);
  const counts = Object.fromEntries(Object.entries(a.counts).filter(([, n]) => n > 0));
  out.push(`  counts: ${yaml(counts)}`);
  const [head, ...rest] = shown;
  if (head) out.push(...instanceYaml(head, '  ', '  '));
  if (rest.length) {
    out.push('  more:');
    for (const v of rest) out.push(...instanceYaml(v, '      ', '    - '));
  }
  if (a.dropped > 0) out.push(`  dropped: ${a.dropped}`);
  out.push('  ...');
  return out;
}

const NOT_OK: ReadonlySet<Outcome> = new Set<Outcome>(['fail', 'error']);

function testPoint(a: AssertionResult, n: number, opts: ReportOptions): string[] {
  const first = a.verdicts.find((v) => v.outcome === a.outcome);
  const why = desc(first?.message ?? a.outcome);
  let line = `${NOT_OK.has(a.outcome) ? 'not ok' : 'ok'} ${n} - ${desc(`${a.id}: ${a.title}`)}`;
  if (a.outcome === 'not-applicable' || a.outcome === 'inconclusive') line += ` # SKIP ${a.outcome}: ${why}`;
  else if (a.outcome === 'warn') line += ` # warn: ${why}`;
  else if (a.outcome === 'error') line += ` # tool error`;
  const detailed = detailedVerdicts(a);
  if (detailed.length) return [line, ...diagnostics(a, detailed)];
  if (opts.verbose && a.verdicts[0]) return [line, ...diagnostics(a, [a.verdicts[0]])];
  return [line];
}

export function tapReporter(r: RunResult, opts: ReportOptions): string {
  const out = ['TAP version 14', `1..${r.results.length}`];
  out.push(`# ${desc(`${r.tool.name} ${r.tool.version}`)}; profiles: ${desc(r.profiles.join(', ') || '(none)')}`);
  for (const i of r.inputs) {
    out.push(i.error ? `# input ${desc(i.name)}: error ${desc(i.error.code)}: ${desc(i.error.message)}` : `# input ${desc(i.name)}: ${inputText(i)}`);
  }
  const ordered = groupByDoc(r.results).flatMap((g) => g.sections.flatMap((s) => s.results));
  ordered.forEach((a, k) => out.push(...testPoint(a, k + 1, opts)));
  out.push(`# ${summaryLine(r.results)}`, `# status: ${r.status}`);
  return `${out.join('\n')}\n`;
}
