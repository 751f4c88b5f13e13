// The probe's Diameter peer: framing predicate, identifier allocation, CER contents, and DWRs from the other side
// answered while a request waits (freeDiameter sends several after a reconnect).
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/assert/profiles.js';
import { decodeDiameter, dictionaryFor, encodeDiameter, findAll, findAvp, diameterMessage, avp, CMD } from '../../src/proto/diameter/index.js';
import { DiameterPeer, diameterFrameLength } from '../../src/probe/diameter-peer.js';
import { homeLinkPrefix, prefixText, caseHost } from '../../src/probe/scenarios/diameter-run.js';
import { connectTcp } from '../../src/probe/transport/tcp.js';

const dict = dictionaryFor(resolveSettings([]));
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe('diameterFrameLength', () => {
  it('waits for 4 octets, cuts by Message Length, rejects non-Diameter at once', () => {
    expect(diameterFrameLength(Uint8Array.of(1, 0))).toBeUndefined();
    expect(diameterFrameLength(Uint8Array.of(1, 0, 0, 0x40))).toBe(64);
    expect(diameterFrameLength(Uint8Array.of(1, 0xff, 0xff, 0xff))).toBe(0xffffff); // readUntil turns this into 'oversize'
    expect(diameterFrameLength(Uint8Array.of(1, 0, 0, 12))).toBe('invalid');
    expect(diameterFrameLength(Uint8Array.of(0x48))).toBe('invalid'); // 'H'TTP
  });
});

describe('helpers', () => {
  it('home link prefix in the RFC 5447 §4.2.4 form, host bits cleared', () => {
    const b = homeLinkPrefix({ prefix: '2001:db8:10::ffff', len: 64 });
    expect(b.length).toBe(17);
    expect(prefixText(b)).toBe('2001:db8:10::/64');
  });
  it('own-connection Origin-Host keeps the realm', () => {
    expect(caseHost('tester.test.realm', 'garbage')).toBe('garbage-tester.test.realm');
  });
});

describe('DiameterPeer', () => {
  it('CER carries identity, Host-IP-Address = local address, Vendor-Id, Product-Name, the application list; answers 3 DWRs while waiting', async () => {
    const seen: Uint8Array[] = [];
    const server = net.createServer((s) => {
      s.on('error', () => undefined);
      s.once('data', (d) => {
        seen.push(new Uint8Array(d));
        const cer = decodeDiameter(new Uint8Array(d), dict).value;
        // three DWRs first, then the CEA
        for (let i = 0; i < 3; i++) {
          const w = diameterMessage('DWR', [avp('Origin-Host', 'aaa.test.realm'), avp('Origin-Realm', 'test.realm')], { hopByHop: 100 + i, endToEnd: 200 + i });
          s.write(encodeDiameter(w));
        }
        const cea = diameterMessage('CEA', [avp('Result-Code', 2001), avp('Origin-Host', 'aaa.test.realm'), avp('Origin-Realm', 'test.realm')], { hopByHop: cer.hopByHop, endToEnd: cer.endToEnd });
        s.write(encodeDiameter(cea));
        s.on('data', (x) => seen.push(new Uint8Array(x)));
      });
    });
    await new Promise<void>((r) => server.listen(0, '::1', r));
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const c = await connectTcp({ host: '::1', port: (server.address() as net.AddressInfo).port, timeoutMs: 1000 });
    if (c.kind !== 'connected') throw new Error('connect');
    cleanups.push(() => c.conn.close());
    const peer = new DiameterPeer(c.conn, { originHost: 'tester.test.realm', originRealm: 'test.realm', authApps: [1, 5] }, dict);
    const { sent, outcome } = await peer.capabilities(1000);
    expect(outcome).toMatchObject({ kind: 'answer' });
    const cer = decodeDiameter(seen[0]!, dict).value;
    expect(findAvp(cer, 'Host-IP-Address')?.value).toMatchObject({ family: 2, ip: '::1' });
    expect(findAvp(cer, 'Vendor-Id')?.value).toBe(32473);
    expect(findAvp(cer, 'Product-Name')?.value).toBe('mip6-conform');
    expect(findAll(cer, 'Auth-Application-Id').map((a) => a.value)).toEqual([1, 5]);
    expect(cer.hopByHop).toBe(sent.hopByHop);
    // the three DWAs went out, echoing the DWRs' identifiers
    await new Promise((r) => setTimeout(r, 50));
    const bytes = Buffer.concat(seen.slice(1));
    const dwas = [];
    for (let at = 0; at < bytes.length; ) {
      const len = bytes.readUIntBE(at + 1, 3);
      dwas.push(decodeDiameter(new Uint8Array(bytes.subarray(at, at + len)), dict).value);
      at += len;
    }
    expect(dwas.map((m) => [m.name, m.hopByHop, m.flags & CMD.R, findAvp(m, 'Result-Code')?.value])).toEqual([
      ['DWA', 100, 0, 2001], ['DWA', 101, 0, 2001], ['DWA', 102, 0, 2001],
    ]);
    // identifiers advance
    const a = peer.nextIds();
    const b = peer.nextIds();
    expect(b.hopByHop).toBe((a.hopByHop + 1) >>> 0);
    expect(b.endToEnd).toBe((a.endToEnd + 1) >>> 0);
  });
});
