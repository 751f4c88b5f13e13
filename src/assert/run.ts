import type { AssertionResult } from './result.js';
import type { Assertion, Check, Level, MsgAssertion, Outcome, RunAssertion, RunContext, TxAssertion, Verdict } from './types.js';
import type { Message } from '../flow/message.js';
import type { Transaction } from '../flow/transaction.js';

const SEVERITY: Record<Outcome, number> = { fail: 5, error: 4, warn: 3, inconclusive: 2, pass: 1, 'not-applicable': 0 };

export function worse(a: Outcome, b: Outcome): Outcome {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

export function isMandatory(level: Level): boolean {
  return level === 'MUST' || level === 'MUST NOT' || level === 'SHALL' || level === 'SHALL NOT';
}

/** A broken SHOULD is a warn (fail under `strict`); a MAY or INFO row can only warn. */
function applyLevel(outcome: Outcome, level: Level, strict: boolean): Outcome {
  if (outcome !== 'fail' || isMandatory(level)) return outcome;
  if (strict && (level === 'SHOULD' || level === 'SHOULD NOT')) return 'fail';
  return 'warn';
}

/** instances kept per assertion by default: a few passes, more of everything else (the rest are counted) */
export const KEEP_PASSES = 3;
export const KEEP_OTHERS = 200;

export interface JudgeOptions {
  /** passing instances kept per assertion (the rest are counted) */
  keepPasses?: number;
  /** non-passing instances kept per assertion */
  keepOthers?: number;
}

interface Slot {
  a: Assertion;
  result: AssertionResult;
  keptPass: number;
  keptOther: number;
}

/**
 * Runs the catalogue over messages and transactions as they stream past, keeping per-assertion counts and
 * bounded detail, so memory does not grow with the capture. Checks are pure; one that throws is a tool
 * fault and becomes an `error` verdict, never a crash.
 */
export class Judge {
  /** message and transaction assertions by protocol: a message only meets the assertions of its own protocol */
  private readonly msgSlots = new Map<string, Slot[]>();
  private readonly txSlots = new Map<string, Slot[]>();
  private readonly runSlots: { slot: Slot; state: ReturnType<RunAssertion['start']> }[] = [];
  private readonly all: Slot[] = [];
  private readonly keepPasses: number;
  private readonly keepOthers: number;

  constructor(
    assertions: readonly Assertion[],
    private readonly ctx: RunContext,
    opts: JudgeOptions = {},
  ) {
    this.keepPasses = opts.keepPasses ?? KEEP_PASSES;
    this.keepOthers = opts.keepOthers ?? KEEP_OTHERS;

    for (const a of assertions) {
      const slot: Slot = { a, result: emptyResult(a), keptPass: 0, keptOther: 0 };
      this.all.push(slot);
      const byProto = a.scope === 'message' ? this.msgSlots : a.scope === 'transaction' ? this.txSlots : undefined;
      if (!byProto) this.runSlots.push({ slot, state: (a as RunAssertion).start(ctx) });
      else {
        const list = byProto.get(a.proto);
        if (list) list.push(slot);
        else byProto.set(a.proto, [slot]);
      }
    }
  }

  message(msg: Message): void {
    if (msg.sentByTester) return; // what the tester crafted is not the target's behaviour
    for (const s of this.msgSlots.get(msg.proto) ?? []) {
      const a = s.a as MsgAssertion;
      let out: Check | Check[] | null;
      try {
        out = a.applies(msg, this.ctx) ? a.check(msg, this.ctx) : null;
      } catch (e) {
        out = toolError(e, msg.frame);
      }
      if (out) this.recordAll(s, out);
    }
  }

  transaction(tx: Transaction): void {
    for (const s of this.txSlots.get(tx.proto) ?? []) {
      const a = s.a as TxAssertion;
      if (a.subject === 'request' && tx.request.sentByTester) continue;
      if (a.subject === 'answer' && tx.answers.length > 0 && tx.answers.every((x) => x.sentByTester)) continue;
      let out: Check | Check[] | null;
      try {
        out = a.applies(tx, this.ctx) ? a.check(tx, this.ctx) : null;
      } catch (e) {
        out = toolError(e, tx.request.frame);
      }
      if (out) this.recordAll(s, out);
    }
    for (const r of this.runSlots) {
      try {
        const out = r.state.see(tx);
        if (out) this.recordAll(r.slot, out);
      } catch (e) {
        this.record(r.slot, toolError(e, tx.request.frame));
      }
    }
  }

  /**
   * Ends the run-scope assertions for one input and starts them afresh: frame numbers and capture times belong to one
   * capture, so state never carries from one input to the next (as matchers do not pair across inputs).
   */
  endInput(): void {
    for (const r of this.runSlots) {
      let checks: Check[];
      try {
        checks = r.state.end();
      } catch (e) {
        checks = [toolError(e, 0)];
      }
      for (const c of checks) this.record(r.slot, c);
      r.state = (r.slot.a as RunAssertion).start(this.ctx);
    }
  }

  /** The results; the run-scope assertions have been ended per input (endInput) by then. */
  finish(): AssertionResult[] {
    return this.all.map((s) => s.result);
  }

  private recordAll(s: Slot, out: Check | Check[]): void {
    if (Array.isArray(out)) for (const c of out) this.record(s, c);
    else this.record(s, out);
  }

  private record(s: Slot, c: Check): void {
    const { a, result } = s;
    const outcome = applyLevel(c.outcome, a.level, this.ctx.settings.strict);
    result.counts[outcome]++;
    result.outcome = worse(result.outcome, outcome);
    const quiet = outcome === 'pass' || outcome === 'not-applicable';
    if (quiet ? s.keptPass >= this.keepPasses : s.keptOther >= this.keepOthers) {
      result.dropped++;
      return;
    }
    if (quiet) s.keptPass++;
    else s.keptOther++;
    const verdict: Verdict = {
      id: a.id,
      title: a.title,
      level: a.level,
      role: a.role,
      cite: a.cite,
      provisional: a.provisional ?? false,
      proto: a.proto,
      outcome,
      message: c.message,
      evidence: c.evidence,
    };
    result.verdicts.push(verdict);
  }
}

function emptyResult(a: Assertion): AssertionResult {
  return {
    id: a.id,
    title: a.title,
    level: a.level,
    role: a.role,
    cite: a.cite,
    proto: a.proto,
    provisional: a.provisional ?? false,
    outcome: 'not-applicable',
    counts: { pass: 0, fail: 0, warn: 0, inconclusive: 0, 'not-applicable': 0, error: 0 },
    verdicts: [],
    dropped: 0,
  };
}

function toolError(e: unknown, frame: number): Check {
  const msg = e instanceof Error ? e.message : String(e);
  return { outcome: 'error', message: `check failed inside the tool: ${msg}`, evidence: { frames: frame ? [frame] : [] } };
}
