// Tiny loopback counterparts for the probe roles the reference implementation (src/serve) cannot face: a DHCPv6
// client that sends until answered, a relay that forwards to the tester's server side, a NAS that connects to the
// tester's AAA server. They exist only to make the tester send its crafted answers; nothing here is judged.
import dgram from 'node:dgram';
import net from 'node:net';
import type { Settings } from '../../src/assert/profiles.js';
import { DiameterPeer } from '../../src/probe/diameter-peer.js';
import type { CaseCtx } from '../../src/probe/scenarios/diameter-run.js';
import { aar, der, mir } from '../../src/probe/scenarios/diameter-server.js';
import { connectTcp } from '../../src/probe/transport/tcp.js';
import { dictionaryFor } from '../../src/proto/diameter/index.js';
import { decodeDhcpv6, encodeDhcpv6, findKind, HOP_COUNT_LIMIT, innermost, msg, MSG, type Dhcpv6Message } from '../../src/proto/dhcpv6/index.js';
import { opt } from '../../src/proto/dhcpv6/index.js';

const LOOP = '::1';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** a port free on ::1 right now (bound and released) */
export async function freePort(kind: 'udp' | 'tcp'): Promise<number> {
  if (kind === 'tcp') {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen({ host: LOOP, port: 0 }, () => r()));
    const port = (s.address() as net.AddressInfo).port;
    await new Promise<void>((r) => s.close(() => r()));
    return port;
  }
  const s = dgram.createSocket('udp6');
  await new Promise<void>((r) => s.bind({ address: LOOP, port: 0 }, () => r()));
  const port = s.address().port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function udpOn(port = 0): Promise<dgram.Socket> {
  const s = dgram.createSocket({ type: 'udp6', reuseAddr: false });
  s.on('error', () => undefined);
  await new Promise<void>((r) => s.bind({ address: LOOP, port, exclusive: true }, () => r()));
  return s;
}

/** A DHCPv6 client (or a relay in front of one): sends `m` to [::1]:port every 100 ms until something comes back or `maxMs` passes. */
export async function dhcpClient(port: number, m: (localPort: number) => Dhcpv6Message, settings: Settings, maxMs = 4000): Promise<boolean> {
  const s = await udpOn();
  try {
    const bytes = encodeDhcpv6(m(s.address().port), settings);
    let answered = false;
    s.on('message', () => {
      answered = true;
    });
    const end = performance.now() + maxMs;
    while (!answered && performance.now() < end) {
      s.send(bytes, port, LOOP);
      await sleep(100);
    }
    return answered;
  } finally {
    s.close();
  }
}

/** A DHCPv6 relay: client side on an ephemeral port; forwards to [::1]:serverPort with Relay-Source-Port (RFC 8357), delivers Relay-repl contents back. */
export async function tinyRelay(serverPort: number, settings: Settings): Promise<{ port: number; stop(): Promise<void> }> {
  const down = await udpOn();
  const up = await udpOn();
  const upPort = up.address().port;
  const clients = new Map<number, number>(); // transaction-id → the client's (or lower relay's) port
  down.on('message', (data, rinfo) => {
    const m = decodeDhcpv6(new Uint8Array(data), settings).value;
    let hop = 0;
    let link = '2001:db8:1::1';
    if (m.kind === 'relay') {
      // RFC 8415 §19.1.2
      if (m.msgType !== MSG.RELAY_FORW || m.hopCount >= HOP_COUNT_LIMIT[settings['dhcpv6.base']]) return;
      hop = m.hopCount + 1;
      link = '::';
    }
    const inner = innermost(m);
    if (inner.kind === 'message') clients.set(inner.transactionId, rinfo.port);
    const fw = msg.relayForw(hop, link, LOOP, [opt.relayMsg(m), opt.interfaceId('tiny0'), opt.relaySourcePort(upPort)]);
    up.send(encodeDhcpv6(fw, settings), serverPort, LOOP);
  });
  up.on('message', (data) => {
    const m = decodeDhcpv6(new Uint8Array(data), settings).value;
    if (m.kind !== 'relay' || m.msgType !== MSG.RELAY_REPL) return;
    const inner = findKind(m.options, 'relayMsg')?.message;
    if (!inner) return;
    const trid = inner.kind === 'message' ? inner.transactionId : -1;
    down.send(encodeDhcpv6(inner, settings), clients.get(trid) ?? 546, LOOP);
  });
  return {
    port: down.address().port,
    stop: async () => {
      await new Promise<void>((r) => down.close(() => r()));
      await new Promise<void>((r) => up.close(() => r()));
    },
  };
}

/** A NAS: connects to the tester's AAA server on [::1]:port, CER, DWR, AAR, DER, MIR (which the tester does not serve), DPR. */
export async function tinyNas(port: number, settings: Settings): Promise<number> {
  const dict = dictionaryFor(settings);
  let r;
  for (let i = 0; i < 75; i++) {
    r = await connectTcp({ host: LOOP, port, localAddr: LOOP, timeoutMs: 1000 });
    if (r.kind === 'connected') break;
    await sleep(40); // the tester is not listening yet
  }
  if (r?.kind !== 'connected') throw new Error(`tiny NAS cannot connect to [::1]:${port}: ${JSON.stringify(r)}`);
  const peer = new DiameterPeer(r.conn, { originHost: 'nas.test.realm', originRealm: 'test.realm', authApps: [1, 5] }, dict);
  let answers = 0;
  const count = (x: { outcome: { kind: string } }) => {
    if (x.outcome.kind === 'answer') answers++;
  };
  count(await peer.capabilities(1000));
  const ctx: CaseCtx = {
    peer, dict, settings, host: 'nas.test.realm', realm: 'test.realm', destRealm: 'test.realm',
    ha: '2001:db8:99::1', hnp: { prefix: '2001:db8:99::', len: 64 }, extra: {},
  };
  for (const m of [peer.dwr(), aar(ctx), der(ctx), mir(ctx)]) count(await peer.request(m, 1000));
  await peer.disconnect(1000);
  return answers;
}
