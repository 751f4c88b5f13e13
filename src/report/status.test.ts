import { describe, expect, it } from 'vitest';
import type { AssertionResult, InputSummary } from '../assert/result.js';
import type { Outcome } from '../assert/types.js';
import { EXIT_CODES_HELP, exitCodeOf, statusOf } from './status.js';

function res(counts: Partial<Record<Outcome, number>>, level: AssertionResult['level'] = 'MUST'): AssertionResult {
  const full: Record<Outcome, number> = { pass: 0, fail: 0, warn: 0, inconclusive: 0, 'not-applicable': 0, error: 0, ...counts };
  return {
    id: 'RFC8415-16-x', title: 't', level, role: 'server', proto: 'dhcpv6', provisional: false,
    cite: { doc: 'RFC8415', section: '16', quote: 'q' },
    outcome: (['fail', 'error', 'warn', 'inconclusive', 'pass', 'not-applicable'] as Outcome[]).find((o) => full[o] > 0) ?? 'not-applicable',
    counts: full, verdicts: [], dropped: 0,
  };
}
const brokenInput: InputSummary = { name: 'x.pcap', frames: 0, bytes: 3, messages: {}, transactions: 0, decodeIssues: 0, issueExamples: [], error: { code: 'M6_ERR_CAPTURE_FORMAT', message: 'bad' } };

describe('statusOf', () => {
  it('a fail instance fails the run, even when the aggregate is counted from dropped instances', () => {
    expect(statusOf([res({ pass: 3 }), res({ pass: 1, fail: 1 }, 'SHALL NOT')])).toBe('failed');
  });

  it('a warn fails the run only with failOn should', () => {
    const r = [res({ pass: 2 }), res({ warn: 1 }, 'SHOULD')];
    expect(statusOf(r, 'must')).toBe('ok');
    expect(statusOf(r, 'should')).toBe('failed');
  });

  it('a tool error makes the run an error unless a target failure was found', () => {
    expect(statusOf([res({ pass: 1 }), res({ error: 1 })])).toBe('error');
    expect(statusOf([res({ fail: 1 }), res({ error: 1 })])).toBe('failed');
  });

  it('nothing applicable is nothing-relevant; with an unreadable input it is an error', () => {
    expect(statusOf([res({ 'not-applicable': 4 }), res({ 'not-applicable': 1 })])).toBe('nothing-relevant');
    expect(statusOf([])).toBe('nothing-relevant');
    expect(statusOf([res({ 'not-applicable': 1 })], 'must', [brokenInput])).toBe('error');
  });

  it('an unreadable input makes an otherwise ok run an error, but a failure found elsewhere wins', () => {
    expect(statusOf([res({ pass: 1 })], 'must', [brokenInput])).toBe('error');
    expect(statusOf([res({ fail: 1 })], 'must', [brokenInput])).toBe('failed');
  });

  it('inconclusive alone is judged (ok), not nothing-relevant', () => {
    expect(statusOf([res({ inconclusive: 2 }), res({ 'not-applicable': 1 })])).toBe('ok');
  });
});

describe('exitCodeOf', () => {
  it('maps ok/failed/error/nothing-relevant to 0/1/2/3 and the help text lists them', () => {
    expect([exitCodeOf('ok'), exitCodeOf('failed'), exitCodeOf('error'), exitCodeOf('nothing-relevant')]).toEqual([0, 1, 2, 3]);
    expect(EXIT_CODES_HELP.split('\n').map((l) => l[0])).toEqual(['0', '1', '2', '3']);
  });
});
