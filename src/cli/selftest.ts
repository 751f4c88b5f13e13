import type { CommandModule } from 'yargs';
import { CATALOGUE } from '../../suites/index.js';
import { CASES } from '../fixtures/index.js';
import { selftest, referenceRun } from '../serve/selftest.js';
import { exitCodeOf } from '../report/status.js';
import { toJsonSafe } from '../util/json.js';
import { emitReport, settingsFrom, withReportOptions, type CommonArgs } from './options.js';

interface SelftestArgs extends CommonArgs {
  quick: boolean;
}

/**
 * `selftest`: the whole catalogue against the embedded reference, clean (full report) and once per named fault.
 * `--quick` runs only the clean pass. Exit 0 when the clean run has no failure and every fault is caught.
 */
/** `demo`: the whole catalogue against the embedded reference, one report: what a new user runs first. */
export function demoCommand(setCode: (c: number) => void): CommandModule<{}, CommonArgs> {
  return {
    command: 'demo',
    describe: 'judge the embedded reference implementation (DHCPv6 server, relay/NAS, AAA server on loopback) with the whole catalogue',
    builder: (y) => withReportOptions(y) as never,
    handler: async (args) => {
      const { settings } = settingsFrom(args);
      const r = await referenceRun(new Set(), settings, CATALOGUE);
      emitReport(r, args);
      setCode(exitCodeOf(r.status));
    },
  };
}

export function selftestCommand(setCode: (c: number) => void): CommandModule<{}, SelftestArgs> {
  return {
    command: 'selftest',
    describe: 'run the catalogue against the embedded reference: clean, then once per fault (which assertions catch it)',
    builder: (y) => withReportOptions(y).option('quick', { type: 'boolean', default: false, describe: 'only the clean run and its report' }) as never,
    handler: async (args) => {
      const { settings } = settingsFrom(args);
      const progress = (s: string) => {
        if (!args.quiet && process.stderr.isTTY) process.stderr.write(`\rselftest: ${s}\x1b[K`);
      };
      if (args.quick) {
        progress('clean reference');
        const r = await referenceRun(new Set(), settings, CATALOGUE);
        progress('');
        emitReport(r, args);
        setCode(exitCodeOf(r.status));
        return;
      }
      const rep = await selftest(settings, CATALOGUE, CASES, progress);
      if (process.stderr.isTTY && !args.quiet) process.stderr.write('\r\x1b[K');
      const ok = rep.cleanFailures.length === 0 && rep.uncaught.length === 0;
      if (args.format === 'json') {
        const { clean, ...rest } = rep;
        process.stdout.write(JSON.stringify(toJsonSafe({ ...rest, cleanStatus: clean.status }), null, 2) + '\n');
      } else {
        emitReport(rep.clean, args);
        const lines = [
          '',
          `Selftest: ${rep.assertions} assertions, ${rep.faults} faults`,
          ...Object.entries(rep.caught).map(([f, ids]) => `  fault ${f.padEnd(26)} ${ids.length ? `caught by ${ids.join(', ')}` : 'NOT CAUGHT'}`),
          `  against the clean reference: ${rep.cleanFailures.length ? rep.cleanFailures.map((x) => `${x.id} (${x.outcome})`).join(', ') : 'no failure'}`,
          `  unfailable (no fault or fixture makes them fail): ${rep.unfailable.length ? rep.unfailable.join(', ') : 'none'}`,
          `  uncaught faults: ${rep.uncaught.length ? rep.uncaught.join(', ') : 'none'}`,
        ];
        process.stdout.write(lines.join('\n') + '\n');
      }
      setCode(ok ? 0 : 1);
    },
  };
}
