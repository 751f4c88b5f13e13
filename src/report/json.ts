// JSON reporter: the canonical, versioned run schema. JSON-safe (bigint → string, bytes → hex).
// `verdicts` is flat (one row per kept instance); `results` aggregates per assertion with counts.
// Bump SCHEMA on any incompatible change; adding fields is compatible.
import type { AssertionResult, RunResult } from '../assert/result.js';
import type { Cite, Level, Outcome, Role, Verdict } from '../assert/types.js';
import type { ProtoName } from '../flow/message.js';
import { instanceCount, tally, toJsonSafe, type ReportOptions } from './format.js';
import { exitCodeOf } from './status.js';

export const SCHEMA = 'mip6-conform/run/v1';

export interface JsonVerdict {
  id: string;
  title: string;
  level: Level;
  role: Role;
  proto: ProtoName;
  outcome: Outcome;
  provisional: boolean;
  cite: Cite;
  message: string;
  /** evidence frame numbers (1-based) */
  frames: number[];
  path?: string;
  offset?: number;
  expected?: unknown;
  actual?: unknown;
}

export interface JsonResult {
  id: string;
  title: string;
  level: Level;
  role: Role;
  proto: ProtoName;
  provisional: boolean;
  cite: Cite;
  outcome: Outcome;
  /** instances judged, by outcome (kept + dropped) */
  counts: Record<Outcome, number>;
  instances: number;
  kept: number;
  dropped: number;
}

export interface JsonRun {
  schema: typeof SCHEMA;
  tool: RunResult['tool'];
  startedAt: string;
  durationMs: number;
  status: RunResult['status'];
  exitCode: number;
  profiles: string[];
  settings: Record<string, unknown>;
  inputs: RunResult['inputs'];
  /** verdict instances by outcome */
  totals: Record<Outcome, number>;
  /** assertions by aggregate outcome */
  assertions: Record<Outcome, number> & { total: number };
  results: JsonResult[];
  verdicts: JsonVerdict[];
}

function verdictRow(v: Verdict): JsonVerdict {
  const e = v.evidence;
  const row: JsonVerdict = {
    id: v.id,
    title: v.title,
    level: v.level,
    role: v.role,
    proto: v.proto,
    outcome: v.outcome,
    provisional: v.provisional,
    cite: v.cite,
    message: v.message,
    frames: [...e.frames],
  };
  if (e.path !== undefined) row.path = e.path;
  if (e.offset !== undefined) row.offset = e.offset;
  if (e.expected !== undefined) row.expected = e.expected;
  if (e.actual !== undefined) row.actual = e.actual;
  return row;
}

function resultRow(a: AssertionResult): JsonResult {
  return {
    id: a.id,
    title: a.title,
    level: a.level,
    role: a.role,
    proto: a.proto,
    provisional: a.provisional,
    cite: a.cite,
    outcome: a.outcome,
    counts: a.counts,
    instances: instanceCount(a),
    kept: a.verdicts.length,
    dropped: a.dropped,
  };
}

/** The canonical object (before JSON.stringify), already JSON-safe. */
export function toJsonRun(r: RunResult): JsonRun {
  const run: JsonRun = {
    schema: SCHEMA,
    tool: r.tool,
    startedAt: r.startedAt,
    durationMs: r.durationMs,
    status: r.status,
    exitCode: exitCodeOf(r.status),
    profiles: r.profiles,
    settings: r.settings,
    inputs: r.inputs,
    totals: r.totals,
    assertions: { ...tally(r.results), total: r.results.length },
    results: r.results.map(resultRow),
    verdicts: r.results.flatMap((a) => a.verdicts.map(verdictRow)),
  };
  return toJsonSafe(run) as JsonRun;
}

export function jsonReporter(r: RunResult, _opts: ReportOptions): string {
  return `${JSON.stringify(toJsonRun(r), null, 2)}\n`;
}
