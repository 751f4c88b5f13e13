import type { Cite, Level, Outcome, Role, Verdict } from './types.js';
import type { ProtoName } from '../flow/message.js';
import type { Bootstrap } from '../correlate/bootstrap.js';

/** Per-assertion aggregate: counts by outcome, the worst outcome, and kept instances (all non-pass up to a cap, a few passes). */
export interface AssertionResult {
  id: string;
  title: string;
  level: Level;
  role: Role;
  cite: Cite;
  proto: ProtoName;
  provisional: boolean;
  /** worst outcome seen (fail > error > warn > inconclusive > pass > not-applicable) */
  outcome: Outcome;
  counts: Record<Outcome, number>;
  /** kept verdict instances (detail) */
  verdicts: Verdict[];
  /** instances not kept because of the cap */
  dropped: number;
}

export interface InputSummary {
  /** file path, '-' for stdin, or 'probe:<role>' */
  name: string;
  frames: number;
  bytes: number;
  messages: Partial<Record<ProtoName, number>>;
  transactions: number;
  /** decode issues (count) and a few examples */
  decodeIssues: number;
  issueExamples: { frame: number; code: string; message: string; offset: number }[];
  /** a tool/input error that stopped reading this input (the rest of the run goes on) */
  error?: { code: string; message: string };
}

export interface RunResult {
  tool: { name: 'mip6-conform'; version: string };
  startedAt: string;
  durationMs: number;
  profiles: string[];
  settings: Record<string, unknown>;
  inputs: InputSummary[];
  results: AssertionResult[];
  totals: Record<Outcome, number>;
  /** RFC 6611 bootstraps tied together across protocols (AAA → RSOO → IDINF → signalling), for the ladder diagrams */
  bootstraps?: Bootstrap[];
  /** what the run as a whole amounts to; mapped to the exit code by the CLI */
  status: 'ok' | 'failed' | 'error' | 'nothing-relevant';
}
