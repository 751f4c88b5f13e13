// Shared bench helpers: arguments, a flat-memory capture sink, and measuring a child process (wall time, peak RSS).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = path.join(ROOT, 'bench', 'out');
/** compiled tree to benchmark: dist/ here, or another build (MIP6_DIST=/path/to/dist) to compare before/after */
export const DIST_ROOT = process.env.MIP6_DIST ? path.resolve(process.env.MIP6_DIST) : path.join(ROOT, 'dist');
const DIST = path.join(DIST_ROOT, 'src');
/** the CLI of that build (its bin/ sits next to its dist/) */
export const CLI = path.join(DIST_ROOT, '..', 'bin', 'mip6-conform.js');

/** import a compiled module from dist/src (run `npx tsc -p .` first) */
export async function dist(rel) {
  const file = path.join(DIST, rel);
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build first with \`npx tsc -p .\``);
  return import(file);
}

/** --name value / --name=value / --flag; numbers accept 1e6, 1_000_000, 200k, 1M */
export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    const key = a.slice(2, eq > 0 ? eq : undefined);
    let val = eq > 0 ? a.slice(eq + 1) : argv[i + 1] && !argv[i + 1].startsWith('--') ? argv[++i] : true;
    out[key] = val;
  }
  return out;
}

export function count(v, dflt) {
  if (v === undefined || v === true) return dflt;
  const m = /^([\d._e+]+)([kKmM]?)$/.exec(String(v));
  if (!m) throw new Error(`not a count: ${v}`);
  const n = Number(m[1].replace(/_/g, '')) * (m[2].toLowerCase() === 'k' ? 1e3 : m[2].toLowerCase() === 'm' ? 1e6 : 1);
  return Math.round(n);
}

/**
 * A write sink for PcapngWriter that packs blocks into 4 MiB buffers and writes them synchronously: generating
 * millions of packets keeps memory flat (a WriteStream would queue every block without backpressure).
 */
export class FileSink {
  constructor(file) {
    this.fd = fs.openSync(file, 'w');
    this.buf = Buffer.allocUnsafe(4 << 20);
    this.n = 0;
    this.bytes = 0;
  }
  write(chunk) {
    if (chunk.length > this.buf.length - this.n) this.flush();
    if (chunk.length > this.buf.length) {
      fs.writeSync(this.fd, chunk);
    } else {
      this.buf.set(chunk, this.n);
      this.n += chunk.length;
    }
    this.bytes += chunk.length;
    return true;
  }
  flush() {
    let o = 0;
    while (o < this.n) o += fs.writeSync(this.fd, this.buf, o, this.n - o);
    this.n = 0;
  }
  end(cb) {
    this.flush();
    fs.closeSync(this.fd);
    cb?.();
  }
}

/**
 * A generated capture in bench/out, reused when it exists with the same name (the name carries the parameters).
 * `make(file)` writes it; a half-written file never survives (written to .tmp, then renamed).
 */
export async function cached(name, make, { fresh = false } = {}) {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, name);
  if (!fresh && fs.existsSync(file)) return { file, made: false, ms: 0 };
  const tmp = `${file}.tmp`;
  const t = performance.now();
  await make(tmp);
  fs.renameSync(tmp, file);
  return { file, made: true, ms: performance.now() - t };
}

const TIME = '/usr/bin/time';

/**
 * Run a command, stdout to /dev/null; wall time, CPU time (user + sys, from `/usr/bin/time -v`) and peak RSS
 * (from /usr/bin/time, else by polling /proc/<pid>/status VmHWM). Returns { ms, cpuMs?, rssKb, code, stderr }.
 */
export function measure(cmd, args, { env } = {}) {
  const useTime = fs.existsSync(TIME);
  const argv = useTime ? ['-v', cmd, ...args] : args;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(useTime ? TIME : cmd, argv, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let err = '';
    let hwm = 0;
    child.stderr.on('data', (d) => (err += d));
    const poll = useTime
      ? undefined
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwm = Math.max(hwm, Number(m[1]));
          } catch {
            /* exited */
          }
        }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (poll) clearInterval(poll);
      let rssKb = hwm;
      let wall = ms;
      let cpuMs;
      if (useTime) {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
        if (m) rssKb = Number(m[1]);
        const w = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(err);
        if (w) wall = ((Number(w[1] ?? 0) * 60 + Number(w[2])) * 60 + Number(w[3])) * 1000;
        const u = /User time \(seconds\): ([\d.]+)/.exec(err);
        const sy = /System time \(seconds\): ([\d.]+)/.exec(err);
        if (u && sy) cpuMs = (Number(u[1]) + Number(sy[1])) * 1000;
        const exit = /Exit status: (\d+)/.exec(err);
        if (exit) code = Number(exit[1]);
        err = err.replace(/\tCommand being timed:[\s\S]*$/, '');
      }
      resolve({ ms, cpuMs, rssKb, code, stderr: err.trim() });
    });
  });
}

/** our full audit of `file` (decode, transactions, every assertion, JSON report to /dev/null) */
export function runOurs(file, extra = []) {
  return measure(process.execPath, [CLI, 'audit', file, '--format', 'json', '-o', '/dev/null', '--quiet', ...extra]);
}

/** tshark dissecting every frame and printing one field */
export function runTshark(file) {
  return measure('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.number']);
}

export const fmt = {
  int: (n) => Math.round(n).toLocaleString('en-US'),
  mb: (kb) => `${(kb / 1024).toFixed(0)} MB`,
  s: (ms) => `${(ms / 1000).toFixed(2)} s`,
};

/**
 * Audit `file` with ours, then tshark, and print wall time, packets/s (by wall and by CPU time), peak RSS and the
 * ratio ours/tshark. Exit codes 0–3 from ours are run outcomes (ok, failed, tool error, nothing relevant);
 * only a crash or a usage error (4+) stops the bench.
 */
export async function compare(label, file, packets, { tshark = true, log = console.log, extra = [] } = {}) {
  const size = fs.statSync(file).size;
  log(`\n${label}: ${fmt.int(packets)} packets, ${(size / 1e6).toFixed(1)} MB (${path.relative(ROOT, file)})`);
  log(`  ${''.padEnd(13)} ${'wall'.padStart(9)}  ${'pkt/s wall'.padStart(11)}  ${'pkt/s CPU'.padStart(11)}  ${'peak RSS'.padStart(8)}`);
  const row = (name, r) =>
    log(
      `  ${name.padEnd(13)} ${fmt.s(r.ms).padStart(9)}  ${fmt.int((packets * 1000) / r.ms).padStart(11)}  ` +
        `${r.cpuMs ? fmt.int((packets * 1000) / r.cpuMs).padStart(11) : '-'.padStart(11)}  ${fmt.mb(r.rssKb).padStart(8)}`,
    );
  const summary = (r) => ({ ms: Math.round(r.ms), cpuMs: r.cpuMs, rssKb: r.rssKb, pps: Math.round((packets * 1000) / r.ms), ppsCpu: r.cpuMs ? Math.round((packets * 1000) / r.cpuMs) : undefined });
  const ours = await runOurs(file, extra);
  if (ours.code === null || ours.code > 3) throw new Error(`mip6-conform audit exited ${ours.code}: ${ours.stderr.slice(0, 2000)}`);
  row('mip6-conform', ours);
  const res = { label, packets, bytes: size, ours: summary(ours) };
  if (tshark) {
    const t = await runTshark(file);
    if (t.code !== 0) throw new Error(`tshark exited ${t.code}: ${t.stderr.slice(0, 2000)}`);
    row('tshark', t);
    res.tshark = summary(t);
    res.ratio = t.ms / ours.ms;
    res.ratioCpu = ours.cpuMs && t.cpuMs ? t.cpuMs / ours.cpuMs : undefined;
    log(`  ours/tshark   ${res.ratio.toFixed(2)}x packets/s by wall time${res.ratioCpu ? `, ${res.ratioCpu.toFixed(2)}x by CPU time` : ''}`);
  }
  return res;
}
