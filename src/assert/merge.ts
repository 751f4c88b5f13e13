// Merges RunResults judged separately (e.g. the reference's own traffic and each probe's recording, which are
// judged against different roles) into one: counts summed, worst outcome kept, kept instances concatenated.
import type { AssertionResult, RunResult } from './result.js';
import { worse } from './run.js';
import type { Outcome } from './types.js';

export function mergeResults(parts: readonly RunResult[], keepPerAssertion = 200): RunResult {
  const first = parts[0];
  if (!first) throw new Error('mergeResults: nothing to merge');
  const byId = new Map<string, AssertionResult>();
  for (const p of parts) {
    for (const r of p.results) {
      const cur = byId.get(r.id);
      if (!cur) {
        byId.set(r.id, { ...r, counts: { ...r.counts }, verdicts: [...r.verdicts] });
        continue;
      }
      for (const k of Object.keys(cur.counts) as Outcome[]) cur.counts[k] += r.counts[k];
      cur.outcome = worse(cur.outcome, r.outcome);
      const room = Math.max(0, keepPerAssertion - cur.verdicts.length);
      cur.verdicts.push(...r.verdicts.slice(0, room));
      cur.dropped += r.dropped + Math.max(0, r.verdicts.length - room);
    }
  }
  const results = [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  const totals: Record<Outcome, number> = { pass: 0, fail: 0, warn: 0, inconclusive: 0, 'not-applicable': 0, error: 0 };
  for (const r of results) for (const k of Object.keys(totals) as Outcome[]) totals[k] += r.counts[k];
  const rank: RunResult['status'][] = ['nothing-relevant', 'ok', 'error', 'failed'];
  const status = parts.map((p) => p.status).reduce((a, b) => (rank.indexOf(b) > rank.indexOf(a) ? b : a));
  return {
    ...first,
    durationMs: parts.reduce((n, p) => n + p.durationMs, 0),
    inputs: parts.flatMap((p) => p.inputs),
    results,
    totals,
    bootstraps: parts.flatMap((p) => p.bootstraps ?? []).map((b, i) => ({ ...b, id: i + 1 })),
    status,
  };
}
