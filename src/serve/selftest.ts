// selftest: run the catalogue against the reference once clean (every applicable assertion should pass) and once
// per named fault (the assertions that should catch it fail), then report, with the fixture cases, which
// assertions nothing makes fail and which faults nothing catches.
import type { Settings } from '../assert/profiles.js';
import type { RunResult } from '../assert/result.js';
import type { Assertion, Role } from '../assert/types.js';
import { mergeResults } from '../pipeline/parallel.js';
import { audit } from '../pipeline/audit.js';
import { PROTOCOLS } from '../proto/index.js';
import { duid, encodeDhcpv6, msg, opt, OPT } from '../proto/dhcpv6/index.js';
import { judgeRecording } from '../probe/finish.js';
import { Recorder } from '../probe/recorder.js';
import { PROBE_ROLES } from '../probe/roles/index.js';
import type { ProbeOptions } from '../probe/roles/types.js';
import { openUdp } from '../probe/transport/udp.js';
import type { FixtureCase } from '../fixtures/kit.js';
import { FAULTS } from './faults.js';
import { startReference } from './run.js';
import { startPaa } from './pana-paa.js';
import { startFha } from './fha.js';

export interface SelftestReport {
  assertions: number;
  faults: number;
  /** assertions no fault run and no fixture case makes fail (or warn) */
  unfailable: string[];
  /** faults no assertion catches */
  uncaught: string[];
  /** assertions that fail or warn against the clean reference (a bug in the reference or the assertion) */
  cleanFailures: { id: string; outcome: string; message: string }[];
  /** per fault: the assertions that caught it */
  caught: Record<string, string[]>;
  /** the clean run, for reports */
  clean: RunResult;
}

const BAD = new Set(['fail', 'warn', 'error']);

/** One run against a fresh reference: a client through relay/NAS → server (with AAA), and the probes. */
export async function referenceRun(faults: ReadonlySet<string>, settings: Settings, catalogue: readonly Assertion[], timeoutMs = 600): Promise<RunResult> {
  const rec = new Recorder();
  const ref = await startReference({ bind: '::1', serverPort: 0, relayPort: 0, aaaPort: 0, faults, settings, tap: rec.tap });
  const paa = await startPaa({ bind: '::1', port: 0, faults, settings, retransmitMs: 150 });
  const fha = await startFha({ bind: '127.0.0.1', port: 0, faults, settings });
  try {
    await driveClient(ref.relay.port, timeoutMs);
    const s: Settings = { ...settings, ports: { ...settings.ports, dhcpv6: [ref.relay.port, ref.server.port], diameter: [ref.aaa.port] } };
    // the mobile node here is selftest's own driver: judge the reference's roles only
    const referenceRoles: Role[] = ['relay', 'server', 'nas', 'aaa-server', 'diameter-node'];
    const own = await audit([{ name: 'reference', frames: rec.frames() }], {
      settings: s, profiles: ['default'], assertions: catalogue.filter((a) => referenceRoles.includes(a.role)), modules: PROTOCOLS, failOn: 'must',
    });
    const parts: RunResult[] = [own];
    const probes: { role: string; target: string; port: number; proto: 'dhcpv6' | 'diameter' | 'pana' | 'mipv4' }[] = [
      { role: 'dhcp-server', target: `[::1]:${ref.server.port}`, port: ref.server.port, proto: 'dhcpv6' },
      { role: 'diameter-server', target: `[::1]:${ref.aaa.port}`, port: ref.aaa.port, proto: 'diameter' },
      { role: 'pana-paa', target: `[::1]:${paa.port}`, port: paa.port, proto: 'pana' },
      { role: 'fha', target: `127.0.0.1:${fha.port}`, port: fha.port, proto: 'mipv4' },
    ];
    for (const p of probes) {
      const role = PROBE_ROLES.find((r) => r.name === p.role);
      if (!role) continue;
      const prec = new Recorder();
      const o: ProbeOptions = {
        target: p.target, timeout: timeoutMs, cases: [], ha: '2001:db8:10::1', hnp: '2001:db8:10::/64', msp: 'msp.example',
        linkAddress: '2001:db8:1::1', originHost: 'tester.test.realm', originRealm: 'test.realm', extra: {},
      };
      const ps: Settings = { ...settings, 'flow.window': Math.max(settings['flow.window'], timeoutMs / 1000 + 1) };
      try {
        await role.run(o, ps, prec);
      } catch {
        // an unreachable component shows up as missing verdicts; the clean run's report says so
      }
      parts.push(await judgeRecording(prec, {
        role: role.name, targetRoles: role.targetRoles as Role[], settings: ps, profiles: ['default'], catalogue, failOn: 'must', port: { proto: p.proto, port: p.port },
      }));
    }
    return mergeResults(parts, { failOn: 'must', profiles: ['default'], settings });
  } finally {
    await ref.stop();
    await paa.stop();
    await fha.stop();
  }
}

/** A mobile node: Information-requests for each home-information container, through the relay. */
async function driveClient(relayPort: number, timeoutMs: number): Promise<void> {
  // the client port (546) when it is free, as a real client would use; else an ephemeral one
  let sock = await openUdp({ bind: '::1', port: 546 });
  if (sock.kind === 'error') sock = await openUdp({ bind: '::1' });
  if (sock.kind === 'error') throw new Error(`selftest client: ${sock.message}`);
  try {
    const asks: number[][] = [[OPT.MIP6_IDINF], [OPT.MIP6_VDINF], [OPT.MIP6_UDINF]];
    let i = 0;
    for (const codes of asks) {
      i++;
      const ir = msg.informationRequest(0x5e1f00 + i, [
        opt.clientId(duid.ll(Uint8Array.of(2, 0, 0, 0, 0x5e, i))), opt.elapsedTime(0),
        opt.oro([...codes, OPT.INFORMATION_REFRESH_TIME, OPT.INF_MAX_RT]), ...(codes[0] === OPT.MIP6_IDINF ? [opt.hnidf('msp.example')] : []),
      ]);
      await sock.send(encodeDhcpv6(ir), { addr: '::1', port: relayPort });
    }
    await sock.collect(timeoutMs); // the relay's tap records the Replies; waiting lets them arrive
  } finally {
    await sock.close();
  }
}

export async function selftest(settings: Settings, catalogue: readonly Assertion[], cases: readonly FixtureCase[], onProgress?: (s: string) => void): Promise<SelftestReport> {
  onProgress?.('clean reference');
  const clean = await referenceRun(new Set(), settings, catalogue);
  const cleanBad = new Set(clean.results.filter((r) => BAD.has(r.outcome)).map((r) => r.id));
  const caught: Record<string, string[]> = {};
  const everFailed = new Set<string>();
  for (const f of FAULTS) {
    onProgress?.(`fault ${f.name}`);
    const r = await referenceRun(new Set([f.name]), settings, catalogue);
    caught[f.name] = r.results.filter((x) => BAD.has(x.outcome) && !cleanBad.has(x.id)).map((x) => x.id);
    for (const id of caught[f.name]!) everFailed.add(id);
  }
  for (const c of cases) for (const [id, o] of Object.entries(c.expect)) if (o === 'fail' || o === 'warn') everFailed.add(id);
  return {
    assertions: catalogue.length,
    faults: FAULTS.length,
    unfailable: catalogue.map((a) => a.id).filter((id) => !everFailed.has(id)),
    uncaught: FAULTS.map((f) => f.name).filter((n) => !caught[n]?.length),
    cleanFailures: clean.results
      .filter((r) => BAD.has(r.outcome))
      .map((r) => ({ id: r.id, outcome: r.outcome, message: r.verdicts.find((x) => BAD.has(x.outcome))?.message ?? '' })),
    caught,
    clean,
  };
}
