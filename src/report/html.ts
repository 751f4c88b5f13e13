// HTML reporter: ONE self-contained file (inline CSS, no script, no external fonts/images; a CSP meta forbids
// any fetch). Summary by role × level, then each fail/warn/error assertion with clause, quote and evidence,
// optional pre-rendered SVG sections (e.g. a ladder diagram), then every assertion in a compact table.
// Everything from the data is escaped; links are made only from http(s) cite URLs.
import type { AssertionResult, RunResult } from '../assert/result.js';
import type { Outcome, Verdict } from '../assert/types.js';
import { LEVELS, ROLES } from '../assert/types.js';
import {
  BADGE,
  SUMMARY_ORDER,
  citeText,
  countsText,
  detailedVerdicts,
  evidenceLines,
  groupByDoc,
  inputText,
  instanceCount,
  safeUrl,
  summaryLine,
  type ReportOptions,
} from './format.js';
import { stripIllegalXml } from './junit.js';
import { exitCodeOf } from './status.js';

export interface HtmlSection {
  title: string;
  /** a complete <svg>…</svg> element; rejected (shown as a note) if it has script, handlers or external refs */
  svg: string;
}

export interface HtmlOptions extends ReportOptions {
  sections?: HtmlSection[];
}

/** Escape for HTML text and double-quoted attributes; control characters become visible \xNN. */
export function escapeHtml(s: string): string {
  return stripIllegalXml(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
const h = escapeHtml;

const UNSAFE_SVG = /<script|<foreignObject|<iframe|<object|<embed|<image|<use|javascript:|\bon[a-z]+\s*=|https?:|@import|url\(\s*['"]?\s*(?!#)/i;

/** The SVG as given when it is a self-contained, script-free <svg> element; else undefined. */
export function safeSvg(svg: string): string | undefined {
  const s = svg.trim();
  if (!/^<svg[\s>]/i.test(s) || !/<\/svg>$/i.test(s)) return undefined;
  const withoutNs = s.replace(/\s+xmlns(:[a-z]+)?\s*=\s*"[^"]*"/gi, '');
  return UNSAFE_SVG.test(withoutNs) ? undefined : withoutNs;
}

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:72em;padding:0 1em;color:#222;background:#fff}
h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.2em;margin:1.6em 0 .5em;border-bottom:1px solid #ccc}
h3{font-size:1em;margin:1.2em 0 .3em}
table{border-collapse:collapse;margin:.4em 0}th,td{border:1px solid #ddd;padding:.2em .5em;text-align:left;vertical-align:top}
th{background:#f4f4f4}td.n{text-align:right}
code,.ev{font-family:ui-monospace,monospace;font-size:.92em}
.b{display:inline-block;min-width:4.2em;text-align:center;border-radius:3px;padding:0 .3em;font-weight:600;font-size:.85em;color:#fff}
.o-pass{background:#2e7d32}.o-fail{background:#c62828}.o-warn{background:#b26a00}.o-inconclusive{background:#00838f}
.o-not-applicable{background:#888}.o-error{background:#6a1b9a}
.s-ok{color:#2e7d32}.s-failed{color:#c62828}.s-error{color:#6a1b9a}.s-nothing-relevant{color:#b26a00}
.prov{color:#b26a00;font-style:italic}.muted{color:#666}
blockquote{margin:.3em 0;padding:.2em .8em;border-left:3px solid #bbb;background:#fafafa}
.inst{margin:.4em 0 .4em 1em}.inst dl{display:grid;grid-template-columns:6em 1fr;margin:.2em 0}.inst dt{color:#666}.inst dd{margin:0}
`.trim();

function badge(o: Outcome): string {
  return `<span class="b o-${o}">${h(BADGE[o])}</span>`;
}

function citeLink(a: AssertionResult): string {
  const url = safeUrl(a.cite.url);
  const text = h(citeText(a.cite));
  if (url) return `<a href="${h(url)}">${text}</a>`;
  return a.cite.url ? `${text} <span class="muted">(${h(a.cite.url)})</span>` : text;
}

function head(r: RunResult): string[] {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(`${r.tool.name} report: ${r.status}`)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
  ];
}

function overview(r: RunResult): string[] {
  const out = [
    `<h1>${h(r.tool.name)} report <span class="s-${r.status}">${h(r.status.toUpperCase())}</span></h1>`,
    `<p class="muted">version ${h(r.tool.version)} · started ${h(r.startedAt)} · ${(r.durationMs / 1000).toFixed(1)} s · profiles ${h(r.profiles.join(', ') || '(none)')} · exit ${exitCodeOf(r.status)}</p>`,
    `<p>${h(summaryLine(r.results))}</p>`,
    '<h2>Inputs</h2>',
    '<table><tr><th>input</th><th>summary</th><th>decode issues (examples)</th></tr>',
  ];
  for (const i of r.inputs) {
    const summary = i.error ? `<strong class="s-error">${h(i.error.code)}</strong>: ${h(i.error.message)}` : h(inputText(i));
    const issues = i.issueExamples.map((x) => `frame ${x.frame} offset ${x.offset} <code>${h(x.code)}</code>: ${h(x.message)}`).join('<br>');
    out.push(`<tr><td><code>${h(i.name)}</code></td><td>${summary}</td><td>${issues}</td></tr>`);
  }
  out.push('</table>');
  return out;
}

function roleLevelTable(results: readonly AssertionResult[]): string[] {
  const levels = LEVELS.filter((l) => results.some((a) => a.level === l));
  const roles = ROLES.filter((x) => results.some((a) => a.role === x));
  const cell = (list: AssertionResult[]): string => {
    if (list.length === 0) return '<td class="n muted">·</td>';
    const parts = SUMMARY_ORDER.map((o) => [o, list.filter((a) => a.outcome === o).length] as const)
      .filter(([, n]) => n > 0)
      .map(([o, n]) => `<span class="b o-${o}">${n} ${h(BADGE[o])}</span>`);
    return `<td>${list.length}: ${parts.join(' ')}</td>`;
  };
  const out = ['<h2>Summary by role and level</h2>', `<table><tr><th>role \\ level</th>${levels.map((l) => `<th>${h(l)}</th>`).join('')}<th>all</th></tr>`];
  for (const role of roles) {
    const row = results.filter((a) => a.role === role);
    out.push(`<tr><th>${h(role)}</th>${levels.map((l) => cell(row.filter((a) => a.level === l))).join('')}${cell(row)}</tr>`);
  }
  out.push(`<tr><th>all</th>${levels.map((l) => cell(results.filter((a) => a.level === l))).join('')}${cell([...results])}</tr>`, '</table>');
  return out;
}

function instance(v: Verdict, a: AssertionResult): string {
  const tag = v.outcome !== a.outcome ? `${badge(v.outcome)} ` : '';
  const rows = evidenceLines(v.evidence).map(([label, text]) => `<dt>${h(label)}</dt><dd class="ev">${h(text)}</dd>`);
  return `<div class="inst"><div>${tag}${h(v.message)}</div>${rows.length ? `<dl>${rows.join('')}</dl>` : ''}</div>`;
}

function problems(results: readonly AssertionResult[]): string[] {
  const bad = groupByDoc(results)
    .flatMap((g) => g.sections.flatMap((s) => s.results))
    .filter((a) => a.outcome === 'fail' || a.outcome === 'warn' || a.outcome === 'error');
  const out = ['<h2>Failures and warnings</h2>'];
  if (bad.length === 0) out.push('<p class="muted">None.</p>');
  for (const a of bad) {
    out.push(
      `<section id="${h(a.id)}">`,
      `<h3>${badge(a.outcome)} <code>${h(a.id)}</code> ${h(a.title)}${a.provisional ? ' <span class="prov">(provisional)</span>' : ''}</h3>`,
      `<p class="muted">${h(a.level)} · role ${h(a.role)} · ${h(a.proto)} · ${citeLink(a)}${instanceCount(a) > 1 ? ` · ${h(countsText(a.counts))}` : ''}</p>`,
      `<blockquote>${h(a.cite.quote)}</blockquote>`,
      ...detailedVerdicts(a).map((v) => instance(v, a)),
    );
    if (a.dropped > 0) out.push(`<p class="muted">+${a.dropped} more instances not kept</p>`);
    out.push('</section>');
  }
  return out;
}

function extra(sections: readonly HtmlSection[]): string[] {
  return sections.flatMap((s) => {
    const svg = safeSvg(s.svg);
    return [`<h2>${h(s.title)}</h2>`, svg ?? '<p class="muted">(section omitted: the SVG is not self-contained or carries script)</p>'];
  });
}

function allTable(results: readonly AssertionResult[]): string[] {
  const out = ['<h2>All assertions</h2>', '<table><tr><th>outcome</th><th>id</th><th>level</th><th>role</th><th>clause</th><th>title</th><th>instances</th></tr>'];
  for (const g of groupByDoc(results)) {
    for (const s of g.sections) {
      for (const a of s.results) {
        const id = a.outcome === 'fail' || a.outcome === 'warn' || a.outcome === 'error' ? `<a href="#${h(a.id)}">${h(a.id)}</a>` : h(a.id);
        out.push(
          `<tr><td>${badge(a.outcome)}</td><td><code>${id}</code></td><td>${h(a.level)}</td><td>${h(a.role)}</td><td>${citeLink(a)}</td>` +
            `<td>${h(a.title)}${a.provisional ? ' <span class="prov">(provisional)</span>' : ''}</td><td>${h(countsText(a.counts))}</td></tr>`,
        );
      }
    }
  }
  out.push('</table>');
  return out;
}

export function htmlReporter(r: RunResult, opts: HtmlOptions): string {
  const out = [
    ...head(r),
    ...overview(r),
    ...roleLevelTable(r.results),
    ...problems(r.results),
    ...extra(opts.sections ?? []),
    ...allTable(r.results),
    `<p class="muted">${h(r.tool.name)} ${h(r.tool.version)}</p>`,
    '</body>',
    '</html>',
  ];
  return `${out.join('\n')}\n`;
}
