// Diameter probe roles against hostile targets on loopback (test/peers/hostile.ts, plus a NAS that never connects):
// every run ends within the configured timeout plus one second, buffers at most the cap, and the error it ends with
// says what the target did. Nothing is sent off the machine.
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/assert/profiles.js';
import { Recorder } from '../../src/probe/recorder.js';
import { diameterServerRole } from '../../src/probe/roles/diameter-server.js';
import { homeAgentRole } from '../../src/probe/roles/home-agent.js';
import { nasRole } from '../../src/probe/roles/nas.js';
import type { ProbeOptions } from '../../src/probe/roles/types.js';
import { ProbeTargetError } from '../../src/util/errors.js';
import { hostileServer, type Behaviour } from '../peers/hostile.js';

const TIMEOUT = 800;
const settings = resolveSettings([]);
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const opts = (target: string, extra: Record<string, unknown> = {}): ProbeOptions => ({
  target, timeout: TIMEOUT, cases: [], ha: '2001:db8:10::1', hnp: '2001:db8:10::/64', msp: 'msp.example',
  linkAddress: '2001:db8:1::1', originHost: 'tester.test.realm', originRealm: 'test.realm', extra,
});

/** runs a role against a hostile server; returns the error, the time taken and the bytes the recording kept */
async function against(b: Behaviour, host: string, role = diameterServerRole, timeout = TIMEOUT) {
  const srv = await hostileServer(b, host);
  cleanups.push(() => srv.close());
  const rec = new Recorder();
  const t = performance.now();
  const o = { ...opts(host.includes(':') ? `[${host}]:${srv.port}` : `${host}:${srv.port}`), timeout };
  const err = await role.run(o, settings, rec).then(
    () => null,
    (e: unknown) => e,
  );
  const ms = performance.now() - t;
  const kept = rec.records().reduce((n, r) => n + r.payload.length, 0);
  return { err, ms, kept, rec };
}

describe('probe diameter-server vs hostile targets', () => {
  it('never answers: ends after the CER timeout, saying so', async () => {
    const { err, ms, rec } = await against('silent', '::1');
    expect(err).toBeInstanceOf(ProbeTargetError);
    expect((err as Error).message).toMatch(/no answer to the CER within \d+ ms/);
    expect(ms).toBeLessThan(TIMEOUT + 1000);
    // the CER is in the recording (--save shows it)
    expect(rec.records().some((r) => r.dir === 'sent' && r.payload.length > 20)).toBe(true);
  });

  it('answers one byte a second: a timeout with the partial message counted', async () => {
    // the first byte comes after 1 s, so wait 2.5 s
    const { err, ms } = await against('drip', '127.0.0.1', diameterServerRole, 2500);
    expect((err as Error).message).toMatch(/no answer to the CER within \d+ ms \([12] octets of an incomplete message\)/);
    expect(ms).toBeLessThan(2500 + 1000);
  });

  it('resets: connection reset (RST) reported', async () => {
    const { err, ms } = await against('rst', '::1');
    expect((err as Error).message).toMatch(/connection reset \(RST\) before an answer to the CER/);
    expect(ms).toBeLessThan(TIMEOUT + 1000);
  });

  it('sends junk: not Diameter, with the first octets shown', async () => {
    const { err, ms } = await against('junk', '127.0.0.1');
    expect((err as Error).message).toMatch(/not Diameter \(first: 485454502f/); // "HTTP/"
    expect(ms).toBeLessThan(TIMEOUT + 1000);
  });

  it('announces a 16 MB message: oversize at once, never buffered', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const { err, ms, kept } = await against('claim16m', '::1');
    expect((err as Error).message).toMatch(/claimed a 16777215-octet message \(cap 1048576\)/);
    expect(ms).toBeLessThan(TIMEOUT + 1000);
    expect(kept).toBeLessThan(2 << 20); // what the recorder kept: at most the cap plus one read
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 << 20);
  });

  it('nothing listening: unreachable (exit 4)', async () => {
    const srv = await hostileServer('silent', '127.0.0.1');
    const port = srv.port;
    await srv.close();
    const err = await diameterServerRole.run(opts(`127.0.0.1:${port}`), settings, new Recorder()).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'M6_ERR_TARGET_UNREACHABLE', exit: 4 });
    expect((err as Error).message).toMatch(/cannot connect .*ECONNREFUSED/);
  });

  it('home-agent role: the same bound against a silent target', async () => {
    const { err, ms } = await against('silent', '127.0.0.1', homeAgentRole);
    expect((err as Error).message).toMatch(/no answer to the CER/);
    expect(ms).toBeLessThan(TIMEOUT + 1000);
  });
});

describe('probe nas vs a NAS that never comes', () => {
  it('ends after --opt wait with an error naming the address', async () => {
    const t = performance.now();
    const err = await nasRole
      .run({ ...opts('127.0.0.9', { wait: 700 }), bind: '127.0.0.9', localPort: 0 }, settings, new Recorder())
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProbeTargetError);
    expect((err as Error).message).toMatch(/no connection from 127\.0\.0\.9 .* within 700 ms/);
    expect(performance.now() - t).toBeLessThan(700 + 1000);
  });
});
