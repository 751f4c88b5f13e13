import type { CommandModule } from 'yargs';
import { filterCatalogue } from '../assert/catalogue.js';
import { audit } from '../pipeline/audit.js';
import { PROTOCOLS } from '../proto/index.js';
import { exitCodeOf } from '../report/status.js';
import { CATALOGUE } from '../../suites/index.js';
import { fromRoot } from '../util/paths.js';
import { emitReport, settingsFrom, withReportOptions, type CommonArgs } from './options.js';
import { progressReporter } from './progress.js';

export const DEFAULT_CAPTURE = 'fixtures/captures/rfc6611-integrated/capture.pcapng';

interface AuditArgs extends CommonArgs {
  captures: string[];
  only: string[];
  role: string[];
  spec: string[];
}

export function auditCommand(setCode: (c: number) => void): CommandModule<{}, AuditArgs> {
  return {
    command: 'audit [captures..]',
    describe: 'judge pcap/pcapng captures (a path, or - for stdin); with none, a bundled RFC 6611 exchange',
    builder: (y) =>
      withReportOptions(y)
        .positional('captures', { type: 'string', array: true, default: [] as string[] })
        .option('only', { type: 'string', array: true, default: [] as string[], describe: 'assertion ids (prefix*)' })
        .option('role', { type: 'string', array: true, default: [] as string[], describe: 'judge only these roles' })
        .option('spec', { type: 'string', array: true, default: [] as string[], describe: 'judge only these documents (RFC6611, S001…)' }) as never,
    handler: async (args) => {
      const { settings, profiles } = settingsFrom(args);
      const inputs = args.captures.length ? args.captures : [fromRoot(DEFAULT_CAPTURE)];
      const assertions = filterCatalogue(CATALOGUE, { ids: args.only, roles: args.role as never, specs: args.spec });
      const progress = progressReporter(args.quiet);
      const result = await audit(inputs, {
        settings,
        profiles,
        assertions,
        modules: PROTOCOLS,
        failOn: args['fail-on'],
        onProgress: progress.update,
      });
      progress.done();
      // an input that could not be read: one line on stderr (the report says it too; the other inputs were audited)
      for (const i of result.inputs) if (i.error) process.stderr.write(`mip6-conform: ${i.error.code}: ${i.error.message}\n`);
      emitReport(result, args);
      setCode(exitCodeOf(result.status));
    },
  };
}
