import type { CommandModule } from 'yargs';
import { filterCatalogue } from '../assert/catalogue.js';
import { DEFAULTS, PROFILES } from '../assert/profiles.js';
import { LEVELS, ROLES, type Level, type Role } from '../assert/types.js';
import { CATALOGUE } from '../../suites/index.js';

interface ListArgs {
  role: string[];
  level: string[];
  spec: string[];
  id: string[];
  proto: string[];
  format: 'text' | 'json';
  profiles: boolean;
}

export function listCommand(setCode: (c: number) => void): CommandModule<{}, ListArgs> {
  return {
    command: 'list',
    describe: 'print the assertion catalogue (filter by role, level, spec, id)',
    builder: (y) =>
      y
        .option('role', { type: 'string', array: true, default: [] as string[], describe: `one of ${ROLES.join(', ')}` })
        .option('level', { type: 'string', array: true, default: [] as string[], describe: 'MUST, SHOULD, MAY …' })
        .option('spec', { type: 'string', array: true, default: [] as string[], describe: 'RFC6611, RFC8415, S001 …' })
        .option('id', { type: 'string', array: true, default: [] as string[], describe: 'ids, prefix* allowed' })
        .option('proto', { type: 'string', array: true, default: [] as string[] })
        .option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as const })
        .option('profiles', { type: 'boolean', default: false, describe: 'list the named profiles and settings instead' }) as never,
    handler: (args) => {
      if (args.profiles) {
        if (args.format === 'json') process.stdout.write(JSON.stringify({ profiles: PROFILES, defaults: DEFAULTS }, null, 2) + '\n');
        else {
          for (const p of PROFILES) process.stdout.write(`${p.name.padEnd(14)} ${p.description}\n`);
          process.stdout.write('\nsettings (defaults):\n');
          for (const [k, v] of Object.entries(DEFAULTS)) process.stdout.write(`  ${k.padEnd(22)} ${JSON.stringify(v)}\n`);
        }
        setCode(0);
        return;
      }
      const levels = args.level.map((l) => l.toUpperCase()) as Level[];
      for (const l of levels) if (!LEVELS.includes(l)) throw new Error(`unknown level ${l}`);
      const rows = filterCatalogue(CATALOGUE, { roles: args.role as Role[], levels, specs: args.spec, ids: args.id, protos: args.proto });
      if (args.format === 'json') {
        process.stdout.write(
          JSON.stringify(
            rows.map((a) => ({ id: a.id, title: a.title, level: a.level, role: a.role, proto: a.proto, scope: a.scope, cite: a.cite, provisional: a.provisional ?? false })),
            null,
            2,
          ) + '\n',
        );
      } else {
        const w = Math.max(10, ...rows.map((a) => a.id.length));
        for (const a of rows) {
          process.stdout.write(
            `${a.id.padEnd(w)}  ${a.level.padEnd(10)} ${a.role.padEnd(13)} ${`${a.cite.doc} §${a.cite.section}`.padEnd(18)} ${a.title}${a.provisional ? ' (provisional)' : ''}\n`,
          );
        }
        process.stdout.write(`${rows.length} of ${CATALOGUE.length} assertions\n`);
      }
      setCode(rows.length ? 0 : 3);
    },
  };
}
