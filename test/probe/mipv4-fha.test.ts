// probe fha against the reference FHA (src/serve/fha.ts) on 127.0.0.1:<ephemeral>: clean, every verdict about the
// home agent is pass and each case ends with the code RFC 5944 asks for; with each fault, the assertion that should
// catch it fails (SHOULD/INFO rows come out as 'warn'); a silent target ends in ProbeTargetError.
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSettings, type Settings } from '../../src/assert/profiles.js';
import type { RunResult } from '../../src/assert/result.js';
import { decodeMipv4 } from '../../src/proto/mipv4/message.js';
import { judgeRecording } from '../../src/probe/finish.js';
import { Recorder } from '../../src/probe/recorder.js';
import { fhaRole, runFha } from '../../src/probe/roles/fha.js';
import type { ProbeOptions } from '../../src/probe/roles/types.js';
import { DEFAULT_FHA_KEY_HEX, DEFAULT_FHA_SPI, ntpIdentification, withMnHaAuth, checkMnHaAuth } from '../../src/probe/scenarios/mipv4-kit.js';
import type { FhaCaseResult } from '../../src/probe/scenarios/mipv4-fha.js';
import { rrq } from '../../src/proto/mipv4/build.js';
import { encodeMipv4 } from '../../src/proto/mipv4/message.js';
import { DEFAULT_FHA, fhaAnswer, newFhaState, startFha, type FhaConfig } from '../../src/serve/fha.js';
import type { RunningServer } from '../../src/serve/pana-paa.js';
import { ProbeTargetError, UsageError } from '../../src/util/errors.js';
import { CATALOGUE } from '../../suites/index.js';

const TIMEOUT = 400;
const settings: Settings = { ...resolveSettings([]), 'flow.window': TIMEOUT / 1000 + 1 };

const opts = (port: number, extra: Record<string, unknown> = {}, cases: string[] = []): ProbeOptions => ({
  target: `127.0.0.1:${port}`, timeout: TIMEOUT, cases, ha: '2001:db8:10::1', hnp: '2001:db8:10::/64', msp: 'msp.example',
  linkAddress: '2001:db8:1::1', originHost: 'tester.test.realm', originRealm: 'test.realm', extra,
});

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function probe(faults: string[] = [], extra: Record<string, unknown> = {}): Promise<{ results: FhaCaseResult[]; run: RunResult }> {
  server = await startFha({ bind: '127.0.0.1', port: 0, faults: new Set(faults), settings });
  const rec = new Recorder();
  const results = await runFha(opts(server.port, extra), settings, rec.tap);
  const run = await judgeRecording(rec, {
    role: fhaRole.name, targetRoles: fhaRole.targetRoles, settings, profiles: [], catalogue: CATALOGUE, failOn: 'must',
    port: { proto: 'mipv4', port: server.port },
  });
  return { results, run };
}

const outcome = (run: RunResult, id: string) => run.results.find((r) => r.id === id)?.outcome;
const BAD = ['fail', 'warn'];

describe('MN-HA authenticator (RFC 5944 §3.5.1)', () => {
  it('HMAC-MD5 over the message up to the SPI verifies, and one flipped bit does not', () => {
    const key = new Uint8Array(Buffer.from(DEFAULT_FHA_KEY_HEX, 'hex'));
    const m = rrq({ homeAgent: '127.0.0.1', careOfAddress: '127.0.0.1', identification: ntpIdentification(1) });
    for (const [corrupt, valid] of [[false, true], [true, false]] as const) {
      const raw = encodeMipv4(withMnHaAuth(m, 300, key, corrupt));
      expect(checkMnHaAuth(raw, decodeMipv4(raw).value, (spi) => (spi === 300 ? key : undefined))).toMatchObject({ index: 0, spi: 300, valid });
    }
  });

  it('the reference answers 131 to an unknown SPI and to a request without authentication', () => {
    const cfg: FhaConfig = DEFAULT_FHA;
    const m = rrq({ homeAgent: '127.0.0.1', careOfAddress: '127.0.0.1', identification: ntpIdentification(2) });
    const noAuth = fhaAnswer(newFhaState(), encodeMipv4(m), '127.0.0.1', cfg, new Set(), settings);
    const other = fhaAnswer(newFhaState(), encodeMipv4(withMnHaAuth(m, 999, new Uint8Array(16))), '127.0.0.1', cfg, new Set(), settings);
    expect(decodeMipv4(noAuth!).value.code).toBe(131);
    expect(decodeMipv4(other!).value).toMatchObject({ code: 131, extensions: [] }); // no key for SPI 999: no reply authenticator
  });

  it('never throws on cut requests; a cut fixed part is discarded', () => {
    const key = new Uint8Array(Buffer.from(DEFAULT_FHA_KEY_HEX, 'hex'));
    const raw = encodeMipv4(withMnHaAuth(rrq({ homeAgent: '127.0.0.1', careOfAddress: '127.0.0.1', identification: ntpIdentification(3) }), DEFAULT_FHA_SPI, key));
    for (let n = 0; n < raw.length; n++) {
      const out = fhaAnswer(newFhaState(), raw.subarray(0, n), '127.0.0.1', DEFAULT_FHA, new Set(), settings);
      if (n < 24) expect(out).toBeNull();
      else expect(decodeMipv4(out!).value.code).not.toBe(0); // a cut extension never registers
    }
  });
});

describe('probe fha vs the reference FHA', () => {
  it('clean: each case gets the code RFC 5944 asks for, and every home-agent verdict is pass', async () => {
    const { results, run } = await probe();
    const r = (n: string) => results.find((x) => x.name === n)!;
    expect(results.every((x) => x.answered && x.replyAuthValid === true)).toBe(true);
    expect(r('dynamic-hoa')).toMatchObject({ code: 0, homeAddress: DEFAULT_FHA.pool[0], idMatch: 'exact', s003: [] });
    expect(r('s003-bootstrap')).toMatchObject({ code: 0, homeAddress: DEFAULT_FHA.pool[0] }); // same NAI, same binding
    expect(r('s003-bootstrap').s003.sort()).toEqual(['S003-HA-Assignment', 'S003-IPv6-Care-of-Address', 'S003-IPv6-Home-Address', 'S003-Temporary-IPv4-Home-Address']);
    expect(r('unknown-ext-low')).toMatchObject({ code: 134 });
    expect(r('unknown-ext-high')).toMatchObject({ code: 0 });
    expect(r('wrong-auth')).toMatchObject({ code: 131 });
    expect(r('stale-identification')).toMatchObject({ code: 133, idMatch: 'low32' });

    for (const id of ['RFC5944-3.4-rrp-mn-ha-auth', 'RFC5944-3.4-fha-identification', 'S003-4.1.1-fha-rrp-bootstrap-data', 'RFC5944-1.9-unknown-extension-rejected']) {
      expect([id, outcome(run, id)]).toEqual([id, 'pass']);
    }
    expect(run.results.filter((x) => x.role !== 'fha')).toEqual([]); // the mobile node's own requests are never judged
    expect(run.results.filter((x) => BAD.includes(x.outcome) || x.outcome === 'error').map((x) => x.id)).toEqual([]);
  });

  it.each([
    ['fha-wrong-identification', 'RFC5944-3.4-fha-identification'],
    ['fha-accepts-unknown-ext', 'RFC5944-1.9-unknown-extension-rejected'],
    ['fha-no-reply-auth', 'RFC5944-3.4-rrp-mn-ha-auth'],
    ['fha-missing-s003-data', 'S003-4.1.1-fha-rrp-bootstrap-data'],
  ])('fault %s is caught by %s', async (fault, id) => {
    const { run } = await probe([fault]);
    expect(BAD).toContain(outcome(run, id));
  });

  it.each([
    ['fha-accepts-bad-auth', 'wrong-auth'],
    ['fha-rejects-skippable-ext', 'unknown-ext-high'],
  ])('fault %s shows in case %s (no catalogue assertion yet)', async (fault, name) => {
    const clean = (await probe()).results.find((x) => x.name === name)!;
    await server!.stop();
    server = undefined;
    const bad = (await probe([fault])).results.find((x) => x.name === name)!;
    expect(clean.expect === 'accept' ? clean.code === 0 : clean.code === clean.expect).toBe(true);
    expect(bad.code).not.toBe(clean.code);
  });

  it('a wrong key makes every request fail authentication (131), and --opt values are checked', async () => {
    const { results } = await probe([], { key: '00112233445566778899aabbccddeeff', spi: String(DEFAULT_FHA_SPI) });
    expect(results.map((x) => x.code)).toEqual(results.map(() => 131));
    await expect(runFha(opts(1, { key: 'xyz' }), settings, () => undefined)).rejects.toBeInstanceOf(UsageError);
    await expect(runFha({ ...opts(1), target: '[::1]:434' }, settings, () => undefined)).rejects.toBeInstanceOf(UsageError);
  });

  it('a UDP target that never answers ends in ProbeTargetError within timeout + 1 s', async () => {
    const silent = dgram.createSocket('udp4');
    await new Promise<void>((res) => silent.bind(0, '127.0.0.1', () => res()));
    const port = silent.address().port;
    const rec = new Recorder();
    const t = performance.now();
    try {
      await expect(fhaRole.run(opts(port), settings, rec)).rejects.toBeInstanceOf(ProbeTargetError);
      expect(performance.now() - t).toBeLessThan(TIMEOUT + 1000);
      expect(rec.records().filter((x) => x.dir === 'sent').length).toBe(6);
    } finally {
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });
});
