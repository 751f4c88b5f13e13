import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../assert/profiles.js';
import type { RunResult } from '../assert/result.js';
import { PROTOCOLS } from '../proto/index.js';
import { fromRoot } from '../util/paths.js';
import { CATALOGUE } from '../../suites/index.js';
import { audit } from './audit.js';
import { auditParallel, mergeResults } from './parallel.js';

// Workers run the compiled dist/src/pipeline/parallel.js (npm test builds first).
const built = fs.existsSync(fromRoot('dist', 'src', 'pipeline', 'parallel.js'));
const dir = fromRoot('fixtures', 'captures');
const all = fs.existsSync(dir)
  ? fs.readdirSync(dir).sort().map((d) => path.join(dir, d, 'capture.pcapng')).filter((f) => fs.existsSync(f))
  : [];
const sample = all;

const opts = { settings: resolveSettings([]), profiles: ['default'], assertions: CATALOGUE, modules: PROTOCOLS, failOn: 'must' as const };
const untimed = (r: RunResult) => ({ ...r, startedAt: 0, durationMs: 0 });

describe.skipIf(!built || sample.length < 2)('auditParallel', () => {
  it('equals the single-threaded audit of every fixture capture together (timing aside)', async () => {
    const serial = await audit(sample, opts);
    const parallel = await auditParallel(sample, { ...opts, workers: 2 });
    expect(parallel.inputs.map((i) => i.name)).toEqual(sample);
    expect(parallel.results.reduce((n, r) => n + r.counts.pass + r.counts.fail, 0)).toBeGreaterThan(0);
    expect(untimed(parallel)).toEqual(untimed(serial));
  }, 120_000);

  it('equals each capture audited alone, merged (a Session judges every input on its own)', async () => {
    const some = sample.slice(0, 40);
    const alone = [];
    for (const f of some) alone.push(await audit([f], opts));
    const want = mergeResults(alone, opts);
    const got = await auditParallel(some, { ...opts, workers: 2 });
    expect(untimed(got)).toEqual(untimed(want));
  }, 120_000);

  it('keeps one capture whole: a single input gives the serial result', async () => {
    const one = sample.slice(0, 1);
    expect(untimed(await auditParallel(one, opts))).toEqual(untimed(await audit(one, opts)));
  }, 60_000);

  it('reports an unreadable capture as an input error and goes on with the rest', async () => {
    const bad = fromRoot('package.json');
    const r = await auditParallel([bad, sample[0]!], { ...opts, workers: 2 });
    expect(r.inputs[0]!.error?.code).toBeTruthy();
    expect(r.inputs[1]!.frames).toBeGreaterThan(0);
  }, 60_000);
});

describe('mergeResults', () => {
  it('applies the verdict caps across inputs in input order and counts the rest as dropped', () => {
    const v = (outcome: 'pass' | 'fail', frame: number) => ({ outcome, message: '', evidence: { frames: [frame] } }) as never;
    const part = (name: string, frames: number[], dropped: number): RunResult => ({
      tool: { name: 'mip6-conform', version: '0' }, startedAt: '', durationMs: 0, profiles: [], settings: {},
      inputs: [{ name, frames: 1, bytes: 1, messages: {}, transactions: 0, decodeIssues: 0, issueExamples: [] }],
      results: [{
        id: 'X', title: 'x', level: 'MUST', role: 'server', cite: {} as never, proto: 'dhcpv6', provisional: false,
        outcome: 'fail', counts: { pass: frames.length + dropped, fail: 1, warn: 0, inconclusive: 0, 'not-applicable': 0, error: 0 },
        verdicts: [...frames.map((f) => v('pass', f)), v('fail', 99)], dropped,
      }],
      totals: { pass: 0, fail: 0, warn: 0, inconclusive: 0, 'not-applicable': 0, error: 0 }, status: 'failed',
    });
    const m = mergeResults([part('a', [1, 2], 0), part('b', [3, 4, 5], 7)], { failOn: 'must', profiles: [], settings: {} as never });
    const r = m.results[0]!;
    expect(r.verdicts.map((x) => x.evidence.frames[0])).toEqual([1, 2, 99, 3, 99]);
    expect(r.counts.pass).toBe(12);
    expect(r.counts.fail).toBe(2);
    expect(r.dropped).toBe(2 + 1 + 3 + 1 + 7 - 5);
    expect(m.inputs.map((i) => i.name)).toEqual(['a', 'b']);
    expect(m.totals.fail).toBe(2);
    expect(m.status).toBe('failed');
  });
});
