// Stages 4–6: messages → transactions → verdicts. Offline audits and live probes both feed a Session,
// so the same catalogue judges a capture and a probe run.
import type { Settings } from '../assert/profiles.js';
import type { AssertionResult, InputSummary, RunResult } from '../assert/result.js';
import { Judge } from '../assert/run.js';
import type { Assertion, Outcome } from '../assert/types.js';
import type { Message, ProtoName } from '../flow/message.js';
import type { Matcher, Transaction } from '../flow/transaction.js';
import type { ProtocolModule } from '../proto/module.js';
import { statusOf } from '../report/status.js';
import type { DecodeIssue } from '../wire/issue.js';
import type { MessageSink, Opaque } from './messages.js';
import { BootstrapCollector } from '../correlate/bootstrap.js';

export const VERSION = '0.1.0';
const MAX_ISSUE_EXAMPLES = 20;

export interface SessionOptions {
  settings: Settings;
  profiles: string[];
  assertions: readonly Assertion[];
  modules: readonly ProtocolModule[];
  failOn: 'must' | 'should';
  /** probes: tells the messages the tester itself sent (they are recorded, never judged as the target's) */
  isTester?: (msg: Message) => boolean;

  /** observe every transaction (correlation, ladder diagrams); keep it cheap */
  onTransaction?: (tx: Transaction) => void;
}

export class Session {
  private readonly judge: Judge;
  private readonly inputs: InputSummary[] = [];
  private current: InputSummary | null = null;
  private matchers = new Map<ProtoName, Matcher>();
  private readonly started = Date.now();
  readonly opaque: Opaque[] = [];
  private bootstraps: BootstrapCollector;
  private readonly finished: import('../correlate/bootstrap.js').Bootstrap[] = [];

  constructor(private readonly opts: SessionOptions) {
    this.judge = new Judge(opts.assertions, { settings: opts.settings });
    this.bootstraps = new BootstrapCollector(opts.settings);
  }

  /** begin a new input (capture file or probe run); matchers do not pair across inputs */
  beginInput(name: string): MessageSink & { frames(n: number, bytes: number): void } {
    this.endInput();
    const input: InputSummary = {
      name,
      frames: 0,
      bytes: 0,
      messages: {},
      transactions: 0,
      decodeIssues: 0,
      issueExamples: [],
    };
    this.current = input;
    this.inputs.push(input);
    this.matchers = new Map();
    return {
      message: (m) => this.message(m),
      issue: (frame, i) => this.issue(frame, i),
      opaque: (o) => {
        if (this.opaque.length < 1000) this.opaque.push(o);
      },
      closed: (proto, conn, how, frame, closer) => {
        const m = this.matchers.get(proto as ProtoName);
        if (m?.close) for (const tx of m.close(conn, how, frame, closer)) this.transaction(tx);
      },
      frames: (n, bytes) => {
        input.frames = n;
        input.bytes = bytes;
      },
    };
  }

  inputError(code: string, message: string): void {
    if (this.current) this.current.error = { code, message };
  }

  message(msg: Message): void {
    const input = this.current;
    if (!input) throw new Error('message before beginInput');
    input.messages[msg.proto] = (input.messages[msg.proto] ?? 0) + 1;
    if (this.opts.isTester?.(msg)) msg.sentByTester = true;
    for (const i of msg.issues) this.issue(msg.frame, i);
    this.judge.message(msg);
    const m = this.matcherFor(msg.proto);
    if (m) for (const tx of m.push(msg)) this.transaction(tx);
  }

  private transaction(tx: Transaction): void {
    if (this.current) this.current.transactions++;
    this.opts.onTransaction?.(tx);
    this.bootstraps.see(tx);
    this.judge.transaction(tx);
  }

  private issue(frame: number, i: DecodeIssue): void {
    const input = this.current;
    if (!input) return;
    input.decodeIssues++;
    if (input.issueExamples.length < MAX_ISSUE_EXAMPLES) {
      input.issueExamples.push({ frame, code: i.code, message: i.message, offset: i.offset });
    }
  }

  private matcherFor(proto: ProtoName): Matcher | undefined {
    let m = this.matchers.get(proto);
    if (!m) {
      const mod = this.opts.modules.find((x) => x.name === proto);
      if (!mod) return undefined;
      m = mod.matcher(this.opts.settings);
      this.matchers.set(proto, m);
    }
    return m;
  }

  endInput(): void {
    if (!this.current) return;
    for (const m of this.matchers.values()) for (const tx of m.flush()) this.transaction(tx);
    this.matchers = new Map();
    this.judge.endInput();
    // bootstraps are tied within one capture; ids run on across inputs
    for (const b of this.bootstraps.finish()) this.finished.push({ ...b, id: this.finished.length + 1 });
    this.bootstraps = new BootstrapCollector(this.opts.settings);
    this.current = null;
  }

  finish(): RunResult {
    this.endInput();
    const results: AssertionResult[] = this.judge.finish();
    const totals: Record<Outcome, number> = { pass: 0, fail: 0, warn: 0, inconclusive: 0, 'not-applicable': 0, error: 0 };
    for (const r of results) for (const k of Object.keys(totals) as Outcome[]) totals[k] += r.counts[k];
    const status = statusOf(results, this.opts.failOn, this.inputs);
    return {
      tool: { name: 'mip6-conform', version: VERSION },
      startedAt: new Date(this.started).toISOString(),
      durationMs: Date.now() - this.started,
      profiles: this.opts.profiles,
      settings: { ...this.opts.settings },
      inputs: this.inputs,
      results,
      totals,
      bootstraps: this.finished,
      status,
    };
  }
}
