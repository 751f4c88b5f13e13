// Console reporter: results grouped by spec document → section, one line per assertion, detail for
// fail/warn/error/inconclusive (message, cite, quote, evidence). The caller decides color (NO_COLOR, non-TTY).
// Every string from the data goes through escapeControls: wire bytes never reach the terminal raw.
import { Chalk, type ChalkInstance } from 'chalk';
import type { AssertionResult, RunResult } from '../assert/result.js';
import type { Outcome, Verdict } from '../assert/types.js';
import {
  BADGE,
  citeText,
  countsText,
  detailedVerdicts,
  escapeControls as t,
  evidenceLines,
  framesText,
  groupByDoc,
  inputText,
  instanceCount,
  summaryLine,
  type ReportOptions,
} from './format.js';
import { exitCodeOf } from './status.js';

const BADGE_WIDTH = 6;

function paint(c: ChalkInstance): Record<Outcome, (s: string) => string> {
  return {
    pass: c.green,
    fail: c.red.bold,
    warn: c.yellow,
    inconclusive: c.cyan,
    'not-applicable': c.gray,
    error: c.magenta.bold,
  };
}

function assertionLine(a: AssertionResult, c: ChalkInstance, opts: ReportOptions): string {
  const col = paint(c)[a.outcome];
  const n = instanceCount(a);
  const parts = [
    col(BADGE[a.outcome].padEnd(BADGE_WIDTH)),
    c.bold(t(a.id)),
    a.level,
    a.role,
    t(a.title) + (a.provisional ? c.yellow(' (provisional)') : ''),
  ];
  if (n > 1) parts.push(c.dim(`[${n} instances: ${countsText(a.counts)}]`));
  if (opts.verbose) {
    const first = a.verdicts[0];
    if (a.outcome === 'pass' && first && first.evidence.frames.length) parts.push(c.dim(framesText(first.evidence.frames)));
    if (a.outcome === 'not-applicable' && first) parts.push(c.dim(`— ${t(first.message)}`));
  }
  return `    ${parts.join('  ')}`;
}

/** Data text with its own line breaks kept as indented continuation lines. */
function multiline(s: string, pad: string): string {
  return s.split(/\r?\n/).map(t).join(`\n${pad}`);
}

function instanceLines(v: Verdict, a: AssertionResult, c: ChalkInstance, pad: string): string[] {
  const tag = v.outcome !== a.outcome ? `${paint(c)[v.outcome](BADGE[v.outcome])} ` : '';
  const out = [`${pad}- ${tag}${multiline(v.message, `${pad}  `)}`];
  for (const [label, text] of evidenceLines(v.evidence)) {
    const l = label === 'At' ? '' : `${label}:`.padEnd(10);
    out.push(`${pad}  ${c.dim(l)}${t(text)}`);
  }
  return out;
}

function detail(a: AssertionResult, c: ChalkInstance): string[] {
  const pad = ' '.repeat(4 + BADGE_WIDTH + 2);
  const shown = detailedVerdicts(a);
  if (shown.length === 0) return [];
  const url = a.cite.url ? ` ${t(a.cite.url)}` : '';
  const out = [`${pad}${c.dim('Cite:')} ${t(citeText(a.cite))}${c.underline(url)}`, `${pad}${c.italic(`"${multiline(a.cite.quote, `${pad} `)}"`)}`];
  for (const v of shown) out.push(...instanceLines(v, a, c, pad));
  if (a.dropped > 0) out.push(`${pad}${c.dim(`(+${a.dropped} more instance${a.dropped === 1 ? '' : 's'} not kept)`)}`);
  return out;
}

function header(r: RunResult, c: ChalkInstance, opts: ReportOptions): string[] {
  const out = [
    `${c.bold(`${r.tool.name} ${t(r.tool.version)}`)}  started ${t(r.startedAt)}  (${(r.durationMs / 1000).toFixed(1)} s)`,
    `Profiles: ${r.profiles.length ? r.profiles.map(t).join(', ') : '(none)'}`,
    'Inputs:',
  ];
  if (r.inputs.length === 0) out.push('  (none)');
  for (const i of r.inputs) {
    if (i.error) {
      out.push(`  ${t(i.name)}: ${c.magenta.bold('ERROR')} ${t(i.error.code)}: ${t(i.error.message)}`);
      if (i.frames === 0) continue;
    }
    out.push(`  ${t(i.name)}: ${inputText(i)}`);
    const examples = opts.verbose ? i.issueExamples : i.issueExamples.slice(0, 3);
    for (const x of examples) out.push(c.dim(`    frame ${x.frame} offset ${x.offset} ${t(x.code)}: ${t(x.message)}`));
    if (i.issueExamples.length > examples.length) out.push(c.dim(`    (+${i.issueExamples.length - examples.length} more, see --verbose)`));
  }
  return out;
}

export function consoleReporter(r: RunResult, opts: ReportOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const out = header(r, c, opts);
  for (const g of groupByDoc(r.results)) {
    out.push('', c.bold.underline(t(g.doc)));
    for (const s of g.sections) {
      out.push(`  §${t(s.section)}`);
      for (const a of s.results) out.push(assertionLine(a, c, opts), ...detail(a, c));
    }
  }
  const status = r.status.toUpperCase();
  const col = r.status === 'ok' ? c.green.bold : r.status === 'failed' ? c.red.bold : r.status === 'error' ? c.magenta.bold : c.yellow.bold;
  out.push('', summaryLine(r.results), `Status: ${col(status)} (exit ${exitCodeOf(r.status)})`);
  return `${out.join('\n')}\n`;
}
