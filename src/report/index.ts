// Reporters by name (STYLE §10): the map also feeds the CLI's --format choices.
// Each is a pure function (RunResult, { color, verbose? }) → string; html also takes { sections }.
import { consoleReporter } from './console.js';
import { htmlReporter, type HtmlOptions } from './html.js';
import { ladderSections } from './ladder.js';
import { jsonReporter } from './json.js';
import { junitReporter } from './junit.js';
import { tapReporter } from './tap.js';
import type { Reporter } from './format.js';

export const ReportersMap = {
  console: consoleReporter,
  json: jsonReporter,
  junit: junitReporter,
  tap: tapReporter,
  /** the HTML report with one ladder diagram per bootstrap */
  html: (r, o) => htmlReporter(r, { ...o, sections: [...ladderSections(r), ...((o as HtmlOptions).sections ?? [])] }),
} as const satisfies Record<string, Reporter>;

export type ReporterName = keyof typeof ReportersMap;
export const REPORTER_NAMES = Object.keys(ReportersMap) as ReporterName[];

export type { Reporter, ReportOptions } from './format.js';
export type { HtmlOptions, HtmlSection } from './html.js';
export { SCHEMA, toJsonRun, type JsonRun, type JsonVerdict, type JsonResult } from './json.js';
export { statusOf, exitCodeOf, EXIT_CODES, EXIT_CODES_HELP, type FailOn, type RunStatus } from './status.js';
