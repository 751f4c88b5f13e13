// Run status and exit code (STYLE §9). The CLI prints EXIT_CODES_HELP in --help.
//
// statusOf(results, failOn, inputs), first rule that matches wins:
//   failed            a `fail` instance on any assertion. The engine gives `fail` only for a broken MUST/SHALL
//                     (NOT), or a broken SHOULD under --strict; a broken SHOULD is otherwise `warn`.
//                     With failOn 'should', a `warn` instance counts as a failure too.
//   error             an `error` instance (the tool faulted while judging: the run cannot be called ok), or an
//                     input that could not be read (exit 2 covers unreadable input, STYLE §9); a target failure
//                     found in the readable inputs still wins.
//   nothing-relevant  no applicable verdict: every instance is not-applicable, or there were none (no messages).
//   ok                otherwise (pass, warn, inconclusive only).
//
// exitCodeOf: ok → 0, failed → 1, error → 2, nothing-relevant → 3.
import type { AssertionResult, InputSummary, RunResult } from '../assert/result.js';

export type RunStatus = RunResult['status'];
export type FailOn = 'must' | 'should';

export const EXIT_CODES: Readonly<Record<RunStatus, 0 | 1 | 2 | 3>> = {
  ok: 0,
  failed: 1,
  error: 2,
  'nothing-relevant': 3,
};

/** One line per exit code, for --help. */
export const EXIT_CODES_HELP = [
  '0  ok: no required statement failed (with --fail-on should: no SHOULD was broken either)',
  '1  failed: a MUST/SHALL was broken (with --fail-on should, a SHOULD too)',
  '2  error: usage, configuration or unreadable input, or the tool faulted while judging',
  '3  nothing relevant: no assertion applied to the input (no matching messages)',
].join('\n');

function sum(results: readonly AssertionResult[], key: 'fail' | 'warn' | 'error' | 'not-applicable'): number {
  return results.reduce((n, a) => n + (a.counts[key] ?? 0), 0);
}

function judged(results: readonly AssertionResult[]): number {
  return results.reduce(
    (n, a) => n + a.counts.pass + a.counts.fail + a.counts.warn + a.counts.inconclusive + a.counts.error,
    0,
  );
}

export function statusOf(
  results: readonly AssertionResult[],
  failOn: FailOn = 'must',
  inputs: readonly InputSummary[] = [],
): RunStatus {
  if (sum(results, 'fail') > 0) return 'failed';
  if (failOn === 'should' && sum(results, 'warn') > 0) return 'failed';
  if (sum(results, 'error') > 0 || inputs.some((i) => i.error)) return 'error';
  return judged(results) === 0 ? 'nothing-relevant' : 'ok';
}

export function exitCodeOf(status: RunStatus): 0 | 1 | 2 | 3 {
  return EXIT_CODES[status];
}
