// Parent side of src/probe/agent.ts: runs the agent inside a network namespace (`ip netns exec NS node agent.js`)
// and exposes its sockets as UdpSocket (transport/udp.ts), so a scenario does not care where a socket lives.
// Every datagram the agent reports goes to the Recorder's tap with its timestamp mapped from CLOCK_MONOTONIC (shared
// by all processes on the host) to the parent's wall clock, so frames from several namespaces order correctly.
// The agent is stopped by its PID only: {"op":"exit"}, then SIGTERM, then SIGKILL; a process-exit hook kills leftovers.
import { collectWithin, wakeableSleep } from './transport/wait.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ProbeTargetError } from '../util/errors.js';
import { openUdp, type Datagram, type UdpReceive, type UdpSocket } from './transport/udp.js';
import type { Endpoint, NetError, SendResult, Tap } from './transport/types.js';
import { nowNs } from './transport/types.js';

export interface AgentOptions {
  netns: string;
  tap?: Tap;
  /** the agent exits by itself after this long (default 300 s) */
  maxMs?: number;
  startTimeoutMs?: number;
}

export interface AgentBind {
  /** an address, or 'link-local' (the agent looks up iface's fe80:: address) */
  addr: string;
  port: number;
  iface?: string;
  join?: string[];
  hopLimit?: number;
}

type AgentEvent = Record<string, unknown> & { ev: string };

const live = new Set<ChildProcess>();
let hooked = false;
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Path of a runnable agent: dist's agent.js next to this file, else src/probe/agent.ts transpiled once to a temp dir. */
export async function agentScript(): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const built = path.join(here, 'agent.js');
  if (fs.existsSync(built)) return built;
  const src = path.join(here, 'agent.ts');
  const text = fs.readFileSync(src, 'utf8');
  const dir = path.join(os.tmpdir(), `mip6-conform-agent-${createHash('sha256').update(text).digest('hex').slice(0, 12)}`);
  const out = path.join(dir, 'agent.mjs');
  if (fs.existsSync(out)) return out;
  const ts = (await import('typescript')).default;
  const js = ts.transpileModule(text, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(`${out}.${process.pid}`, js);
  fs.renameSync(`${out}.${process.pid}`, out);
  return out;
}

export class UdpAgent {
  private readonly listeners = new Set<(e: AgentEvent) => void>();
  private readonly socks = new Map<string, RemoteUdp>();
  private exited = false;
  private readonly exitP: Promise<void>;
  private n = 0;
  /** CLOCK_MONOTONIC ns → epoch ns */
  private readonly monoToWall = nowNs() - process.hrtime.bigint();
  /** stderr tail, for error messages */
  private err = '';

  private constructor(
    private readonly child: ChildProcess,
    readonly netns: string,
    private readonly tap: Tap | undefined,
  ) {
    this.exitP = new Promise((r) => child.once('exit', () => {
      this.exited = true;
      live.delete(child);
      for (const s of this.socks.values()) s.wake();
      r();
    }));
    readline.createInterface({ input: child.stdout! }).on('line', (l) => this.onLine(l));
    child.stderr!.on('data', (b: Buffer) => (this.err = (this.err + b.toString()).slice(-2000)));
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Spawn the agent in `netns` and wait for its ready line. Throws ProbeTargetError when it cannot start. */
  static async start(o: AgentOptions): Promise<UdpAgent> {
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(o.netns)) throw new ProbeTargetError(`netns '${o.netns}': not a namespace name`);
    const script = await agentScript();
    const child = spawn('ip', ['netns', 'exec', o.netns, process.execPath, script, '--max-ms', String(o.maxMs ?? 300_000)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    live.add(child);
    if (!hooked) {
      hooked = true;
      process.on('exit', () => {
        for (const c of live) c.kill('SIGKILL');
      });
    }
    const a = new UdpAgent(child, o.netns, o.tap);
    const ready = await a.waitFor((e) => e.ev === 'ready', o.startTimeoutMs ?? 10_000);
    if (!ready) {
      await a.stop();
      throw new ProbeTargetError(`udp agent in netns ${o.netns} did not start: ${a.err.trim() || 'no output'}`);
    }
    return a;
  }

  private onLine(line: string): void {
    let e: AgentEvent;
    try {
      e = JSON.parse(line) as AgentEvent;
    } catch {
      return;
    }
    if (e.ev === 'sent' || e.ev === 'received') this.onDatagram(e);
    for (const l of [...this.listeners]) l(e);
  }

  private onDatagram(e: AgentEvent): void {
    const tsNs = BigInt(String(e.mono)) + this.monoToWall;
    const payload = new Uint8Array(Buffer.from(String(e.hex), 'hex'));
    const src = e.src as Endpoint;
    const dst = e.dst as Endpoint;
    const dir = e.ev === 'sent' ? 'out' : 'in';
    this.tap?.({ type: 'datagram', dir, tsNs, src, dst, payload, ...(e.truncated ? { truncated: true } : {}) });
    if (dir === 'in') this.socks.get(String(e.sock))?.push({ kind: 'datagram', data: payload, from: src, tsNs });
  }

  /** first event matching `pred` within ms, or undefined (also when the agent exits) */
  waitFor(pred: (e: AgentEvent) => boolean, ms: number): Promise<AgentEvent | undefined> {
    return new Promise((resolve) => {
      const done = (e: AgentEvent | undefined): void => {
        clearTimeout(t);
        this.listeners.delete(l);
        resolve(e);
      };
      const l = (e: AgentEvent): void => {
        if (pred(e)) done(e);
      };
      const t = setTimeout(() => done(undefined), ms);
      this.listeners.add(l);
      void this.exitP.then(() => done(undefined));
    });
  }

  command(c: Record<string, unknown>): void {
    if (!this.exited && this.child.stdin?.writable) this.child.stdin.write(`${JSON.stringify(c)}\n`);
  }

  /** open a UDP socket inside the namespace */
  async openUdp(b: AgentBind, timeoutMs = 5000): Promise<UdpSocket | NetError> {
    const id = `s${++this.n}`;
    const p = this.waitFor((e) => e.sock === id && (e.ev === 'bound' || (e.ev === 'error' && e.op === 'bind')), timeoutMs);
    this.command({ op: 'bind', sock: id, ...b });
    const e = await p;
    if (!e) return { kind: 'error', code: 'ETIMEDOUT', message: `agent in ${this.netns}: no answer to bind ${b.addr}:${b.port}` };
    if (e.ev === 'error') return { kind: 'error', code: String(e.code), message: `${this.netns}: ${String(e.message)}` };
    const s = new RemoteUdp(this, id, { addr: String(e.addr), port: Number(e.port) });
    this.socks.set(id, s);
    return s;
  }

  /** ask the agent to exit, then SIGTERM / SIGKILL its PID; idempotent */
  async stop(): Promise<void> {
    if (this.exited) return;
    this.command({ op: 'exit' });
    this.child.stdin?.end();
    if (await Promise.race([this.exitP.then(() => true), sleep(1000).then(() => false)])) return;
    this.child.kill('SIGTERM');
    if (await Promise.race([this.exitP.then(() => true), sleep(1000).then(() => false)])) return;
    this.child.kill('SIGKILL');
    await Promise.race([this.exitP, sleep(2000)]);
  }

  get running(): boolean {
    return !this.exited;
  }
}

/** A socket living in the agent; same queue semantics as transport/udp.ts. */
class RemoteUdp implements UdpSocket {
  readonly kind = 'udp' as const;
  dropped = 0;
  private readonly queue: Datagram[] = [];
  private waiter: (() => void) | null = null;
  private closed = false;

  constructor(
    private readonly agent: UdpAgent,
    private readonly id: string,
    readonly local: Endpoint,
  ) {}

  push(d: Datagram): void {
    if (this.closed) return;
    if (this.queue.length >= 256) {
      this.dropped++;
      return;
    }
    this.queue.push(d);
    this.wake();
  }

  wake(): void {
    const w = this.waiter;
    this.waiter = null;
    w?.();
  }

  async send(data: Uint8Array, to: Endpoint): Promise<SendResult> {
    if (this.closed) throw new Error('udp agent: send on a closed socket');
    const hex = Buffer.from(data).toString('hex');
    const p = this.agent.waitFor((e) => e.sock === this.id && ((e.ev === 'sent' && e.hex === hex) || (e.ev === 'error' && e.op === 'send')), 5000);
    this.agent.command({ op: 'send', sock: this.id, to, hex });
    const e = await p;
    if (!e) return { kind: 'error', code: 'ETIMEDOUT', message: `agent in ${this.agent.netns}: no report of the send` };
    if (e.ev === 'error') return { kind: 'error', code: String(e.code), message: String(e.message) };
    return { kind: 'sent', bytes: data.length };
  }

  async receive(timeoutMs: number, match?: (d: Datagram) => boolean): Promise<UdpReceive> {
    const start = performance.now();
    for (;;) {
      const i = match ? this.queue.findIndex(match) : this.queue.length ? 0 : -1;
      if (i >= 0) return this.queue.splice(i, 1)[0]!;
      const left = timeoutMs - (performance.now() - start);
      if (this.closed || !this.agent.running || left <= 0) return { kind: 'timeout', afterMs: Math.round(performance.now() - start) };
      await wakeableSleep(left, (w) => (this.waiter = w));
    }
  }

  collect(windowMs: number, match?: (d: Datagram) => boolean): Promise<Datagram[]> {
    return collectWithin((t, m) => this.receive(t, m), windowMs, match);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.agent.command({ op: 'close', sock: this.id });
    this.wake();
  }
}

/** the link-local address of an interface in this namespace, with its scope ("fe80::1%eth0"), or undefined */
export function linkLocalOf(iface: string): string | undefined {
  const a = (os.networkInterfaces()[iface] ?? []).find((x) => x.family === 'IPv6' && x.address.toLowerCase().startsWith('fe80:'));
  return a ? `${a.address.split('%')[0]}%${iface}` : undefined;
}

/**
 * Sockets of one probe run, each here or inside a namespace (one agent per namespace, started on first use).
 * close() closes every socket and stops every agent by PID; call it in a finally.
 */
export class ProbeSockets {
  private readonly agents = new Map<string, Promise<UdpAgent>>();
  private readonly open_: UdpSocket[] = [];

  /** `maxMs` bounds each agent's lifetime (it exits by itself after that, whatever the parent does) */
  constructor(
    private readonly tap: Tap,
    private readonly maxMs = 300_000,
  ) {}

  async open(netns: string | undefined, b: AgentBind): Promise<UdpSocket | NetError> {
    let r: UdpSocket | NetError;
    if (netns) {
      let a = this.agents.get(netns);
      if (!a) {
        a = UdpAgent.start({ netns, tap: this.tap, maxMs: this.maxMs });
        this.agents.set(netns, a);
      }
      r = await (await a).openUdp(b);
    } else {
      const addr = b.addr === 'link-local' ? (b.iface ? linkLocalOf(b.iface) : undefined) : b.addr;
      if (!addr) return { kind: 'error', code: 'ENOLINKLOCAL', message: `no link-local address on ${b.iface ?? '(no interface)'}` };
      r = await openUdp({
        bind: addr, port: b.port, family: 6, tap: this.tap,
        ...(b.iface ? { iface: b.iface } : {}), ...(b.join ? { join: b.join } : {}), ...(b.hopLimit !== undefined ? { hopLimit: b.hopLimit } : {}),
      });
    }
    if (r.kind === 'udp') this.open_.push(r);
    return r;
  }

  /** PIDs of the running agents (for tests and reports) */
  async pids(): Promise<number[]> {
    const out: number[] = [];
    for (const a of this.agents.values()) out.push((await a.catch(() => undefined))?.pid ?? -1);
    return out.filter((p) => p > 0);
  }

  async close(): Promise<void> {
    await Promise.all(this.open_.splice(0).map((s) => s.close()));
    const agents = [...this.agents.values()];
    this.agents.clear();
    await Promise.all(agents.map(async (p) => (await p.catch(() => undefined))?.stop()));
  }
}
