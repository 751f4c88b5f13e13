// `serve`: the reference implementation of the RFC 6611 integrated scenario on loopback (or given addresses):
// a DHCPv6 server, a relay co-located with a NAS (it asks the AAA server for the user's home agent and passes it in
// RSOO), and a Diameter home AAA server. Optionally every packet the relay/NAS handles is tapped into a Recorder,
// so selftest can judge the reference's own traffic with the whole catalogue.
import { ipToString } from '../util/ip.js';
import dgram from 'node:dgram';
import net from 'node:net';
import type { Settings } from '../assert/profiles.js';
import { avp, diameterMessage, encodeDiameter, decodeDiameter, findAll, dictionaryFor } from '../proto/diameter/index.js';
import { decodeDhcpv6, encodeDhcpv6, findKind, HOP_COUNT_LIMIT, msg, opt, MSG } from '../proto/dhcpv6/index.js';
import type { Dhcpv6Message, Dhcpv6Option } from '../proto/dhcpv6/index.js';
import { connectTcp, type TcpConn } from '../probe/transport/tcp.js';
import { nowNs, plainAddr, type Tap } from '../probe/transport/types.js';
import { toHex } from '../wire/codec.js';
import { aaaHandle, DEFAULT_AAA, type AaaConfig } from './aaa-server.js';
import { DEFAULT_SERVER, serverAnswer, type DhcpServerConfig } from './dhcpv6-server.js';

export interface ServeOptions {
  bind: string;
  /** 0 = ephemeral */
  serverPort: number;
  relayPort: number;
  aaaPort: number;
  faults: ReadonlySet<string>;
  settings: Settings;
  server?: DhcpServerConfig;
  aaa?: AaaConfig;
  /** link-address the relay puts in its Relay-forw */
  linkAddress?: string;
  /** records the relay's and NAS's traffic (both directions) */
  tap?: Tap;
  log?: (line: string) => void;
}

export interface Reference {
  server: { addr: string; port: number };
  relay: { addr: string; port: number };
  aaa: { addr: string; port: number };
  stop(): Promise<void>;
}

const MAX_DIAMETER = 1 << 20;

export async function startReference(o: ServeOptions): Promise<Reference> {
  const log = o.log ?? (() => undefined);
  const aaaCfg = { ...(o.aaa ?? DEFAULT_AAA), hostIp: plainAddr(o.bind) };
  const aaa = await startAaa(o, aaaCfg, log);
  const server = await startDhcpServer(o, o.server ?? DEFAULT_SERVER, log);
  const relay = await startRelay(o, server.port, aaa.port, log);
  return {
    server: { addr: o.bind, port: server.port },
    relay: { addr: o.bind, port: relay.port },
    aaa: { addr: o.bind, port: aaa.port },
    async stop() {
      await relay.stop();
      await server.stop();
      await aaa.stop();
    },
  };
}

function udp(bind: string): dgram.Socket {
  return dgram.createSocket({ type: net.isIPv4(bind) ? 'udp4' : 'udp6', reuseAddr: false });
}

async function bindUdp(s: dgram.Socket, addr: string, port: number): Promise<number> {
  await new Promise<void>((res, rej) => {
    s.once('error', rej);
    s.bind({ address: addr, port, exclusive: true }, () => {
      s.off('error', rej);
      res();
    });
  });
  return s.address().port;
}

async function startDhcpServer(o: ServeOptions, cfg: DhcpServerConfig, log: (l: string) => void) {
  const s = udp(o.bind);
  s.on('error', (e) => log(`dhcp-server: ${e.message}`));
  s.on('message', (data, rinfo) => {
    const m = decodeDhcpv6(new Uint8Array(data), o.settings).value;
    const answer = serverAnswer(m, cfg, o.faults, o.settings);
    if (!answer) return;
    // RFC 8357: a Relay-Source-Port option names the port to answer; otherwise answer the source port
    const srcPort = m.kind === 'relay' ? findKind(m.options, 'relaySourcePort') : undefined;
    s.send(encodeDhcpv6(answer, o.settings), srcPort?.port || rinfo.port, rinfo.address);
  });
  const port = await bindUdp(s, o.bind, o.serverPort);
  log(`dhcpv6 server on [${o.bind}]:${port}`);
  return { port, stop: () => new Promise<void>((r) => s.close(() => r())) };
}

/** The relay, co-located with the NAS: one socket toward clients, one toward the server, a Diameter session to the AAA server. */
async function startRelay(o: ServeOptions, serverPort: number, aaaPort: number, log: (l: string) => void) {
  const down = udp(o.bind);
  const up = udp(o.bind);
  const tap = o.tap;
  const port = await bindUdp(down, o.bind, o.relayPort);
  const upPort = await bindUdp(up, o.bind, 0);
  const linkAddress = o.linkAddress ?? '2001:db8:1::1';
  const nas = new Nas(o, aaaPort, log);
  const clients = new Map<string, number>(); // peer|trid → client port
  const self = { addr: plainAddr(o.bind), port };
  const selfUp = { addr: plainAddr(o.bind), port: upPort };
  const server = { addr: plainAddr(o.bind), port: serverPort };

  down.on('message', (data, rinfo) => {
    const bytes = new Uint8Array(data);
    const from = { addr: plainAddr(rinfo.address), port: rinfo.port };
    tap?.({ type: 'datagram', dir: 'in', tsNs: nowNs(), src: from, dst: self, payload: bytes });
    const m = decodeDhcpv6(bytes, o.settings).value;
    void (async () => {
      let hop = 0;
      if (m.kind === 'relay') {
        if (m.msgType !== MSG.RELAY_FORW) return;
        if (m.hopCount >= HOP_COUNT_LIMIT[o.settings['dhcpv6.base']]) return; // RFC 8415 §19.1.2
        hop = m.hopCount + 1;
      }
      if (o.faults.has('relay-bad-hop-count') && m.kind !== 'relay') hop = 1;
      const trid = m.kind === 'message' ? m.transactionId : 0;
      clients.set(`${from.addr}|${trid}`, from.port);
      const cid = m.kind === 'message' ? findKind(m.options, 'clientId') : undefined;
      const ha = cid ? await nas.homeAgentFor(cid) : undefined;
      const rsoo: Dhcpv6Option[] = ha && !o.faults.has('relay-no-rsoo') ? [opt.rsoo([opt.haa(ha.ha), ...(ha.hnp ? [opt.hnp(ha.hnp.len, ha.hnp.prefix)] : [])])] : [];
      const fw = msg.relayForw(hop, m.kind === 'relay' ? '::' : linkAddress, from.addr, [
        opt.relayMsg(m),
        opt.interfaceId('ref0'),
        ...rsoo,
        opt.relaySourcePort(upPort),
      ]);
      const out = encodeDhcpv6(fw, o.settings);
      tap?.({ type: 'datagram', dir: 'out', tsNs: nowNs(), src: selfUp, dst: server, payload: out });
      up.send(out, serverPort, o.bind);
    })().catch((e: Error) => log(`relay: ${e.message}`));
  });

  up.on('message', (data, rinfo) => {
    const bytes = new Uint8Array(data);
    tap?.({ type: 'datagram', dir: 'in', tsNs: nowNs(), src: { addr: plainAddr(rinfo.address), port: rinfo.port }, dst: selfUp, payload: bytes });
    const m = decodeDhcpv6(bytes, o.settings).value;
    if (m.kind !== 'relay' || m.msgType !== MSG.RELAY_REPL) return;
    const inner = findKind(m.options, 'relayMsg')?.message;
    if (!inner) return;
    let payload = encodeDhcpv6(inner, o.settings);
    if (o.faults.has('relay-modifies-reply') && inner.kind === 'message') {
      payload = encodeDhcpv6({ ...inner, options: inner.options.filter((x) => x.kind !== 'informationRefreshTime') }, o.settings);
    }
    const trid = inner.kind === 'message' ? inner.transactionId : 0;
    const port = clients.get(`${m.peerAddress}|${trid}`) ?? 546;
    tap?.({ type: 'datagram', dir: 'out', tsNs: nowNs(), src: self, dst: { addr: m.peerAddress, port }, payload });
    down.send(payload, port, m.peerAddress === plainAddr(o.bind) ? o.bind : m.peerAddress);
  });
  down.on('error', (e) => log(`relay: ${e.message}`));
  up.on('error', (e) => log(`relay upstream: ${e.message}`));
  log(`dhcpv6 relay/NAS on [${o.bind}]:${port} → server port ${serverPort}, AAA port ${aaaPort}`);
  return {
    port,
    async stop() {
      await nas.close();
      await new Promise<void>((r) => down.close(() => r()));
      await new Promise<void>((r) => up.close(() => r()));
    },
  };
}

/** The NAS side of the relay: one Diameter connection (CER first), one AAR per client, answers cached per DUID. */
class Nas {
  private conn: TcpConn | undefined;
  private opening: Promise<TcpConn | undefined> | undefined;
  private readonly cache = new Map<string, { ha: string; hnp?: { len: number; prefix: string } } | undefined>();
  private hbh = 0x4e410000;

  constructor(
    private readonly o: ServeOptions,
    private readonly aaaPort: number,
    private readonly log: (l: string) => void,
  ) {}

  async homeAgentFor(cid: Dhcpv6Option): Promise<{ ha: string; hnp?: { len: number; prefix: string } } | undefined> {
    const key = cid.kind === 'clientId' ? toHex(encodeDhcpv6(msg.reply(0, [cid]))) : '';
    if (this.cache.has(key)) return this.cache.get(key);
    const conn = await this.connect();
    if (!conn) return undefined;
    const dict = dictionaryFor(this.o.settings);
    const id = ++this.hbh;
    const aar = diameterMessage('AAR', [
      avp('Session-Id', `nas.ref.example;${id}`, { dict }), avp('Auth-Application-Id', 1, { dict }),
      avp('Origin-Host', 'nas.ref.example', { dict }), avp('Origin-Realm', 'ref.example', { dict }),
      avp('Destination-Realm', 'msp.example', { dict }), avp('Auth-Request-Type', 3, { dict }),
      avp('User-Name', `${key.slice(-12)}@msp.example`, { dict }), avp('MIP6-Feature-Vector', 1n, { dict }),
      avp('Calling-Station-Id', key.slice(-12).replace(/(..)(?!$)/g, '$1-'), { dict }),
    ], { hopByHop: id, endToEnd: id, dict });
    const a = await this.ask(conn, aar);
    let ha: { ha: string; hnp?: { len: number; prefix: string } } | undefined;
    if (a) {
      const addr = findAll(a, 'MIP6-Agent-Info/MIP-Home-Agent-Address')[0]?.value as { ip?: string } | undefined;
      const hlp = findAll(a, 'MIP6-Agent-Info/MIP6-Home-Link-Prefix')[0]?.value;
      if (addr?.ip) {
        ha = { ha: addr.ip };
        if (hlp instanceof Uint8Array && hlp.length === 17) {
          ha.hnp = { len: hlp[0]!, prefix: ipToString(hlp, 1, 16) };
        }
      }
    }
    this.cache.set(key, ha);
    return ha;
  }

  private connect(): Promise<TcpConn | undefined> {
    if (this.conn) return Promise.resolve(this.conn);
    this.opening ??= (async () => {
      const r = await connectTcp({ host: this.o.bind, port: this.aaaPort, timeoutMs: 2000, ...(this.o.tap ? { tap: this.o.tap } : {}) });
      if (r.kind !== 'connected') {
        this.log(`nas: cannot reach the AAA server: ${r.kind}`);
        return undefined;
      }
      const dict = dictionaryFor(this.o.settings);
      const cer = diameterMessage('CER', [
        avp('Origin-Host', 'nas.ref.example', { dict }), avp('Origin-Realm', 'ref.example', { dict }),
        avp('Host-IP-Address', plainAddr(this.o.bind), { dict }), avp('Vendor-Id', 32473, { dict }),
        avp('Product-Name', 'mip6-conform reference NAS', { dict }), avp('Auth-Application-Id', 1, { dict }),
      ], { hopByHop: ++this.hbh, endToEnd: this.hbh, dict });
      const a = await this.ask(r.conn, cer);
      if (!a) return undefined;
      this.conn = r.conn;
      return r.conn;
    })();
    return this.opening;
  }

  private queue: Promise<unknown> = Promise.resolve();

  /** one request at a time on the connection: the answer is read before the next request goes out */
  private ask(conn: TcpConn, m: ReturnType<typeof diameterMessage>) {
    const p = this.queue.then(() => this.askNow(conn, m));
    this.queue = p.catch(() => undefined);
    return p;
  }

  private async askNow(conn: TcpConn, m: ReturnType<typeof diameterMessage>) {
    conn.write(encodeDiameter(m));
    const r = await conn.readUntil((b) => (b.length < 4 ? undefined : ((b[1]! << 16) | (b[2]! << 8) | b[3]!) > MAX_DIAMETER ? 'invalid' : ((b[1]! << 16) | (b[2]! << 8) | b[3]!)), 2000);
    if (r.kind !== 'frame') return undefined;
    return decodeDiameter(r.frame, dictionaryFor(this.o.settings)).value;
  }

  async close(): Promise<void> {
    await this.conn?.close();
  }
}

async function startAaa(o: ServeOptions, cfg: AaaConfig, log: (l: string) => void) {
  const sockets = new Set<net.Socket>();
  const srv = net.createServer((sock) => {
    sockets.add(sock);
    const state = { open: false };
    let buf = Buffer.alloc(0);
    sock.on('data', (d) => {
      buf = buf.length ? Buffer.concat([buf, d]) : d;
      while (buf.length >= 4) {
        const len = (buf[1]! << 16) | (buf[2]! << 8) | buf[3]!;
        if (len < 20 || len > MAX_DIAMETER) {
          sock.resetAndDestroy(); // RFC 6733 §2.1: a stream that cannot be parsed is closed
          return;
        }
        if (buf.length < len) break;
        const one = new Uint8Array(buf.subarray(0, len));
        buf = buf.subarray(len);
        const act = aaaHandle(one, state, cfg, o.faults, o.settings);
        if ('answer' in act) sock.write(encodeDiameter(act.answer));
        else if ('close' in act) {
          sock.end();
          return;
        }
      }
    });
    sock.on('error', () => undefined);
    sock.on('close', () => sockets.delete(sock));
  });
  await new Promise<void>((res, rej) => {
    srv.once('error', rej);
    srv.listen({ host: o.bind, port: o.aaaPort }, () => res());
  });
  const port = (srv.address() as net.AddressInfo).port;
  log(`diameter AAA server on [${o.bind}]:${port}`);
  return {
    port,
    stop: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        srv.close(() => r());
      }),
  };
}
