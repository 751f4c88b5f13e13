// Several captures audited at once, one worker thread per capture (up to `workers` at a time), each running the
// same audit() as the single-threaded path; the per-capture RunResults are merged in input order.
// One capture is never split: transactions and run-wide checks need every frame of it in one place, so a single
// large capture is audited on one core (split by time or by conversation would change the verdicts).
//
// The result equals audit(inputs) on one thread, timing fields aside (parallel.test.ts compares them):
//  - message and transaction checks run in the workers; their results are merged (counts summed, kept verdicts
//    in input order under the Judge's caps);
//  - run-scope checks and the bootstrap correlation keep state across inputs in a Session, so the workers send
//    their transactions (in batches) and the main thread feeds them, input after input, to one Judge holding only
//    the run-scope checks and one BootstrapCollector. Transactions of an input that finishes before an earlier one
//    wait in memory for their turn.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { AssertionResult, InputSummary, RunResult } from '../assert/result.js';
import { Judge } from '../assert/run.js';
import type { Assertion, Outcome, Verdict } from '../assert/types.js';
import { BootstrapCollector } from '../correlate/bootstrap.js';
import type { Transaction } from '../flow/transaction.js';
import { statusOf } from '../report/status.js';
import { audit } from './audit.js';
import type { SessionOptions } from './session.js';

/** What a worker needs; assertions and protocol modules travel as ids/names and are looked up in the worker. */
export type ParallelOptions = Pick<SessionOptions, 'settings' | 'profiles' | 'assertions' | 'modules' | 'failOn'> & {
  /** worker threads at once (default: available cores, at most the number of inputs) */
  workers?: number;
  /**
   * judge each capture on its own, run-scope checks and bootstraps included, and only merge the results: no
   * transactions cross threads, so it scales, but it equals one Session only where no run-wide state spans
   * captures (it equals a Session whose run-scope state restarted with each input)
   */
  perInput?: boolean;
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
  /** send transactions to the main thread (run-scope checks and bootstraps judged there) */
  forward: boolean;
}

type FromWorker = { type: 'tx'; txs: Transaction[] } | { type: 'done'; result: RunResult } | { type: 'failed'; message: string };
type ToWorker = { type: 'job'; input: string } | { type: 'stop' };

const WORKER_TAG = 'mip6-conform/parallel';
const TX_BATCH = 256;
const KEEP_PASSES = 3;
const KEEP_OTHERS = 200;

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
    assertionIds: opts.assertions.filter((a) => opts.perInput || a.scope !== 'run').map((a) => a.id),
    forward: !opts.perInput,
    moduleNames: opts.modules.map((m) => m.name),
    failOn: opts.failOn,
  };
  // run-scope checks and the bootstrap correlation: one instance, fed every input's transactions in input order
  const runScope = opts.assertions.filter((a) => a.scope === 'run');
  const judge = new Judge(runScope, { settings: opts.settings }, {
    ...(opts.keepPasses !== undefined ? { keepPasses: opts.keepPasses } : {}),
    ...(opts.keepOthers !== undefined ? { keepOthers: opts.keepOthers } : {}),
  });
  const boots = new BootstrapCollector(opts.settings);
  const waiting: Transaction[][][] = inputs.map(() => []);
  const finished: boolean[] = inputs.map(() => false);
  let turn = 0;
  const feed = (txs: Transaction[]): void => {
    for (const tx of txs) {
      boots.see(tx);
      judge.transaction(tx);
    }
  };
  const arrive = (i: number, txs: Transaction[] | null): void => {
    if (txs) {
      if (i === turn) feed(txs);
      else waiting[i]!.push(txs);
      return;
    }
    finished[i] = true;
    while (turn < inputs.length && finished[turn]) {
      turn++;
      for (const b of waiting[turn] ?? []) feed(b);
      if (turn < inputs.length) waiting[turn] = [];
    }
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
        parts[i] = await w.run(inputs[i]!, (txs) => arrive(i, txs));
        arrive(i, null);
      }
    } finally {
      await w.stop();
    }
  };
  await Promise.all(Array.from({ length: n }, lane));
  const merged = mergeResults(parts, opts, started);
  if (opts.perInput) return merged;
  const runResults = new Map(judge.finish().map((r) => [r.id, r]));
  const workerResults = new Map(merged.results.map((r) => [r.id, r]));
  const results = opts.assertions.map((a) => (a.scope === 'run' ? runResults.get(a.id) : workerResults.get(a.id))!);
  const totals: Record<Outcome, number> = { pass: 0, fail: 0, warn: 0, inconclusive: 0, 'not-applicable': 0, error: 0 };
  for (const r of results) for (const k of Object.keys(totals) as Outcome[]) totals[k] += r.counts[k];
  const { status: _status, bootstraps: _boots, ...rest } = merged;
  return {
    ...rest,
    durationMs: Date.now() - started,
    results,
    totals,
    bootstraps: boots.finish(),
    status: statusOf(results, opts.failOn, merged.inputs),
  };
}

/** one worker thread, auditing the inputs it is given one at a time */
class AuditWorker {
  private readonly w: Worker;
  private pending: { resolve(r: RunResult): void; reject(e: Error): void; onTxs(t: Transaction[]): void } | null = null;
  private failure: Error | null = null;

  constructor(file: string, job: Job) {
    this.w = new Worker(file, { workerData: { tag: WORKER_TAG, job } });
    this.w.on('message', (m: FromWorker) => {
      const p = this.pending;
      if (!p) return;
      if (m.type === 'tx') p.onTxs(m.txs);
      else {
        this.pending = null;
        if (m.type === 'done') p.resolve(m.result);
        else p.reject(new Error(m.message));
      }
    });
    const fail = (e: Error): void => {
      this.failure = e;
      this.pending?.reject(e);
      this.pending = null;
    };
    this.w.on('error', fail);
    this.w.on('exit', (code) => fail(new Error(`audit worker exited with code ${code}`)));
  }

  run(input: string, onTxs: (t: Transaction[]) => void): Promise<RunResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject, onTxs };
      this.w.postMessage({ type: 'job', input } satisfies ToWorker);
    });
  }

  async stop(): Promise<void> {
    this.w.removeAllListeners('exit');
    await this.w.terminate();
  }
}

/**
 * Merge per-input results (same assertions, same order) as one Session would have produced them: inputs
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
  const results: AssertionResult[] = (first?.results ?? []).map((r0, k) => {
    const all = parts.map((p) => {
      const r = p.results[k];
      if (!r || r.id !== r0.id) throw new Error(`mergeResults: assertion ${k} is ${r?.id} in one part and ${r0.id} in another`);
      return r;
    });
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

const SEVERITY: Record<Outcome, number> = { fail: 5, error: 4, warn: 3, inconclusive: 2, pass: 1, 'not-applicable': 0 };
function worse(a: Outcome, b: Outcome): Outcome {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
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
      let batch: Transaction[] = [];
      const send = (): void => {
        if (batch.length) post({ type: 'tx', txs: batch });
        batch = [];
      };
      try {
        const result = await audit([m.input], {
          settings: job.settings, profiles: job.profiles, assertions, modules, failOn: job.failOn,
          ...(job.forward
            ? {
                onTransaction: (tx: Transaction) => {
                  batch.push(tx);
                  if (batch.length >= TX_BATCH) send();
                },
              }
            : {}),
        });
        send();
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
