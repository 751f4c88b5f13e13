// Mutated captures through the full `audit` CLI (built dist; run `npx tsc -p .` first, `npm test` does).
// Every run must end with exit code 0–3 within 10 s, with a JSON report on stdout or exactly one
// 'mip6-conform:' line on stderr — never a stack trace, never an internal error.
// CI: a fixed subset (~90 runs, 2 at a time); FUZZ_RUNS=N: every mutant of every fixture capture.
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { builtSeeds, diameterResyncCapture, diameterTcpCapture, fixtureSeeds, mutants, nestedDiameter, notCaptures, prng, type Mutant } from './captures.js';
import { LONG } from './support.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = join(ROOT, 'bin/mip6-conform.js');
const RUN_TIMEOUT_MS = 10_000;
const POOL = 2;
const CI_MUTANTS_PER_SEED = 16;

interface Outcome {
  name: string;
  file: string;
  code: number | null;
  signal: string | null;
  timedOut: boolean;
  ms: number;
  stdout: string;
  stderr: string;
}

/** dist/ being rebuilt by someone else while we run (a half-written module graph), not a finding */
const DIST_IN_FLUX = /(SyntaxError: The requested module|ERR_MODULE_NOT_FOUND|Cannot find module)[^\n]*|dist\/src\/[^\n]*\n[^\n]*\n[^\n]*SyntaxError/;

async function audit(m: Mutant, file: string): Promise<Outcome> {
  writeFileSync(file, m.bytes);
  let o = await auditOnce(m, file);
  for (let retry = 0; retry < 3 && DIST_IN_FLUX.test(o.stderr); retry++) {
    await new Promise((r) => setTimeout(r, 3000));
    o = await auditOnce(m, file);
  }
  return o;
}

function auditOnce(m: Mutant, file: string, command = 'audit'): Promise<Outcome> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, command, file, '--format', 'json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => void (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => void (stderr += c));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, RUN_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ name: m.name, file, code, signal, timedOut, ms: performance.now() - t0, stdout, stderr });
    });
  });
}

async function pool<T, R>(items: T[], n: number, fn: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: n }, worker));
  return out;
}

/** what is wrong with one run, or undefined */
export function problem(o: Outcome): string | undefined {
  if (o.timedOut) return `no exit within ${RUN_TIMEOUT_MS} ms`;
  if (o.code === null || ![0, 1, 2, 3].includes(o.code)) return `exit code ${o.code} signal ${o.signal}`;
  const all = o.stdout + '\n' + o.stderr;
  if (/^\s+at /m.test(all)) return 'stack trace in the output';
  if (/internal error/i.test(all)) return "'internal error' in the output";
  const errLines = o.stderr.split('\n').filter((l) => l.trim() !== '');
  if (o.stdout.trim() !== '') {
    try {
      const r = JSON.parse(o.stdout) as { schema?: string; exitCode?: number };
      if (!r.schema) return 'stdout JSON without a schema';
      if (r.exitCode !== undefined && r.exitCode !== o.code) return `report exitCode ${r.exitCode} but process exit ${o.code}`;
    } catch {
      return 'stdout is not a JSON report';
    }
    if (errLines.some((l) => !l.startsWith('mip6-conform:'))) return `stray stderr: ${errLines[0]}`;
    return undefined;
  }
  if (errLines.length !== 1 || !errLines[0]!.startsWith('mip6-conform:')) return `no report and stderr is not one 'mip6-conform:' line: ${JSON.stringify(o.stderr.slice(0, 200))}`;
  return undefined;
}

/** n mutants spread evenly over the list (so every kind of mutation is represented) */
const spread = (ms: Mutant[], n: number): Mutant[] => ms.filter((_, i) => i % Math.ceil(ms.length / n) === 0);

function corpus(): Mutant[] {
  const fixtures = fixtureSeeds(join(ROOT, 'fixtures/captures'));
  const built = builtSeeds();
  const rnd = prng(20240611);
  if (LONG) {
    // every mutant of our seeds and link-mix; FUZZ_CLI_PER_FIXTURE (default 8) spread over each other fixture's list
    const perFixture = Number(process.env.FUZZ_CLI_PER_FIXTURE) || 8;
    const full = [...built, ...fixtures.filter((f) => f.name.includes('link-mix'))];
    const rest = fixtures.filter((f) => !f.name.includes('link-mix'));
    return [
      ...notCaptures(), ...full, ...rest,
      ...full.flatMap((s) => mutants(s, rnd, 16)),
      ...rest.flatMap((s) => spread(mutants(s, rnd, 8), perFixture)),
    ];
  }
  // CI subset: the link-mix fixture and our pcapng and ns-pcap seeds, 16 mutants of each spread over its list
  const pick = [...fixtures.filter((f) => f.name.includes('link-mix')), built[0]!, built[3]!];
  return [...notCaptures(), ...pick, ...pick.flatMap((s) => spread(mutants(s, rnd, 4), CI_MUTANTS_PER_SEED))];
}

const dir = mkdtempSync(join(tmpdir(), 'mip6-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('audit CLI on hostile captures', () => {
  it('ends with exit 0–3, in time, with a report or one mip6-conform: line, never a stack trace', async () => {
    expect(existsSync(join(ROOT, 'dist/src/cli/main.js')), 'build first: npx tsc -p .').toBe(true);
    const items = corpus();
    const results = await pool(items, POOL, async (m, i) => {
      const file = join(dir, `m${i}.bin`);
      const o = await audit(m, file);
      rmSync(file, { force: true }); // mutants are deterministic (seeded): the name says how to make it again
      if (process.env.FUZZ_LOG) appendFileSync(process.env.FUZZ_LOG, `${i}/${items.length} ${Math.round(o.ms)}ms exit ${o.code} ${o.name} ${problem(o) ?? 'ok'}\n`);
      return o;
    });
    const bad = results.map((o) => ({ o, why: problem(o) })).filter((x) => x.why);
    const codes = new Map<number | null, number>();
    for (const o of results) codes.set(o.code, (codes.get(o.code) ?? 0) + 1);
    const slowest = Math.max(...results.map((o) => o.ms));
    console.log(`fuzz cli cases run: ${results.length} (exit codes ${[...codes].map(([c, n]) => `${c}×${n}`).join(' ')}; slowest ${Math.round(slowest)} ms)`);
    for (const { o, why } of bad.slice(0, 20)) {
      console.log(`FAIL ${o.name}: ${why}\n  stderr: ${o.stderr.split('\n').slice(0, 6).join('\n          ')}`);
    }
    expect(bad.map((x) => `${x.o.name}: ${x.why}`)).toEqual([]);
  }, LONG ? 3_600_000 : 120_000);
});

// Reproductions of bugs found outside test/fuzz and the protocol folders this suite may fix. Each is expected to fail
// until its owner fixes it; vitest then reports the `.fails` test as failing, and the marker should be removed.
describe('known bugs found by fuzzing (owners: see each test)', () => {
  it('6000 nested Grouped AVPs in one TCP segment are audited without an internal error', async () => {
    const o = await audit({ name: 'diameter-nested-6000', bytes: diameterTcpCapture(nestedDiameter(6000)) }, join(dir, 'nested.pcapng'));
    expect(problem(o)).toBeUndefined();
  });

  it('the last message of a TCP stream left open is decoded, also when its command is unknown', async () => {
    // Credit-Control-Request (272) is not in the dictionary, so the framer holds the message until the stream ends;
    // MessagePipeline.end() calls framer.end() but keeps only its issues, not its messages. With FIN it is decoded.
    const file = join(dir, 'open-stream.pcapng');
    writeFileSync(file, diameterTcpCapture(nestedDiameter(2, 272), false));
    const open = await auditOnce({ name: 'open', bytes: new Uint8Array(0) }, file, 'decode');
    writeFileSync(file, diameterTcpCapture(nestedDiameter(2, 272), true));
    const closed = await auditOnce({ name: 'closed', bytes: new Uint8Array(0) }, file, 'decode');
    expect(closed.stdout).toContain('"commandCode":272');
    expect(open.stdout).toContain('"commandCode":272');
  });

  // long mode only (it takes the whole 10 s budget): the framer's O(n²) resync through the CLI; ~54 s on a 5.4 MB pcap
  (LONG ? it : it.skip)('60 000 one-octet segments of an out-of-sync stream finish in 10 s', async () => {
    const o = await audit({ name: 'diameter-resync-60000', bytes: diameterResyncCapture(60_000) }, join(dir, 'resync.pcap'));
    expect(problem(o)).toBeUndefined();
  }, 30_000);
});
