import fs from 'node:fs';
import path from 'node:path';
import type { CommandModule } from 'yargs';
import { CATALOGUE } from '../../suites/index.js';
import { UsageError } from '../util/errors.js';
import { fromRoot } from '../util/paths.js';

interface ExplainArgs {
  id: string;
  format: 'text' | 'json';
}

/** Which fixture captures show an assertion pass and fail, read from fixtures/captures/<case>/expect.json. */
export function fixturesFor(id: string): { pass: string[]; fail: string[]; other: string[] } {
  const out = { pass: [] as string[], fail: [] as string[], other: [] as string[] };
  const dir = fromRoot('fixtures', 'captures');
  if (!fs.existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'expect.json') {
        const exp = JSON.parse(fs.readFileSync(p, 'utf8')) as { expect?: Record<string, string> };
        const o = exp.expect?.[id];
        const rel = path.relative(fromRoot(), path.dirname(p));
        if (o === 'pass') out.pass.push(rel);
        else if (o === 'fail' || o === 'warn') out.fail.push(`${rel} (${o})`);
        else if (o) out.other.push(`${rel} (${o})`);
      }
    }
  };
  walk(dir);
  return out;
}

export function explainCommand(setCode: (c: number) => void): CommandModule<{}, ExplainArgs> {
  return {
    command: 'explain <id>',
    describe: 'show one assertion: clause, level, role, what it looks at, fixtures that pass and fail',
    builder: (y) =>
      y
        .positional('id', { type: 'string', demandOption: true })
        .option('format', { alias: 'f', choices: ['text', 'json'] as const, default: 'text' as const }) as never,
    handler: (args) => {
      const a = CATALOGUE.find((x) => x.id === args.id || x.cite.digest === args.id);
      if (!a) {
        const near = CATALOGUE.filter((x) => x.id.toLowerCase().includes(args.id.toLowerCase())).slice(0, 5).map((x) => x.id);
        throw new UsageError(`no assertion '${args.id}'${near.length ? `; did you mean: ${near.join(', ')}` : ''}`);
      }
      const fx = fixturesFor(a.id);
      if (args.format === 'json') {
        process.stdout.write(
          JSON.stringify({ id: a.id, title: a.title, level: a.level, role: a.role, proto: a.proto, scope: a.scope, cite: a.cite, provisional: a.provisional ?? false, profileKeys: a.profileKeys ?? [], looksAt: a.looksAt, fixtures: fx }, null, 2) + '\n',
        );
      } else {
        const lines = [
          `${a.id}  ${a.title}`,
          `  level:      ${a.level}${a.provisional ? ' (provisional: the source text is unverified or specs disagree)' : ''}`,
          `  role:       ${a.role}   protocol: ${a.proto}   judged per ${a.scope}`,
          `  clause:     ${a.cite.doc} §${a.cite.section}${a.cite.digest ? `   (DIGEST ${a.cite.digest})` : ''}`,
          ...(a.cite.url ? [`  url:        ${a.cite.url}`] : []),
          `  text:       "${a.cite.quote}"`,
          `  looks at:   ${a.looksAt}`,
          ...(a.profileKeys?.length ? [`  profiles:   verdict depends on ${a.profileKeys.join(', ')} (mip6-conform list --profiles)`] : []),
          `  passes in:  ${fx.pass.join(', ') || '(no fixture capture; see unit tests)'}`,
          `  fails in:   ${fx.fail.join(', ') || '(no fixture capture; see unit tests)'}`,
        ];
        process.stdout.write(lines.join('\n') + '\n');
      }
      setCode(0);
    },
  };
}
