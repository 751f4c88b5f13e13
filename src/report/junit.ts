// JUnit XML reporter: one <testsuite> per spec document, one <testcase> per assertion.
// Target faults (fail) → <failure type="<level>">; tool faults (error) → <error>; not-applicable and
// inconclusive → <skipped>; warn is not a failure: its detail goes to <system-out>.
import type { AssertionResult, RunResult } from '../assert/result.js';
import type { Outcome } from '../assert/types.js';
import { BADGE, citeText, detailedVerdicts, evidenceLines, groupByDoc, type ReportOptions } from './format.js';

const ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Characters illegal in XML 1.0 (and the discouraged DEL/C1 controls) replaced by a visible \xNN / \uNNNN escape. */
export function stripIllegalXml(s: string): string {
  return s.replace(ILLEGAL, (ch) => {
    const n = ch.charCodeAt(0);
    return n < 0x100 ? `\\x${n.toString(16).padStart(2, '0')}` : `\\u${n.toString(16).padStart(4, '0')}`;
  });
}

/** Escape for XML text content. */
export function escapeXml(s: string): string {
  return stripIllegalXml(s).replace(/[&<>"'\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' })[c]!);
}

/** Escape for an attribute value (also keeps tab/newline from being normalised away). */
export function escapeXmlAttr(s: string): string {
  return escapeXml(s).replace(/[\t\n]/g, (c) => (c === '\t' ? '&#9;' : '&#10;'));
}

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${escapeXmlAttr(String(v))}"`)
    .join('');
}

/** Plain-text detail of one assertion's non-pass instances (body of failure/error/system-out). */
function detailText(a: AssertionResult): string {
  const lines: string[] = [];
  for (const v of detailedVerdicts(a)) {
    lines.push(`${BADGE[v.outcome]}: ${v.message}`);
    for (const [label, text] of evidenceLines(v.evidence)) lines.push(`  ${label === 'At' ? '' : `${label}: `}${text}`);
  }
  if (a.dropped > 0) lines.push(`(+${a.dropped} more instances not kept)`);
  lines.push(`Cite: ${citeText(a.cite)}${a.cite.url ? ` ${a.cite.url}` : ''}`, `Quote: "${a.cite.quote}"`);
  if (a.provisional) lines.push('Provisional: the spec text is unverified or disputed (DIGEST §13)');
  return lines.join('\n');
}

function firstMessage(a: AssertionResult, outcome: Outcome): string {
  const list = a.verdicts.filter((v) => v.outcome === outcome);
  const n = a.counts[outcome];
  const first = list[0]?.message ?? outcome;
  return n > 1 ? `${first} (${n} instances)` : first;
}

function testcase(a: AssertionResult): string {
  const head = `    <testcase${attrs({ classname: `${a.cite.doc} §${a.cite.section}`, name: `${a.id}: ${a.title}`, time: 0 })}`;
  const body: string[] = [];
  switch (a.outcome) {
    case 'fail':
      body.push(`      <failure${attrs({ message: firstMessage(a, 'fail'), type: a.level })}>${escapeXml(detailText(a))}</failure>`);
      break;
    case 'error':
      body.push(`      <error${attrs({ message: firstMessage(a, 'error'), type: 'tool-error' })}>${escapeXml(detailText(a))}</error>`);
      break;
    case 'not-applicable':
    case 'inconclusive':
      body.push(`      <skipped${attrs({ message: `${a.outcome}: ${firstMessage(a, a.outcome)}` })}/>`);
      break;
  }
  if (a.outcome === 'warn' || a.outcome === 'inconclusive') body.push(`      <system-out>${escapeXml(detailText(a))}</system-out>`);
  return body.length ? `${head}>\n${body.join('\n')}\n    </testcase>` : `${head}/>`;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

function countOf(results: readonly AssertionResult[]): Counts {
  return {
    tests: results.length,
    failures: results.filter((a) => a.outcome === 'fail').length,
    errors: results.filter((a) => a.outcome === 'error').length,
    skipped: results.filter((a) => a.outcome === 'not-applicable' || a.outcome === 'inconclusive').length,
  };
}

export function junitReporter(r: RunResult, _opts: ReportOptions): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = countOf(r.results);
  out.push(`<testsuites${attrs({ name: `${r.tool.name} ${r.tool.version}`, ...total, time: r.durationMs / 1000, timestamp: r.startedAt })}>`);
  for (const g of groupByDoc(r.results)) {
    const results = g.sections.flatMap((s) => s.results);
    out.push(`  <testsuite${attrs({ name: g.doc, ...countOf(results), time: 0, timestamp: r.startedAt })}>`);
    out.push('    <properties>');
    out.push(`      <property${attrs({ name: 'tool', value: `${r.tool.name} ${r.tool.version}` })}/>`);
    out.push(`      <property${attrs({ name: 'profiles', value: r.profiles.join(',') })}/>`);
    out.push('    </properties>');
    for (const a of results) out.push(testcase(a));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
