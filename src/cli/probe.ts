import type { Argv, CommandModule } from 'yargs';
import { CATALOGUE } from '../../suites/index.js';
import type { RunResult } from '../assert/result.js';
import { judgeRecording } from '../probe/finish.js';
import { Recorder } from '../probe/recorder.js';
import { parseTarget } from '../probe/target.js';
import { probeDhcpServer } from '../probe/scenarios/dhcpv6-server.js';
import { exitCodeOf } from '../report/status.js';
import { UsageError } from '../util/errors.js';
import { emitReport, settingsFrom, withReportOptions, type CommonArgs } from './options.js';
import { loadConfig } from './config.js';

export interface ProbeArgs extends CommonArgs {
  role: string;
  target: string;
  bind?: string;
  'local-port'?: number;
  interface?: string;
  timeout: number;
  save?: string;
  config?: string;
  case: string[];
  mode?: 'relay' | 'client';
  ha: string;
  hnp: string;
  msp: string;
  'link-address': string;
}

export const PROBE_ROLES = ['dhcp-server'] as const;

function builder(y: Argv): Argv<ProbeArgs> {
  return withReportOptions(y)
    .positional('role', { choices: PROBE_ROLES, demandOption: true, describe: 'the role of the target' })
    .option('target', { alias: 't', type: 'string', demandOption: true, describe: "ADDR[:PORT], e.g. '[::1]:547'" })
    .option('bind', { type: 'string', describe: 'local address to send from' })
    .option('local-port', { type: 'number', describe: 'local port' })
    .option('interface', { alias: 'i', type: 'string', describe: 'interface for link-local multicast (client mode)' })
    .option('timeout', { type: 'number', default: 2000, describe: 'ms to wait for answers' })
    .option('save', { type: 'string', describe: 'write everything sent and received to FILE.pcapng' })
    .option('config', { alias: 'c', type: 'string', describe: 'JSON or YAML file with the same options' })
    .option('case', { type: 'string', array: true, default: [] as string[], describe: 'run only these cases' })
    .option('mode', { choices: ['relay', 'client'] as const, describe: 'dhcp-server: act as relay (default) or client' })
    .option('ha', { type: 'string', default: '2001:db8:10::1', describe: 'home agent address the tester supplies (RSOO, AAA answers)' })
    .option('hnp', { type: 'string', default: '2001:db8:10::/64', describe: 'home network prefix the tester supplies' })
    .option('msp', { type: 'string', default: 'msp.example', describe: 'MSP FQDN named in HNIDF' })
    .option('link-address', { type: 'string', default: '2001:db8:1::1', describe: "link-address of the tester's Relay-forw" }) as never;
}

export function probeCommand(setCode: (c: number) => void): CommandModule<{}, ProbeArgs> {
  return {
    command: 'probe <role>',
    describe: 'send crafted requests to a live target and judge its answers',
    builder,
    handler: async (raw) => {
      const args = (raw.config ? { ...raw, ...loadConfig(raw.config), ...stripDefaults(raw) } : raw) as ProbeArgs;
      const { settings, profiles } = settingsFrom(args as ProbeArgs);
      const rec = new Recorder();
      let result: RunResult;
      if (args.role === 'dhcp-server') {
        const target = parseTarget(args.target, 547);
        const [prefix, len] = String(args.hnp).split('/');
        if (!prefix || !len) throw new UsageError(`--hnp wants PREFIX/LEN, got '${args.hnp}'`);
        settings['flow.window'] = Math.max(settings['flow.window'], args.timeout / 1000 + 1);
        await probeDhcpServer({
          target,
          mode: args.mode ?? 'relay',
          ...(args.bind ? { bind: args.bind } : {}),
          ...(args['local-port'] !== undefined ? { localPort: args['local-port'] } : {}),
          ...(args.interface ? { iface: args.interface } : {}),
          timeoutMs: args.timeout,
          settings,
          ha: args.ha,
          hnp: { len: Number(len), prefix },
          msp: args.msp,
          linkAddress: args['link-address'],
          cases: args.case,
          tap: rec.tap,
        });
        result = await judgeRecording(rec, {
          role: args.role, targetRoles: ['server'], settings, profiles, catalogue: CATALOGUE, failOn: args['fail-on'],
          ...(args.save ? { save: args.save } : {}),
        });
      } else {
        throw new UsageError(`probe role '${args.role}' is not available`);
      }
      emitReport(result, args as ProbeArgs);
      setCode(exitCodeOf(result.status));
    },
  };
}

/** yargs fills defaults; a config file's values win over defaults but not over flags given on the command line. */
function stripDefaults(a: ProbeArgs): Partial<ProbeArgs> {
  const argv = process.argv.slice(2).join(' ');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(a)) if (argv.includes(`--${k}`) || k === 'role' || k === '_' || k === '$0') out[k] = v;
  return out as Partial<ProbeArgs>;
}
