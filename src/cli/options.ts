import fs from 'node:fs';
import type { Argv } from 'yargs';
import { PROFILES, resolveSettings, type Settings } from '../assert/profiles.js';
import { ReportersMap, type ReporterName } from '../report/index.js';
import type { RunResult } from '../assert/result.js';
import { UsageError } from '../util/errors.js';
import { computeCoverage, coverageText } from '../report/coverage.js';

export const EXIT_HELP = `Exit codes:
  0  nothing required failed
  1  a conformance failure (a MUST failed; with --fail-on should, also a SHOULD)
  2  usage, configuration or unreadable input (a tool or input error)
  3  nothing relevant in the input (no message the catalogue judges)
  4  probe target unreachable`;

export interface CommonArgs {
  format: ReporterName;
  output?: string;
  profile: string[];
  set: string[];
  'fail-on': 'must' | 'should';
  strict: boolean;
  color?: boolean;
  quiet: boolean;
  verbose: boolean;
  coverage: boolean;
}

export function withReportOptions<T>(y: Argv<T>) {
  return y
    .option('format', { alias: 'f', choices: Object.keys(ReportersMap) as ReporterName[], default: 'console' as ReporterName, describe: 'report format' })
    .option('output', { alias: 'o', type: 'string', describe: 'write the report to FILE instead of stdout' })
    .option('profile', { alias: 'p', type: 'string', array: true, default: [] as string[], describe: `named profiles, applied in order: ${PROFILES.map((p) => p.name).join(', ')}` })
    .option('set', { type: 'string', array: true, default: [] as string[], describe: 'override one setting: KEY=VALUE (see `list --profiles`)' })
    .option('fail-on', { choices: ['must', 'should'] as const, default: 'must' as const, describe: 'lowest level whose violation exits 1' })
    .option('strict', { type: 'boolean', default: false, describe: 'a broken SHOULD is a fail, not a warn' })
    .option('color', { type: 'boolean', describe: 'force colour on/off (default: on for a TTY unless NO_COLOR)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress output' })
    .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'show evidence for passing checks too' })
    .option('coverage', { type: 'boolean', default: false, describe: 'also list which spec clauses the run exercised and which it could not' });
}

/** Parses `--set key=value` into typed settings (numbers, booleans, number lists, codepoints.X). */
export function settingsFrom(args: Pick<CommonArgs, 'profile' | 'set' | 'strict'>): { settings: Settings; profiles: string[] } {
  const profiles = args.profile.flatMap((p) => p.split(',')).filter(Boolean);
  const overrides: Record<string, unknown> = {};
  const codepoints: Record<string, number> = {};
  const nas: Record<string, string> = {};
  const ports: Record<string, number[]> = {};
  for (const kv of args.set) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set wants KEY=VALUE, got '${kv}'`);
    const key = kv.slice(0, eq);
    const raw = kv.slice(eq + 1);
    if (key.startsWith('ports.')) {
      const list = raw.split(',').map(Number);
      if (list.some((n) => !Number.isInteger(n) || n < 1 || n > 65535)) throw new UsageError(`--set ${key}: a comma-separated list of ports`);
      ports[key.slice('ports.'.length)] = list;
      continue;
    }
    if (key.startsWith('correlate.nas.')) {
      nas[key.slice('correlate.nas.'.length)] = raw;
      continue;
    }
    if (key.startsWith('codepoints.')) {
      const n = Number(raw);
      if (!Number.isInteger(n) || n < 0) throw new UsageError(`--set ${key}: a code point is a non-negative integer`);
      codepoints[key.slice('codepoints.'.length)] = n;
      continue;
    }
    overrides[key] = parseValue(raw);
  }
  let settings: Settings;
  try {
    settings = resolveSettings(profiles, overrides as Partial<Settings>);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (args.strict) settings.strict = true;
  settings.codepoints = { ...settings.codepoints, ...codepoints };
  settings['correlate.nas'] = { ...settings['correlate.nas'], ...nas };
  settings.ports = { ...settings.ports, ...ports };
  return { settings, profiles: profiles.length ? profiles : ['default'] };
}

function parseValue(raw: string): unknown {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (/^\d+(,\d+)*$/.test(raw)) return raw.split(',').map(Number);
  return raw;
}

export function useColor(args: Pick<CommonArgs, 'color' | 'output'>): boolean {
  if (args.color !== undefined) return args.color;
  if (args.output) return false;
  if (process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '') return false;
  return Boolean(process.stdout.isTTY);
}

export function emitReport(r: RunResult, args: CommonArgs): void {
  let text = ReportersMap[args.format](r, { color: useColor(args), verbose: args.verbose });
  if (args.coverage) {
    const cov = computeCoverage(r);
    if (args.format === 'json') text = JSON.stringify({ ...(JSON.parse(text) as object), coverage: cov }, null, 2);
    else if (args.format === 'console') text = `${text.trimEnd()}\n\n${coverageText(cov)}`;
    else process.stderr.write(coverageText(cov));
  }
  if (args.output) fs.writeFileSync(args.output, text);
  else process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}
