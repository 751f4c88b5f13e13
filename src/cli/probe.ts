import type { Argv, CommandModule } from 'yargs';
import { CATALOGUE } from '../../suites/index.js';
import { judgeRecording } from '../probe/finish.js';
import { Recorder } from '../probe/recorder.js';
import { PROBE_ROLES } from '../probe/roles/index.js';
import { parseTarget } from '../probe/target.js';
import type { ProbeOptions } from '../probe/roles/types.js';
import { exitCodeOf } from '../report/status.js';
import { UsageError } from '../util/errors.js';
import { emitReport, settingsFrom, withReportOptions, type CommonArgs } from './options.js';
import { loadConfig } from './config.js';

interface ProbeArgs extends CommonArgs {
  role: string;
  target?: string;
  bind?: string;
  'local-port'?: number;
  interface?: string;
  timeout: number;
  save?: string;
  config?: string;
  case: string[];
  mode?: string;
  ha: string;
  hnp: string;
  msp: string;
  'link-address': string;
  'origin-host': string;
  'origin-realm': string;
  opt: string[];
}

function builder(y: Argv): Argv<ProbeArgs> {
  return withReportOptions(y)
    .positional('role', { choices: PROBE_ROLES.map((r) => r.name), demandOption: true, describe: 'the role of the target' })
    .option('target', { alias: 't', type: 'string', describe: "ADDR[:PORT], e.g. '[::1]:547'" })
    .option('bind', { type: 'string', describe: 'local address to send from' })
    .option('local-port', { type: 'number', describe: 'local port' })
    .option('interface', { alias: 'i', type: 'string', describe: 'interface (link-local multicast)' })
    .option('timeout', { type: 'number', default: 2000, describe: 'ms to wait for each answer' })
    .option('save', { type: 'string', describe: 'write everything sent and received to FILE.pcapng' })
    .option('config', { alias: 'c', type: 'string', describe: 'JSON or YAML file: keys are these option names' })
    .option('case', { type: 'string', array: true, default: [] as string[], describe: 'run only these cases' })
    .option('mode', { type: 'string', describe: 'role-specific mode (dhcp-server: relay | client)' })
    .option('ha', { type: 'string', default: '2001:db8:10::1', describe: 'home agent address the tester supplies' })
    .option('hnp', { type: 'string', default: '2001:db8:10::/64', describe: 'home network prefix the tester supplies' })
    .option('msp', { type: 'string', default: 'msp.example', describe: 'MSP FQDN named in HNIDF' })
    .option('link-address', { type: 'string', default: '2001:db8:1::1', describe: "link-address of the tester's Relay-forw" })
    .option('origin-host', { type: 'string', default: 'tester.test.realm', describe: "the tester's Diameter Origin-Host" })
    .option('origin-realm', { type: 'string', default: 'test.realm', describe: "the tester's Diameter Origin-Realm" })
    .option('opt', { type: 'string', array: true, default: [] as string[], describe: 'role-specific KEY=VALUE' }) as never;
}

export function probeCommand(setCode: (c: number) => void): CommandModule<{}, ProbeArgs> {
  return {
    command: 'probe <role>',
    describe: 'send crafted requests to a live target and judge its answers',
    builder,
    handler: async (raw) => {
      const args = (raw.config ? { ...raw, ...loadConfig(raw.config), ...givenOnCommandLine(raw) } : raw) as ProbeArgs;
      const role = PROBE_ROLES.find((r) => r.name === args.role);
      if (!role) throw new UsageError(`unknown probe role '${args.role}'`);
      if (!args.target) throw new UsageError('--target ADDR[:PORT] is required');
      const { settings, profiles } = settingsFrom(args);
      settings['flow.window'] = Math.max(settings['flow.window'], args.timeout / 1000 + 1);
      const extra: Record<string, unknown> = {};
      for (const kv of args.opt ?? []) {
        const eq = kv.indexOf('=');
        if (eq <= 0) throw new UsageError(`--opt wants KEY=VALUE, got '${kv}'`);
        extra[kv.slice(0, eq)] = kv.slice(eq + 1);
      }
      const o: ProbeOptions = {
        target: args.target,
        ...(args.bind ? { bind: args.bind } : {}),
        ...(args['local-port'] !== undefined ? { localPort: args['local-port'] } : {}),
        ...(args.interface ? { iface: args.interface } : {}),
        timeout: args.timeout,
        cases: args.case,
        ...(args.mode ? { mode: args.mode } : {}),
        ha: args.ha,
        hnp: args.hnp,
        msp: args.msp,
        linkAddress: args['link-address'],
        originHost: args['origin-host'],
        originRealm: args['origin-realm'],
        extra,
      };
      const rec = new Recorder();
      try {
        await role.run(o, settings, rec);
      } catch (e) {
        if (args.save) await rec.save(args.save).catch(() => undefined);
        throw e;
      }
      const result = await judgeRecording(rec, {
        role: role.name,
        targetRoles: role.targetRoles,
        settings,
        profiles,
        catalogue: CATALOGUE,
        failOn: args['fail-on'],
        ...(args.save ? { save: args.save } : {}),
        ...(role.proto ? { port: { proto: role.proto, port: parseTarget(args.target, role.defaultPort).port } } : {}),
      });
      emitReport(result, args);
      setCode(exitCodeOf(result.status));
    },
  };
}

/** A config file's values win over defaults, but not over flags given on the command line. */
function givenOnCommandLine(a: ProbeArgs): Partial<ProbeArgs> {
  const given = new Set(process.argv.slice(2).filter((x) => x.startsWith('--')).map((x) => x.slice(2).split('=')[0]!));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) if (given.has(k) || k === 'role' || k === '_' || k === '$0') out[k] = v;
  return out as Partial<ProbeArgs>;
}
