import type { CommandModule } from 'yargs';
import { checkFaults, FAULTS } from '../serve/faults.js';
import { startReference } from '../serve/run.js';
import { startPaa } from '../serve/pana-paa.js';
import { startFha } from '../serve/fha.js';
import { UsageError } from '../util/errors.js';
import { settingsFrom } from './options.js';

interface ServeArgs {
  bind: string;
  'server-port': number;
  'relay-port': number;
  'aaa-port': number;
  'paa-port': number;
  'fha-port': number;
  'fha-bind': string;
  fault: string[];
  profile: string[];
  set: string[];
  strict: boolean;
  'list-faults': boolean;
  duration?: number;
}

/** `serve`: run the reference implementation until interrupted (or for --duration seconds). */
export function serveCommand(setCode: (c: number) => void): CommandModule<{}, ServeArgs> {
  return {
    command: 'serve',
    describe: 'run the reference implementations (DHCPv6 server, relay/NAS, Diameter AAA server, PANA PAA, Mobile IPv4 HA) on loopback',
    builder: (y) =>
      y
        .option('bind', { type: 'string', default: '::1', describe: 'address to listen on' })
        .option('server-port', { type: 'number', default: 10547, describe: 'DHCPv6 server port' })
        .option('relay-port', { type: 'number', default: 10546, describe: "relay's client-side port (clients send their Information-request here)" })
        .option('aaa-port', { type: 'number', default: 13868, describe: 'Diameter AAA server port' })
        .option('paa-port', { type: 'number', default: 10716, describe: 'PANA authentication agent port (on --bind)' })
        .option('fha-port', { type: 'number', default: 10434, describe: 'Mobile IPv4 home agent port (on --fha-bind)' })
        .option('fha-bind', { type: 'string', default: '127.0.0.1', describe: 'IPv4 address for the Mobile IPv4 home agent' })
        .option('fault', { type: 'string', array: true, default: [] as string[], describe: 'commit a named non-conformance (see --list-faults)' })
        .option('list-faults', { type: 'boolean', default: false })
        .option('duration', { type: 'number', describe: 'stop after this many seconds' })
        .option('profile', { alias: 'p', type: 'string', array: true, default: [] as string[] })
        .option('set', { type: 'string', array: true, default: [] as string[] })
        .option('strict', { type: 'boolean', default: false }) as never,
    handler: async (args) => {
      if (args['list-faults']) {
        for (const f of FAULTS) process.stdout.write(`${f.name.padEnd(26)} ${f.component.padEnd(12)} ${f.what}\n`);
        setCode(0);
        return;
      }
      let faults: Set<string>;
      try {
        faults = checkFaults(args.fault);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
      const { settings } = settingsFrom(args);
      const ref = await startReference({
        bind: args.bind, serverPort: args['server-port'], relayPort: args['relay-port'], aaaPort: args['aaa-port'],
        faults, settings, log: (l) => process.stderr.write(`${l}\n`),
      });
      const log = (l: string) => process.stderr.write(`${l}\n`);
      const paa = await startPaa({ bind: args.bind, port: args['paa-port'], faults, settings, log });
      const fha = await startFha({ bind: args['fha-bind'], port: args['fha-port'], faults, settings, log });
      if (faults.size) process.stderr.write(`faults: ${[...faults].join(', ')}\n`);
      process.stderr.write('ready (Ctrl-C stops)\n');
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        if (args.duration) setTimeout(stop, args.duration * 1000).unref();
      });
      await ref.stop();
      await paa.stop();
      await fha.stop();
      setCode(0);
    },
  };
}
