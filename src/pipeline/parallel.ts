// Several captures audited at once, one worker thread per capture (up to `workers` at a time), each running the
// same audit() as the single-threaded path; the per-capture RunResults are merged in input order.
// One capture is never split: transactions and run-wide checks need every frame of it in one place, so a single
// large capture is audited on one core (split by time or by conversation would change the verdicts).
// The result equals audit(inputs) on one thread, timing fields aside (parallel.test.ts compares them): a Session
// judges every input on its own (matchers, run-scope checks and bootstrap correlation restart with each input), so
// auditing inputs apart and merging their results is the same computation.
import { KEEP_OTHERS, KEEP_PASSES, worse } from '../assert/run.js';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { AssertionResult, InputSummary, RunResult } from '../assert/result.js';
import type { Assertion, Outcome, Verdict } from '../assert/types.js';
import { statusOf } from '../report/status.js';
import { audit } from './audit.js';
import type { SessionOptions } from './session.js';

/** What a worker needs; assertions and protocol modules travel as ids/names and are looked up in the worker. */
export type ParallelOptions = Pick<SessionOptions, 'settings' | 'profiles' | 'assertions' | 'modules' | 'failOn'> & {
  /** worker threads at once (default: available cores, at most the number of inputs) */
  workers?: number;
  /** Judge caps, as in Judge (kept passing / non-passing verdicts per assertion) */
  keepPasses?: number;
  keepOthers?: number;
};

interface Job {
  settings: SessionOptions['settings'];
  profiles: string[];
  assertionIds: string[];
  moduleNames: string[];
  failOn: SessionOptions['failOn'];
}

type FromWorker = { type: 'done'; result: RunResult } | { type: 'failed'; message: string };
type ToWorker = { type: 'job'; input: string } | { type: 'stop' };

const WORKER_TAG = 'mip6-conform/parallel';

/** the compiled worker script: this file, or its dist/ twin when running from TypeScript sources (vitest) */
function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return here;
  const root = path.resolve(path.dirname(here), '..', '..');
  return path.join(root, 'dist', 'src', 'pipeline', 'parallel.js');
}

/** Audit each capture in its own worker thread and merge the results in input order. */
export async function auditParallel(inputs: readonly string[], opts: ParallelOptions): Promise<RunResult> {
  const started = Date.now();
  const base: Job = {
    settings: opts.settings,
    profiles: opts.profiles,
    assertionIds: opts.assertions.map((a) => a.id),
    moduleNames: opts.modules.map((m) => m.name),
    failOn: opts.failOn,
  };
  const n = Math.max(1, Math.min(opts.workers ?? os.availableParallelism(), inputs.length));
  const parts: RunResult[] = new Array<RunResult>(inputs.length);
  let next = 0;
  const file = workerFile();
  // a pool of long-lived workers (each loads the catalogue once), handed the next input as they finish one
  const lane = async (): Promise<void> => {
    const w = new AuditWorker(file, base);
    try {
      while (next < inputs.length) {
        const i = next++;
        parts[i] = await w.run(inputs[i]!);
      }
    } finally {
      await w.stop();
    }
  };
  await Promise.all(Array.from({ length: n }, lane));
  return mergeResults(parts, opts, started);
}

/** one worker thread, auditing the inputs it is given one at a time */
class AuditWorker {
  private readonly w: Worker;
  private pending: { resolve(r: RunResult): void; reject(e: Error): void } | null = null;
  private failure: Error | null = null;

  constructor(file: string, job: Job) {
    this.w = new Worker(file, { workerData: { tag: WORKER_TAG, job } });
    this.w.on('message', (m: FromWorker) => {
      const p = this.pending;
      if (!p) return;
      this.pending = null;
      if (m.type === 'done') p.resolve(m.result);
      else p.reject(new Error(m.message));
    });
    const fail = (e: Error): void => {
      this.failure = e;
      this.pending?.reject(e);
      this.pending = null;
    };
    this.w.on('error', fail);
    this.w.on('exit', (code) => fail(new Error(`audit worker exited with code ${code}`)));
  }

  run(input: string): Promise<RunResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.w.postMessage({ type: 'job', input } satisfies ToWorker);
    });
  }

  async stop(): Promise<void> {
    this.w.removeAllListeners('exit');
    await this.w.terminate();
  }
}

/**
 * Merge per-input results as one Session would have produced them: inputs
 * concatenated, counts summed, worst outcome, kept verdicts in input order under the Judge's caps, the rest
 * counted as dropped, totals and status recomputed, bootstraps concatenated and renumbered.
 */
export function mergeResults(
  parts: readonly RunResult[],
  opts: Pick<ParallelOptions, 'failOn' | 'profiles' | 'settings' | 'keepPasses' | 'keepOthers'>,
  started = Date.now(),
): RunResult {
  const keepPasses = opts.keepPasses ?? KEEP_PASSES;
  const keepOthers = opts.keepOthers ?? KEEP_OTHERS;
  const inputs: InputSummary[] = parts.flatMap((p) => p.inputs);
  const first = parts[0];
  // by id, in order of first appearance: parts judged with the same catalogue keep its order; parts judged with
  // different subsets (selftest: the reference's roles, each probe's target roles) are united
  const byId = new Map<string, AssertionResult[]>();
  for (const p of parts) {
    for (const r of p.results) {
      const l = byId.get(r.id);
      if (l) l.push(r);
      else byId.set(r.id, [r]);
    }
  }
  const results: AssertionResult[] = [...byId.values()].map((all) => {
    const r0 = all[0]!;
    const counts = { ...r0.counts };
    let outcome: Outcome = r0.outcome;
    let recorded = 0;
    for (const r of all.slice(1)) {
      for (const o of Object.keys(counts) as Outcome[]) counts[o] += r.counts[o];
      outcome = worse(outcome, r.outcome);
    }
    const verdicts: Verdict[] = [];
    let pass = 0;
    let other = 0;
    for (const r of all) {
      recorded += r.verdicts.length + r.dropped;
      for (const v of r.verdicts) {
        const quiet = v.outcome === 'pass' || v.outcome === 'not-applicable';
        if (quiet ? pass >= keepPasses : other >= keepOthers) continue;
        if (quiet) pass++;
        else other++;
        verdicts.push(v);
      }
    }
    return { ...r0, outcome, counts, verdicts, dropped: recorded - verdicts.length };
  });
  const totals: Record<Outcome, number> = { pass: 0, fail: 0, warn: 0, inconclusive: 0, 'not-applicable': 0, error: 0 };
  for (const r of results) for (const k of Object.keys(totals) as Outcome[]) totals[k] += r.counts[k];
  const out: RunResult = {
    tool: first?.tool ?? { name: 'mip6-conform', version: '0.1.0' },
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    profiles: opts.profiles,
    settings: { ...opts.settings },
    inputs,
    results,
    totals,
    status: statusOf(results, opts.failOn, inputs),
  };
  if (parts.some((p) => p.bootstraps)) {
    let id = 0;
    out.bootstraps = parts.flatMap((p) => p.bootstraps ?? []).map((b) => ({ ...b, id: ++id }));
  }
  // keep the key order of a single-threaded RunResult (bootstraps before status)
  const { status, ...rest } = out;
  return { ...rest, status };
}


/** Worker side: audit captures with the catalogue entries and protocol modules named in the job. */
async function workerMain(job: Job): Promise<void> {
  const [{ CATALOGUE }, { PROTOCOLS }] = await Promise.all([import('../../suites/index.js'), import('../proto/index.js')]);
  const byId = new Map<string, Assertion>(CATALOGUE.map((a: Assertion) => [a.id, a]));
  const assertions = job.assertionIds.map((id) => {
    const a = byId.get(id);
    if (!a) throw new Error(`parallel audit: assertion ${id} is not in the catalogue (workers can only run catalogue assertions)`);
    return a;
  });
  const modules = job.moduleNames.map((name) => {
    const m = PROTOCOLS.find((p) => p.name === name);
    if (!m) throw new Error(`parallel audit: no protocol module ${name}`);
    return m;
  });
  const port = parentPort!;
  const post = (m: FromWorker): void => port.postMessage(m);
  let queue = Promise.resolve();
  port.on('message', (m: ToWorker) => {
    if (m.type !== 'job') return;
    queue = queue.then(async () => {
      try {
        const result = await audit([m.input], { settings: job.settings, profiles: job.profiles, assertions, modules, failOn: job.failOn });
        post({ type: 'done', result });
      } catch (e) {
        post({ type: 'failed', message: `${m.input}: ${e instanceof Error ? e.stack ?? e.message : String(e)}` });
      }
    });
  });
}

if (!isMainThread && (workerData as { tag?: string } | null)?.tag === WORKER_TAG) {
  await workerMain((workerData as { job: Job }).job);
}
