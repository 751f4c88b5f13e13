// probe pana-paa against the reference PAA (src/serve/pana-paa.ts) on [::1]:<ephemeral>: clean, every verdict about
// the PAA is pass (or inconclusive where only a capture with the AAA side could tell); with each fault, the
// assertion that should catch it fails (INFO rows come out as 'warn'); a silent target ends in ProbeTargetError.
import dgram from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveSettings, type Settings } from '../../src/assert/profiles.js';
import type { RunResult } from '../../src/assert/result.js';
import { judgeRecording } from '../../src/probe/finish.js';
import { Recorder } from '../../src/probe/recorder.js';
import { panaPaaRole, runPanaPaa } from '../../src/probe/roles/pana-paa.js';
import type { ProbeOptions } from '../../src/probe/roles/types.js';
import type { PanaCaseResult } from '../../src/probe/scenarios/pana-paa.js';
import { DEFAULT_PAA, newPaaState, paaReceive, startPaa, type RunningServer } from '../../src/serve/pana-paa.js';
import { encodePana } from '../../src/proto/pana/message.js';
import { panaMessage } from '../../src/proto/pana/build.js';
import { ProbeTargetError } from '../../src/util/errors.js';
import { CATALOGUE } from '../../suites/index.js';

const TIMEOUT = 500;
const settings: Settings = { ...resolveSettings([]), 'flow.window': TIMEOUT / 1000 + 1 };

const opts = (port: number, extra: Record<string, unknown> = {}, cases: string[] = []): ProbeOptions => ({
  target: `[::1]:${port}`, timeout: TIMEOUT, cases, ha: '2001:db8:10::1', hnp: '2001:db8:10::/64', msp: 'msp.example',
  linkAddress: '2001:db8:1::1', originHost: 'tester.test.realm', originRealm: 'test.realm', extra,
});

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function probe(faults: string[] = [], cases: string[] = []): Promise<{ results: PanaCaseResult[]; run: RunResult }> {
  server = await startPaa({ bind: '::1', port: 0, faults: new Set(faults), settings, retransmitMs: 150 });
  const rec = new Recorder();
  const results = await runPanaPaa(opts(server.port, {}, cases), settings, rec.tap);
  const run = await judgeRecording(rec, {
    role: panaPaaRole.name, targetRoles: panaPaaRole.targetRoles, settings, profiles: [], catalogue: CATALOGUE, failOn: 'must',
    port: { proto: 'pana', port: server.port },
  });
  return { results, run };
}

const outcome = (run: RunResult, id: string) => run.results.find((r) => r.id === id)?.outcome;
const BAD = ['fail', 'warn'];

describe('reference PAA responder (pure part)', () => {
  const pac = { addr: '::1', port: 40000 };
  it('answers a PCI with an S-flag PAR offering PRF/Integrity algorithms and Mobility-Capability, once per PaC', () => {
    const st = newPaaState();
    const pci = encodePana(panaMessage({ type: 1 }));
    const [out] = paaReceive(st, pci, pac, DEFAULT_PAA, new Set(), settings);
    expect(out).toBeDefined();
    expect(Buffer.from(out!.bytes.subarray(4, 6)).readUInt16BE(0)).toBe(0xc000); // R|S
    expect(st.sessions.size).toBe(1);
    expect(paaReceive(st, pci, pac, DEFAULT_PAA, new Set(), settings)).toEqual([]); // PCI retransmission
  });
  it('never throws on cut or random datagrams, and answers none of them', () => {
    const st = newPaaState();
    const pci = encodePana(panaMessage({ type: 2, flags: ['S'], sessionId: 7, seq: 1 }));
    for (let n = 0; n < pci.length; n++) expect(paaReceive(st, pci.subarray(0, n), pac, DEFAULT_PAA, new Set(), settings)).toEqual([]);
    for (let i = 0; i < 200; i++) {
      const junk = new Uint8Array(Array.from({ length: 16 + (i % 40) }, (_, k) => (i * 131 + k * 29) & 0xff));
      expect(() => paaReceive(st, junk, pac, DEFAULT_PAA, new Set(), settings)).not.toThrow();
    }
  });
});

describe('probe pana-paa vs the reference PAA', () => {
  it('clean: the exchange completes per case and every PAA verdict is pass (HA-vs-AAA inconclusive without AAA traffic)', async () => {
    const { results, run } = await probe();
    const r = (n: string) => results.find((x) => x.name === n)!;
    expect(results.map((x) => x.name)).toEqual(['plain', 'mobility', 'mobility-rejected', 'pan-wrong-seq', 'unknown-avp']);
    expect(r('plain')).toMatchObject({ answered: true, offeredMobility: true, completed: true, resultCode: 0, authValid: true });
    expect(r('plain').ha).toBeUndefined();
    expect(r('mobility')).toMatchObject({ completed: true, resultCode: 0, ha: DEFAULT_PAA.ha, hoa: DEFAULT_PAA.hoa, authValid: true });
    expect(r('mobility-rejected')).toMatchObject({ completed: true, resultCode: 1 });
    expect(r('mobility-rejected').ha).toBeUndefined();
    expect(r('pan-wrong-seq')).toMatchObject({ wrongSeq: 'retransmitted', completed: true, resultCode: 0, authValid: true });
    expect(r('unknown-avp')).toMatchObject({ completed: true, resultCode: 0 });

    expect(outcome(run, 'RFC5191-4.1-paa-start-complete-flags')).toBe('pass');
    expect(outcome(run, 'S002-4.2-paa-mobility-capability')).toBe('pass');
    expect(outcome(run, 'S002-4.2-paa-ha-avp-placement')).toBe('pass');
    expect(outcome(run, 'S002-4.3-paa-ha-integrity')).toBe('pass');
    expect(outcome(run, 'S002-4.2-paa-ha-matches-aaa')).toBe('inconclusive');
    expect(run.results.filter((x) => x.role !== 'paa')).toEqual([]); // the PaC's own messages are never judged
    expect(run.results.filter((x) => BAD.includes(x.outcome) || x.outcome === 'error').map((x) => x.id)).toEqual([]);
  });

  it.each([
    ['paa-no-mobility-capability', 'S002-4.2-paa-mobility-capability'],
    ['paa-ha-after-failure', 'S002-4.2-paa-ha-avp-placement'],
    ['paa-ha-without-auth', 'S002-4.3-paa-ha-integrity'],
    ['paa-no-c-flag', 'RFC5191-4.1-paa-start-complete-flags'],
  ])('fault %s is caught by %s', async (fault, id) => {
    const { run } = await probe([fault]);
    expect(BAD).toContain(outcome(run, id));
  });

  it('fault paa-accepts-wrong-seq: the PAA goes on after a PAN with a wrong sequence number (no catalogue assertion yet)', async () => {
    const clean = await probe([], ['pan-wrong-seq']);
    expect(clean.results[0]!.wrongSeq).toBe('retransmitted');
    await server!.stop();
    server = undefined;
    const bad = await probe(['paa-accepts-wrong-seq'], ['pan-wrong-seq']);
    expect(bad.results[0]!.wrongSeq).toBe('accepted');
  });

  it('fault paa-rejects-unknown-avp: the exchange stalls after the first PAN (no catalogue assertion yet)', async () => {
    const { results } = await probe(['paa-rejects-unknown-avp'], ['unknown-avp']);
    expect(results[0]).toMatchObject({ answered: true, completed: false });
    expect(results[0]!.retransmits).toBeGreaterThan(0); // the PAA retransmits the PAR it never saw answered
  });

  it('a UDP target that never answers ends in ProbeTargetError within timeout + 1 s', async () => {
    const silent = dgram.createSocket('udp6');
    await new Promise<void>((res) => silent.bind(0, '::1', () => res()));
    const port = silent.address().port;
    const rec = new Recorder();
    const t = performance.now();
    try {
      await expect(panaPaaRole.run(opts(port), settings, rec)).rejects.toBeInstanceOf(ProbeTargetError);
      expect(performance.now() - t).toBeLessThan(TIMEOUT + 1000);
      expect(rec.records().filter((x) => x.dir === 'sent')).toHaveLength(1); // one PCI, then the probe gave up
    } finally {
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });
});
