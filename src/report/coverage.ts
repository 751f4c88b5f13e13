// `--coverage`: which spec clauses the run exercised (some assertion citing them reached a verdict other than
// not-applicable) and which it could not (no traffic they apply to, or only inconclusive verdicts).
import type { RunResult } from '../assert/result.js';

export interface ClauseCoverage {
  doc: string;
  section: string;
  assertions: string[];
  /** reached pass/fail/warn/error on at least one assertion */
  exercised: boolean;
  /** only inconclusive: the traffic needed was incomplete */
  inconclusiveOnly: boolean;
}

export interface Coverage {
  clauses: ClauseCoverage[];
  exercised: number;
  total: number;
}

export function computeCoverage(r: RunResult): Coverage {
  const byClause = new Map<string, ClauseCoverage>();
  for (const a of r.results) {
    const key = `${a.cite.doc} §${a.cite.section}`;
    let c = byClause.get(key);
    if (!c) byClause.set(key, (c = { doc: a.cite.doc, section: a.cite.section, assertions: [], exercised: false, inconclusiveOnly: false }));
    c.assertions.push(a.id);
    const judged = a.counts.pass + a.counts.fail + a.counts.warn + a.counts.error;
    if (judged > 0) c.exercised = true;
  }
  for (const a of r.results) {
    const c = byClause.get(`${a.cite.doc} §${a.cite.section}`)!;
    if (!c.exercised && a.counts.inconclusive > 0) c.inconclusiveOnly = true;
  }
  const clauses = [...byClause.values()].sort((x, y) => x.doc.localeCompare(y.doc) || x.section.localeCompare(y.section, undefined, { numeric: true }));
  return { clauses, exercised: clauses.filter((c) => c.exercised).length, total: clauses.length };
}

export function coverageText(c: Coverage): string {
  const lines = [`Coverage: ${c.exercised} of ${c.total} spec clauses exercised`];
  for (const x of c.clauses) {
    const mark = x.exercised ? 'exercised   ' : x.inconclusiveOnly ? 'inconclusive' : 'not reached ';
    lines.push(`  ${mark}  ${`${x.doc} §${x.section}`.padEnd(18)} ${x.assertions.join(', ')}`);
  }
  return lines.join('\n') + '\n';
}
