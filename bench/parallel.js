// Parallel audit across captures (src/pipeline/parallel.ts): K captures audited by one audit() call on one thread,
// then by auditParallel with 1, 2, … workers; prints wall time, speedup and whether the results are identical.
//   node bench/parallel.js [--captures K] [--packets N] [--kind mix|dhcpv6|diameter] [--workers 1,2]
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { cached, count, dist, DIST_ROOT, fmt, parseArgs } from './lib.js';

const untimed = (r) => ({ ...r, startedAt: 0, durationMs: 0 });

export async function runParallelBench(args = {}) {
  const K = count(args.captures, 4);
  const N = count(args.packets === true ? undefined : args['parallel-packets'] ?? args.packets, 10_000);
  const kind = typeof args.kind === 'string' ? args.kind : 'mix';
  const lanes = typeof args.workers === 'string' ? args.workers.split(',').map(Number) : [1, 2];
  const { generate } = await import(`./gen/${kind}.js`);
  const files = [];
  let packets = 0;
  for (let k = 0; k < K; k++) {
    // different sizes, so the captures differ
    const n = N + k * 16;
    let made = 0;
    const c = await cached(`${kind}-${n}.pcapng`, async (f) => {
      const r = await generate(f, n);
      made = typeof r === 'number' ? r : r.packets;
    });
    packets += made || n;
    files.push(c.file);
  }
  const { audit } = await dist('pipeline/audit.js');
  const { auditParallel } = await dist('pipeline/parallel.js');
  const { PROTOCOLS } = await dist('proto/index.js');
  const { resolveSettings } = await dist('assert/profiles.js');
  const { CATALOGUE } = await import(path.join(DIST_ROOT, 'suites', 'index.js'));
  const opts = { settings: resolveSettings([]), profiles: ['default'], assertions: CATALOGUE, modules: PROTOCOLS, failOn: 'must' };

  console.log(`\nparallel audit: ${K} ${kind} captures of ~${fmt.int(N)} packets (${fmt.int(packets)} in all), ${os.availableParallelism()} cores`);
  let t = performance.now();
  const serial = await audit(files, opts);
  const serialMs = performance.now() - t;
  console.log(`  one thread      ${fmt.s(serialMs).padStart(9)}  ${fmt.int((packets * 1000) / serialMs).padStart(9)} pkt/s`);
  const out = { label: 'parallel', kind, captures: K, packets, serialMs: Math.round(serialMs), runs: [] };
  for (const w of lanes) {
    t = performance.now();
    const par = await auditParallel(files, { ...opts, workers: w });
    const ms = performance.now() - t;
    const same = isDeepStrictEqual(untimed(par), untimed(serial));
    console.log(
      `  ${`${w} worker${w > 1 ? 's' : ''}`.padEnd(15)} ${fmt.s(ms).padStart(9)}  ${fmt.int((packets * 1000) / ms).padStart(9)} pkt/s` +
        `  speedup ${(serialMs / ms).toFixed(2)}x  result ${same ? 'identical' : 'DIFFERENT'}`,
    );
    out.runs.push({ workers: w, ms: Math.round(ms), speedup: serialMs / ms, identical: same });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await runParallelBench(parseArgs(process.argv.slice(2)));
