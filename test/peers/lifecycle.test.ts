// Real peers: start, check they serve, stop by PID, check nothing is left (PIDs, namespaces).
// Runs only where the peers are installed and we are root; under CI a missing peer fails (requirePeer).
import { execFile, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { AAA_NET, pidAlive, requirePeer, startFreeDiameter, startKea, startRelay, type RunningPeer } from '../../src/probe/peers.js';
import { connectTcp } from '../../src/probe/transport/tcp.js';
import { openUdp } from '../../src/probe/transport/udp.js';
import { diameterLength } from './hostile.js';

const started: RunningPeer[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
  while (started.length) await started.pop()!.stop();
});

function track<T extends RunningPeer>(p: T): T {
  started.push(p);
  return p;
}

const sh = (cmd: string, args: string[]): string => execFileSync(cmd, args, { encoding: 'utf8' });
const namespaces = (): string[] => sh('ip', ['netns', 'list']).split('\n').map((l) => l.split(' ')[0] ?? '').filter(Boolean);

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const opt = (code: number, data: Buffer): Buffer => Buffer.concat([Buffer.from([code >> 8, code & 0xff, data.length >> 8, data.length & 0xff]), data]);

/** RFC 8415 Relay-forward (tester as relay) around an Information-request with CLIENTID, HNIDF msp.example, ORO 50/69/70 */
function relayForward(sourcePort: number): Buffer {
  const ir = Buffer.concat([
    hex('0b 123456'),
    opt(1, hex('0003 0001 020000000001')), // CLIENTID, DUID-LL
    opt(49, hex('036d7370 076578616d706c65 00')), // HNIDF msp.example. (RFC 6610 §4.1)
    opt(6, hex('0032 0045 0046')), // ORO 50 69 70
  ]);
  return Buffer.concat([
    hex('0c 00'),
    hex('fd000000000000000000000000000001'), // link-address
    hex('fe800000000000000000000000000001'), // peer-address
    opt(135, Buffer.from([sourcePort >> 8, sourcePort & 0xff])), // Relay-Source-Port (RFC 8357)
    opt(9, ir),
  ]);
}

/** top-level options of a DHCPv6 option area */
function options(b: Buffer): Map<number, Buffer> {
  const m = new Map<number, Buffer>();
  for (let o = 0; o + 4 <= b.length; ) {
    const code = b.readUInt16BE(o);
    const len = b.readUInt16BE(o + 2);
    m.set(code, b.subarray(o + 4, o + 4 + len));
    o += 4 + len;
  }
  return m;
}

describe.skipIf(!requirePeer('kea'))('kea-dhcp6', () => {
  it('loopback: listens on [::1]:547, answers a Relay-forward with IDINF + HNIDF, stops by PID', async () => {
    const kea = track(await startKea({ mode: 'loopback' }));
    expect(kea).toMatchObject({ addr: '::1', port: 547 });
    expect(sh('ss', ['-Hulpn', 'sport = :547'])).toMatch(new RegExp(`\\[::1\\]:547 .*pid=${kea.pid},`));

    const u = await openUdp({ bind: '::1' });
    if (u.kind !== 'udp') throw new Error(u.message);
    closers.push(() => u.close());
    await u.send(relayForward(u.local.port), { addr: '::1', port: 547 });
    const r = await u.receive(3000);
    expect(r.kind).toBe('datagram');
    if (r.kind !== 'datagram') return;
    const reply = Buffer.from(r.data);
    expect(reply[0]).toBe(13); // RELAY-REPL
    const inner = options(reply.subarray(34)).get(9)!;
    expect(inner[0]).toBe(7); // REPLY
    const top = options(inner.subarray(4));
    expect([...top.keys()]).toEqual(expect.arrayContaining([1, 2, 50, 69, 70]));
    const idinf = options(top.get(69)!);
    expect(idinf.get(49)?.toString('hex')).toBe('036d7370076578616d706c6500'); // client class mip6-msp
    expect(idinf.get(72)?.toString('hex')).toBe('20010db8690000000000000000000001');

    await kea.stop();
    expect(pidAlive(kea.pid)).toBe(false);
    expect(sh('ss', ['-Hulpn', 'sport = :547'])).not.toContain(`pid=${kea.pid},`);
  });

  it('a config Kea rejects: PeerStartError with the log tail, nothing left behind', async () => {
    const err = await startKea({ mode: 'netns', config: '/nonexistent/kea.json' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'M6_ERR_PEER_START' });
    expect(String((err as Error).message)).toMatch(/exited before it was ready/);
    expect(namespaces().filter((n) => n.startsWith('m6'))).toEqual([]);
  });

  it('hiopt config on another port', async () => {
    const kea = track(await startKea({ mode: 'loopback', config: 'hiopt', port: 10547 }));
    expect(sh('ss', ['-Hulpn', 'sport = :10547'])).toContain(`pid=${kea.pid},`);
    await kea.stop();
    expect(pidAlive(kea.pid)).toBe(false);
  });

  it.skipIf(!requirePeer('isc-relay'))('netns: listens in m6srv, namespaces removed on stop', async () => {
    const kea = track(await startKea({ mode: 'netns' }));
    expect(kea).toMatchObject({ addr: 'fd00:2::2', netns: 'm6srv', iface: 'm6s0' });
    expect(sh('ip', ['netns', 'exec', 'm6srv', 'ss', '-Hulpn', 'sport = :547'])).toContain(`pid=${kea.pid},`);
    await kea.stop();
    expect(pidAlive(kea.pid)).toBe(false);
    expect(namespaces().filter((n) => n.startsWith('m6'))).toEqual([]);
  });
});

describe.skipIf(!requirePeer('isc-relay') || !requirePeer('wide-relay'))('DHCPv6 relays in m6rly', () => {
  it.each(['isc', 'wide'] as const)('%s relay starts, runs, stops; namespaces gone', async (impl) => {
    const relay = track(await startRelay({ impl }));
    expect(namespaces()).toEqual(expect.arrayContaining(['m6cli', 'm6rly', 'm6srv']));
    expect(pidAlive(relay.pid)).toBe(true);
    const comm = sh('cat', [`/proc/${relay.pid}/comm`]).trim();
    expect(comm).toBe(impl === 'isc' ? 'dhcrelay' : 'dhcp6relay');
    expect(sh('ip', ['netns', 'exec', 'm6rly', 'ss', '-Hulpn', 'sport = :547'])).toContain(`pid=${relay.pid},`);
    expect(sh('ip', ['netns', 'exec', 'm6cli', 'ip', '-6', 'addr', 'show', 'dev', 'm6c0'])).toContain('fd00:1::2/64');
    await relay.stop();
    expect(pidAlive(relay.pid)).toBe(false);
    expect(namespaces().filter((n) => n.startsWith('m6'))).toEqual([]);
    expect(sh('ip', ['-br', 'link'])).not.toMatch(/^m6/m);
  });

  it('a second relay on the same topology fails cleanly; the topology goes with the last user', async () => {
    const isc = track(await startRelay({ impl: 'isc', stateDir: '/tmp/mip6-peers/relay-isc' }));
    await expect(startRelay({ impl: 'wide', stateDir: '/tmp/mip6-peers/relay-isc' })).rejects.toThrow(/exited|not ready/); // 547 taken
    await isc.stop();
    expect(namespaces().filter((n) => n.startsWith('m6'))).toEqual([]);
  });
});

const CLIENT_PY = fileURLToPath(new URL('./dhcp6-client.py', import.meta.url));

/** Information-request with CLIENTID, HNIDF msp.example, ORO 50/69/70, sent by a client in m6cli */
async function clientExchange(waitS = 3): Promise<string> {
  const ir = Buffer.concat([hex('0b 123456'), opt(1, hex('0003 0001 020000000001')), opt(49, hex('036d7370 076578616d706c65 00')), opt(6, hex('0032 0045 0046'))]);
  const { stdout } = await promisify(execFile)('ip', ['netns', 'exec', 'm6cli', 'python3', CLIENT_PY, ir.toString('hex'), String(waitS)], { timeout: (waitS + 5) * 1000 });
  return stdout.trim();
}

describe.skipIf(!requirePeer('kea') || !requirePeer('isc-relay') || !requirePeer('wide-relay'))('client → relay → Kea, all in namespaces', () => {
  it.each(['isc', 'wide'] as const)('through the %s relay a client Information-request gets a Reply with IDINF', async (impl) => {
    const kea = track(await startKea({ mode: 'netns' }));
    const relay = track(await startRelay({ impl }));
    const out = await clientExchange();
    const [from, replyHex] = out.split(' ');
    expect(from).toMatch(/^fe80:/); // the relay answers from its link-local on m6r0
    const reply = Buffer.from(replyHex ?? '', 'hex');
    expect(reply.subarray(0, 4).toString('hex')).toBe('07123456'); // REPLY, same transaction id
    const top = options(reply.subarray(4));
    expect(options(top.get(69)!).get(49)?.toString('hex')).toBe('036d7370076578616d706c6500');
    await relay.stop();
    expect(await clientExchange(1)).toBe('timeout'); // no relay: Kea is not on m6cli's link
    await kea.stop();
    expect(namespaces().filter((n) => n.startsWith('m6'))).toEqual([]);
  });
});

/** Diameter CER (RFC 6733 §5.3.1) from tester.test.realm */
function cer(): Buffer {
  const avp = (code: number, v: Buffer): Buffer => {
    const len = 8 + v.length;
    const b = Buffer.alloc((len + 3) & ~3);
    b.writeUInt32BE(code, 0);
    b.writeUInt32BE(((0x40 << 24) | len) >>> 0, 4);
    v.copy(b, 8);
    return b;
  };
  const u32 = (n: number): Buffer => Buffer.from([n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]);
  const body = Buffer.concat([
    avp(264, Buffer.from(AAA_NET.testerHost)), // Origin-Host
    avp(296, Buffer.from(AAA_NET.realm)), // Origin-Realm
    avp(257, Buffer.concat([hex('0002'), hex('fd000003000000000000000000000001')])), // Host-IP-Address
    avp(266, u32(0)), // Vendor-Id
    avp(269, Buffer.from('mip6-conform')), // Product-Name
    avp(259, u32(0xffffffff)), // Acct/Auth: Relay
  ]);
  const h = Buffer.alloc(20);
  h.writeUInt32BE((1 << 24) | (20 + body.length), 0);
  h.writeUInt32BE(((0x80 << 24) | 257) >>> 0, 4);
  h.writeUInt32BE(0x1111, 12);
  h.writeUInt32BE(0x2222, 16);
  return Buffer.concat([h, body]);
}

describe.skipIf(!requirePeer('freediameter'))('freeDiameterd in m6aaa', () => {
  it('answers a TCP connect and a CER on [fd00:3::2]:3868, stops by PID, netns removed', async () => {
    const fd = track(await startFreeDiameter({ noDumps: true }));
    expect(fd).toMatchObject({ addr: 'fd00:3::2', port: 3868, netns: 'm6aaa' });
    const c = await connectTcp({ host: fd.addr, port: fd.port, timeoutMs: 3000 });
    expect(c.kind).toBe('connected');
    if (c.kind !== 'connected') return;
    closers.push(() => c.conn.close());
    await c.conn.write(cer());
    const r = await c.conn.readUntil(diameterLength, 5000);
    expect(r.kind).toBe('frame');
    if (r.kind !== 'frame') return;
    const a = Buffer.from(r.frame);
    expect(a.readUInt32BE(4) & 0xffffff).toBe(257); // CEA
    expect(a.readUInt32BE(12)).toBe(0x1111); // hop-by-hop echoed
    expect(a.includes(Buffer.concat([hex('0000010c 40 00000c'), hex('000007d1')]))).toBe(true); // Result-Code 2001
    await c.conn.close();
    await fd.stop();
    expect(pidAlive(fd.pid)).toBe(false);
    expect(namespaces()).not.toContain('m6aaa');
    expect(sh('ip', ['-br', 'link'])).not.toMatch(/^m6aaa/m);
  });
});
