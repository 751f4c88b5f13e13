// A small UDP agent for probes that need a socket inside a network namespace (Node cannot enter one):
//   ip netns exec NS node dist/src/probe/agent.js [--max-ms N]
// JSON lines on stdin (commands) and stdout (events). It only opens the sockets it is told to, reports every
// datagram it sends or receives with a CLOCK_MONOTONIC timestamp (the parent maps it to wall time), and is bounded:
// at most MAX_SOCKETS sockets, MAX_EVENTS datagram reports, MAX_LINE bytes per command, and a lifetime cap.
// It exits when stdin closes, on {"op":"exit"}, or when the lifetime runs out. Self-contained: node: imports only.
//
// Commands: {"op":"bind","sock":ID,"addr":ADDR|"link-local","port":N,"iface"?:IF,"join"?:[GROUP],"hopLimit"?:N}
//           {"op":"send","sock":ID,"to":{"addr":A,"port":N},"hex":H}   {"op":"close","sock":ID}   {"op":"exit"}
// Events:   ready {pid}  bound {sock,addr,port}  sent|received {sock,mono,src,dst,hex,truncated?}
//           error {sock?,op,code,message}  limit {what}
import dgram from 'node:dgram';
import os from 'node:os';
import readline from 'node:readline';

const MAX_SOCKETS = 8;
const MAX_EVENTS = 5000;
const MAX_LINE = 256 * 1024;
const MAX_DATAGRAM = 65535;

interface Addr {
  addr: string;
  port: number;
}
interface Sock {
  s: dgram.Socket;
  local: Addr;
}

const socks = new Map<string, Sock>();
let events = 0;
let ending = false;

function emit(o: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(o)}\n`);
}

const plain = (a: string): string => a.split('%')[0] ?? a;
const errOf = (e: unknown): { code: string; message: string } => {
  const x = e as NodeJS.ErrnoException;
  return { code: x?.code ?? 'EUNKNOWN', message: x?.message ?? String(e) };
};

/** the link-local address of an interface, with its scope ("fe80::1%m6c0"), or undefined */
function linkLocalOf(iface: string): string | undefined {
  const a = (os.networkInterfaces()[iface] ?? []).find((x) => x.family === 'IPv6' && x.address.toLowerCase().startsWith('fe80:'));
  return a ? `${a.address.split('%')[0]}%${iface}` : undefined;
}

function report(type: 'sent' | 'received', sock: string, src: Addr, dst: Addr, data: Uint8Array, truncated = false, mono = process.hrtime.bigint()): void {
  if (events >= MAX_EVENTS) {
    if (events++ === MAX_EVENTS) emit({ ev: 'limit', what: `more than ${MAX_EVENTS} datagrams; further ones not reported` });
    return;
  }
  events++;
  emit({ ev: type, sock, mono: mono.toString(), src, dst, hex: Buffer.from(data).toString('hex'), ...(truncated ? { truncated } : {}) });
}

function bind(c: { sock: string; addr: string; port: number; iface?: string; join?: string[]; hopLimit?: number }): void {
  if (socks.has(c.sock)) return emit({ ev: 'error', sock: c.sock, op: 'bind', code: 'EEXIST', message: 'socket id in use' });
  if (socks.size >= MAX_SOCKETS) return emit({ ev: 'error', sock: c.sock, op: 'bind', code: 'ELIMIT', message: `at most ${MAX_SOCKETS} sockets` });
  let addr = c.addr;
  if (addr === 'link-local') {
    const ll = c.iface ? linkLocalOf(c.iface) : undefined;
    if (!ll) return emit({ ev: 'error', sock: c.sock, op: 'bind', code: 'ENOLINKLOCAL', message: `no link-local address on ${c.iface ?? '(no interface)'}` });
    addr = ll;
  }
  const s = dgram.createSocket({ type: 'udp6', reuseAddr: false });
  s.once('error', (e) => {
    s.close();
    emit({ ev: 'error', sock: c.sock, op: 'bind', ...errOf(e) });
  });
  s.bind({ address: addr, port: c.port, exclusive: true }, () => {
    s.removeAllListeners('error');
    try {
      if (c.iface) s.setMulticastInterface(`::%${c.iface}`);
      if (c.hopLimit !== undefined) {
        s.setTTL(c.hopLimit);
        s.setMulticastTTL(c.hopLimit);
      }
      for (const g of c.join ?? []) s.addMembership(g, c.iface ? `::%${c.iface}` : undefined);
    } catch (e) {
      s.close();
      return emit({ ev: 'error', sock: c.sock, op: 'bind', ...errOf(e) });
    }
    const local = { addr: plain(s.address().address), port: s.address().port };
    socks.set(c.sock, { s, local });
    s.on('message', (m, r) => report('received', c.sock, { addr: plain(r.address), port: r.port }, local, m.subarray(0, MAX_DATAGRAM), m.length > MAX_DATAGRAM));
    s.on('error', (e) => emit({ ev: 'error', sock: c.sock, op: 'socket', ...errOf(e) }));
    emit({ ev: 'bound', sock: c.sock, ...local });
  });
}

function send(c: { sock: string; to: Addr; hex: string }): void {
  const k = socks.get(c.sock);
  if (!k) return emit({ ev: 'error', sock: c.sock, op: 'send', code: 'ENOSOCK', message: 'no such socket' });
  const data = Buffer.from(c.hex, 'hex');
  const mono = process.hrtime.bigint(); // before the send, as transport/udp.ts does: the answer cannot precede it
  k.s.send(data, c.to.port, c.to.addr, (e) => {
    if (e) return emit({ ev: 'error', sock: c.sock, op: 'send', ...errOf(e) });
    report('sent', c.sock, k.local, { addr: plain(c.to.addr), port: c.to.port }, data, false, mono);
  });
}

function end(code = 0): void {
  if (ending) return;
  ending = true;
  for (const k of socks.values()) k.s.close();
  socks.clear();
  // let stdout drain, then go
  process.stdout.write('', () => process.exit(code));
}

function onLine(line: string): void {
  if (line.length > MAX_LINE) return emit({ ev: 'error', op: 'parse', code: 'ETOOLONG', message: 'command line too long' });
  let c: Record<string, unknown>;
  try {
    c = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return emit({ ev: 'error', op: 'parse', code: 'EJSON', message: 'not JSON' });
  }
  try {
    if (c.op === 'bind') bind(c as never);
    else if (c.op === 'send') send(c as never);
    else if (c.op === 'close') {
      socks.get(String(c.sock))?.s.close();
      socks.delete(String(c.sock));
    } else if (c.op === 'exit') end(0);
    else emit({ ev: 'error', op: String(c.op), code: 'EOP', message: 'unknown op' });
  } catch (e) {
    emit({ ev: 'error', op: String(c.op), ...errOf(e) });
  }
}

function main(): void {
  const i = process.argv.indexOf('--max-ms');
  const maxMs = i > 0 ? Number(process.argv[i + 1]) : 300_000;
  setTimeout(() => {
    emit({ ev: 'limit', what: `lifetime of ${maxMs} ms reached` });
    end(3);
  }, Number.isFinite(maxMs) && maxMs > 0 ? maxMs : 300_000).unref();
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', onLine);
  rl.on('close', () => end(0));
  process.on('SIGTERM', () => end(0));
  emit({ ev: 'ready', pid: process.pid });
}

if (process.argv[1] && /agent(\.[cm]?js)?$/.test(process.argv[1])) main();
