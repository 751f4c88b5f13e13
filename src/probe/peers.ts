// Lifecycle of the real third-party peers (Kea DHCPv6, ISC / WIDE DHCPv6 relays, freeDiameter) for tests
// and the README's try-it commands. The command lines live in scripts/peers/*.sh (`run` execs the daemon,
// so the PID we spawn is the daemon's); this module spawns them, waits until they listen, and stops them
// by that PID only (SIGTERM, then SIGKILL). Listeners are on loopback or in namespaces we create (m6*).
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Mip6Error, PeerMissingError } from '../util/errors.js';
import { fromRoot } from '../util/paths.js';

export type PeerName = 'kea' | 'isc-relay' | 'wide-relay' | 'freediameter';

export class PeerStartError extends Mip6Error {
  override name = 'PeerStartError';
  readonly code = 'M6_ERR_PEER_START';
}

const BINARIES: Record<PeerName, string[]> = {
  kea: ['kea-dhcp6', 'ss'],
  'isc-relay': ['dhcrelay', 'ip', 'ss'],
  'wide-relay': ['dhcp6relay', 'ip', 'ss'],
  freediameter: ['freeDiameterd', 'ip', 'ss', 'openssl'],
};

const EXTRA_PATH = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

/** absolute path of an executable on PATH (plus the sbin dirs), or null */
export function findBinary(name: string): string | null {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), ...EXTRA_PATH];
  for (const d of dirs) {
    if (!d) continue;
    const p = path.join(d, name);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      /* next */
    }
  }
  return null;
}

/** why a peer cannot run here (missing binary, not root), or null when it can */
export function peerMissing(name: PeerName): string | null {
  const missing = BINARIES[name].filter((b) => !findBinary(b));
  if (missing.length) return `missing ${missing.join(', ')} (scripts/install-peers.sh installs them)`;
  // port 547/3868 and network namespaces need root
  if (process.getuid?.() !== 0) return 'needs root (privileged ports, network namespaces)';
  return null;
}

export function peerAvailable(name: PeerName): boolean {
  return peerMissing(name) === null;
}

/**
 * For tests: true when the peer can run. When it cannot, throws under CI (process.env.CI set: a missing
 * peer fails the build) and otherwise returns false so the test can skip.
 */
export function requirePeer(name: PeerName): boolean {
  const why = peerMissing(name);
  if (!why) return true;
  if (process.env.CI) throw new PeerMissingError(`peer ${name}: ${why}`);
  return false;
}

export interface RunningPeer {
  pid: number;
  stateDir: string;
  logFile: string;
  /** SIGTERM, SIGKILL after the grace period, then namespace cleanup; idempotent */
  stop(): Promise<void>;
}

/** The fixed relay topology built by scripts/peers/netns-relay.sh. */
export const RELAY_NET = {
  client: { netns: 'm6cli', iface: 'm6c0', addr: 'fd00:1::2' },
  relayLower: { netns: 'm6rly', iface: 'm6r0', addr: 'fd00:1::1' },
  relayUpper: { netns: 'm6rly', iface: 'm6r1', addr: 'fd00:2::1' },
  server: { netns: 'm6srv', iface: 'm6s0', addr: 'fd00:2::2', port: 547 },
  /** All_DHCP_Relay_Agents_and_Servers (RFC 8415 §7.1) */
  multicast: 'ff02::1:2',
} as const;
export const RELAY_NAMESPACES = ['m6cli', 'm6rly', 'm6srv'] as const;

export const AAA_NET = {
  netns: 'm6aaa',
  /** reach freeDiameter from the root namespace */
  addr: 'fd00:3::2',
  /** the root-namespace end of the veth */
  localAddr: 'fd00:3::1',
  port: 3868,
  identity: 'aaa.test.realm',
  realm: 'test.realm',
  /** the tester's Origin-Host must match acl_wl.conf */
  testerHost: 'tester.test.realm',
} as const;

export interface KeaOptions {
  mode: 'loopback' | 'netns';
  /** 'rfc6610' (default: option 49 = bare FQDN), 'hiopt' (record [uint8, fqdn], loopback only), or a config path */
  config?: 'rfc6610' | 'hiopt' | string;
  /** server port (Kea -p); default 547 */
  port?: number;
  stateDir?: string;
  timeoutMs?: number;
}

export interface KeaPeer extends RunningPeer {
  mode: 'loopback' | 'netns';
  config: string;
  /** where Kea listens: '::1' (loopback) or fd00:2::2 in m6srv (netns) */
  addr: string;
  port: number;
  netns?: string;
  iface?: string;
}

export interface RelayOptions {
  impl: 'isc' | 'wide';
  /** extra relay arguments, e.g. ['-I'] (ISC: always send Interface-ID) */
  args?: string[];
  stateDir?: string;
  timeoutMs?: number;
}

export interface RelayPeer extends RunningPeer {
  impl: 'isc' | 'wide';
  netns: 'm6rly';
  net: typeof RELAY_NET;
}

export interface FreeDiameterOptions {
  /** start with NoRelay (CER without Relay gets 5010) */
  noRelay?: boolean;
  /** skip the dbg_msg_dumps extension (quieter log) */
  noDumps?: boolean;
  stateDir?: string;
  timeoutMs?: number;
}

export interface FreeDiameterPeer extends RunningPeer {
  netns: 'm6aaa';
  addr: string;
  port: number;
  identity: string;
  realm: string;
}

const STATE_ROOT = '/tmp/mip6-peers';
const script = (...p: string[]): string => fromRoot('scripts', 'peers', ...p);

// ---- process bookkeeping -----------------------------------------------------------------------

const live = new Map<number, ChildProcess>();
const ownedNetns = new Map<string, { refs: number; down: string[] }>();
let exitHook = false;

function onExit(): void {
  for (const pid of live.keys()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  for (const { down } of ownedNetns.values()) {
    try {
      execFileSync('bash', down, { stdio: 'ignore', timeout: 5000 });
    } catch {
      /* best effort */
    }
  }
}

function run(cmd: string, args: string[], timeoutMs = 10_000): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, out: `${stdout}${stderr}` });
    });
  });
}

async function netnsList(): Promise<Set<string>> {
  const r = await run('ip', ['netns', 'list']);
  return new Set(r.out.split('\n').map((l) => l.split(' ')[0] ?? '').filter(Boolean));
}

/** bring a set of namespaces up through a script, counting in-process users; only their creator tears them down */
async function acquireNetns(key: string, names: readonly string[], up: string[], down: string[]): Promise<void> {
  const owned = ownedNetns.get(key);
  if (owned) {
    owned.refs++;
    return;
  }
  const before = await netnsList();
  const existed = names.every((n) => before.has(n));
  const r = await run('bash', up, 20_000);
  if (r.code !== 0) throw new PeerStartError(`${up.join(' ')} failed: ${r.out.trim()}`);
  if (!existed) ownedNetns.set(key, { refs: 1, down });
}

async function releaseNetns(key: string): Promise<void> {
  const owned = ownedNetns.get(key);
  if (!owned || --owned.refs > 0) return;
  ownedNetns.delete(key);
  const r = await run('bash', owned.down, 20_000);
  if (r.code !== 0) throw new PeerStartError(`${owned.down.join(' ')} failed: ${r.out.trim()}`);
}

/** is `pid` listening on `port` (udp/tcp), seen from namespace `ns` */
export async function listening(proto: 'udp' | 'tcp', port: number, pid: number, ns?: string): Promise<boolean> {
  const ss = ['ss', '-Hlnp', proto === 'udp' ? '-u' : '-t', `sport = :${port}`];
  const r = ns ? await run('ip', ['netns', 'exec', ns, ...ss]) : await run(ss[0]!, ss.slice(1));
  return r.out.includes(`pid=${pid},`);
}

/** true while the process exists and is not a zombie */
export function pidAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Launched {
  child: ChildProcess;
  pid: number;
  logFile: string;
  exited: Promise<void>;
}

/** spawn `bash script args` (which execs the daemon), log to stateDir/logName, wait for ready() */
/** launch(), and on failure give back what the caller acquired (namespaces) before passing the error on */
async function launchOr(release: () => Promise<void>, ...a: Parameters<typeof launch>): Promise<Launched> {
  try {
    return await launch(...a);
  } catch (e) {
    await release();
    throw e;
  }
}

async function launch(args: string[], stateDir: string, logName: string, ready: (pid: number) => Promise<boolean>, timeoutMs: number): Promise<Launched> {
  fs.mkdirSync(stateDir, { recursive: true });
  const logFile = path.join(stateDir, logName);
  const fd = fs.openSync(logFile, 'w');
  let child: ChildProcess;
  try {
    child = spawn('bash', args, { stdio: ['ignore', fd, fd] });
  } finally {
    fs.closeSync(fd);
  }
  const pid = child.pid;
  if (pid === undefined) throw new PeerStartError(`could not spawn bash ${args.join(' ')}`);
  if (!exitHook) {
    process.on('exit', onExit);
    exitHook = true;
  }
  live.set(pid, child);
  let exited = false;
  const exitedP = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      live.delete(pid);
      resolve();
    });
  });
  const l: Launched = { child, pid, logFile, exited: exitedP };
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    if (exited) throw new PeerStartError(`${args[0]} exited before it was ready; log ${logFile}:\n${tail(logFile)}`);
    if (await ready(pid)) return l;
    if (performance.now() > deadline) {
      await kill(l, 1000);
      throw new PeerStartError(`${args[0]} not ready after ${timeoutMs} ms; log ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(100);
  }
}

function tail(file: string, lines = 8): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** stop by PID: SIGTERM, wait `graceMs`, SIGKILL, wait for the exit to be reaped */
async function kill(l: Launched, graceMs: number): Promise<void> {
  if (l.child.exitCode !== null || l.child.signalCode !== null) return;
  const waitExit = (ms: number): Promise<boolean> => Promise.race([l.exited.then(() => true), sleep(ms).then(() => false)]);
  l.child.kill('SIGTERM');
  if (await waitExit(graceMs)) return;
  l.child.kill('SIGKILL');
  await waitExit(5000);
}

function stopper(l: Launched, pidFile: string, after: () => Promise<void>, graceMs = 3000): () => Promise<void> {
  let p: Promise<void> | null = null;
  return () =>
    (p ??= (async () => {
      try {
        await kill(l, graceMs);
        fs.rmSync(pidFile, { force: true });
      } finally {
        await after();
      }
    })());
}

// ---- peers -------------------------------------------------------------------------------------

const RELAY_KEY = 'relay';
const relayUp = (stateDir: string): string[] => [script('netns-relay.sh'), 'up', '--state', stateDir];
const relayDown = (stateDir: string): string[] => [script('netns-relay.sh'), 'down', '--state', stateDir];

/** Start kea-dhcp6: on [::1] (loopback) or on m6s0 / fd00:2::2 inside m6srv (netns; builds the topology). */
export async function startKea(opts: KeaOptions): Promise<KeaPeer> {
  const netns = opts.mode === 'netns';
  const stateDir = opts.stateDir ?? path.join(STATE_ROOT, netns ? 'kea-netns' : 'kea');
  const config =
    opts.config === undefined || opts.config === 'rfc6610'
      ? script(netns ? 'kea6-netns.json' : 'kea6.json')
      : opts.config === 'hiopt'
        ? script('kea6-hiopt.json')
        : path.resolve(opts.config);
  if (netns && opts.config === 'hiopt') throw new Error('startKea: the hiopt config is loopback only; pass a config path');
  const port = opts.port ?? 547;
  const relayState = path.join(STATE_ROOT, 'netns-relay');
  if (netns) await acquireNetns(RELAY_KEY, RELAY_NAMESPACES, relayUp(relayState), relayDown(relayState));
  const release = netns ? () => releaseNetns(RELAY_KEY) : () => Promise.resolve();
  const args = [script('kea.sh'), 'run', '--config', config, '--state', stateDir, ...(netns ? ['--netns'] : []), '--', '-p', String(port)];
  const l = await launchOr(release, args, stateDir, 'kea.log', (pid) => listening('udp', port, pid, netns ? RELAY_NET.server.netns : undefined), opts.timeoutMs ?? 15_000);
  return {
    pid: l.pid,
    stateDir,
    logFile: l.logFile,
    mode: opts.mode,
    config,
    addr: netns ? RELAY_NET.server.addr : '::1',
    port,
    ...(netns ? { netns: RELAY_NET.server.netns, iface: RELAY_NET.server.iface } : {}),
    stop: stopper(l, path.join(stateDir, 'kea.pid'), release),
  };
}

/** Build the m6cli / m6rly / m6srv topology (when absent) and start a relay in m6rly. */
export async function startRelay(opts: RelayOptions): Promise<RelayPeer> {
  const stateDir = opts.stateDir ?? path.join(STATE_ROOT, 'netns-relay');
  await acquireNetns(RELAY_KEY, RELAY_NAMESPACES, relayUp(stateDir), relayDown(stateDir));
  const release = (): Promise<void> => releaseNetns(RELAY_KEY);
  const name = opts.impl === 'isc' ? 'dhcrelay6' : 'dhcp6relay';
  const args = [script('netns-relay.sh'), `relay-${opts.impl}`, 'run', '--state', stateDir, '--', ...(opts.args ?? [])];
  const l = await launchOr(release, args, stateDir, `${name}.log`, (pid) => listening('udp', 547, pid, 'm6rly'), opts.timeoutMs ?? 10_000);
  return {
    pid: l.pid,
    stateDir,
    logFile: l.logFile,
    impl: opts.impl,
    netns: 'm6rly',
    net: RELAY_NET,
    stop: stopper(l, path.join(stateDir, `${name}.pid`), release),
  };
}

/** Start freeDiameterd inside m6aaa (built when absent); reach it at [fd00:3::2]:3868. */
export async function startFreeDiameter(opts: FreeDiameterOptions = {}): Promise<FreeDiameterPeer> {
  const stateDir = opts.stateDir ?? path.join(STATE_ROOT, 'freediameter');
  const key = 'aaa';
  await acquireNetns(key, [AAA_NET.netns], [script('freediameter', 'netns.sh'), 'up'], [script('freediameter', 'netns.sh'), 'down']);
  const release = (): Promise<void> => releaseNetns(key);
  const args = [script('freediameter', 'fd.sh'), 'run', '--state', stateDir, ...(opts.noRelay ? ['--norelay'] : []), ...(opts.noDumps ? ['--no-dumps'] : [])];
  const l = await launchOr(release, args, stateDir, 'freediameter.log', (pid) => listening('tcp', AAA_NET.port, pid, AAA_NET.netns), opts.timeoutMs ?? 20_000);
  return {
    pid: l.pid,
    stateDir,
    logFile: l.logFile,
    netns: AAA_NET.netns,
    addr: AAA_NET.addr,
    port: AAA_NET.port,
    identity: AAA_NET.identity,
    realm: AAA_NET.realm,
    stop: stopper(l, path.join(stateDir, 'freediameter.pid'), release),
  };
}

/** argv to run a command inside one of our namespaces (e.g. the tester as a client in m6cli) */
export function inNetns(ns: string, argv: string[]): string[] {
  if (!/^m6[a-z0-9]+$/.test(ns)) throw new Error(`inNetns: ${ns} is not one of ours`);
  return ['ip', 'netns', 'exec', ns, ...argv];
}
