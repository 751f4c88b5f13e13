// probe diameter-server / home-agent against a small conformant AAA server written here with our own codec (on
// [::1]:3868, so the recording decodes as Diameter): every case ends with the outcome RFC 6733 asks for, and the
// recording shows it to the matcher the same way (answer, timeout, or closed by the target).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/assert/profiles.js';
import type { Transaction } from '../../src/flow/transaction.js';
import { audit } from '../../src/pipeline/audit.js';
import { codepoint } from '../../src/proto/codepoints.js';
import { avp, dictionaryFor, findAll, findAvp, CMD, AVPF, type DiameterMessage } from '../../src/proto/diameter/index.js';
import { PROTOCOLS } from '../../src/proto/index.js';
import { DiameterPeer, type Link } from '../../src/probe/diameter-peer.js';
import { Recorder } from '../../src/probe/recorder.js';
import { diameterServerRole } from '../../src/probe/roles/diameter-server.js';
import { homeAgentRole } from '../../src/probe/roles/home-agent.js';
import type { ProbeOptions } from '../../src/probe/roles/types.js';
import { listenTcp, type Listener } from '../../src/probe/scenarios/diameter-listen.js';
import { DIAMETER_SERVER_CASES, UNSUPPORTED_APP } from '../../src/probe/scenarios/diameter-server.js';
import { probeDiameterTarget, type DiameterCaseResult, diameterProbeOptions } from '../../src/probe/scenarios/diameter-run.js';
import { HOME_AGENT_CASES } from '../../src/probe/scenarios/diameter-home-agent.js';

const settings = resolveSettings([]);
settings['flow.window'] = 1; // a request unanswered for 1 s is a timeout in the recording
const dict = dictionaryFor(settings);
const S001 = codepoint(settings, 's001.appId');
const MHR = codepoint(settings, 's001.mhr.command');

/** What a conformant AAA server answers (RFC 6733 §7.1, §7.5); MHR is left unanswered to exercise the timeout path. */
function judge(m: DiameterMessage, issues: { code: string }[], peer: DiameterPeer): DiameterMessage | null {
  const d = { dict };
  const failed = (x: Parameters<typeof avp>[1]) => avp('Failed-AVP', x as never, d);
  if (m.flags & CMD.E) return peer.answer(m, 3008);
  if (!dict.hasCommandCode(m.commandCode)) return peer.answer(m, 3001);
  if (![0, 1, 5, 8, S001].includes(m.applicationId)) return peer.answer(m, 3007);
  if (m.commandCode === MHR) return null;
  const bad = m.avps.find((a) => a.name === 'Auth-Request-Type' && !(typeof a.value === 'number'));
  if (bad || issues.some((i) => i.code === 'diameter.avp.bad-length')) return peer.answer(m, 5014, bad ? [failed([bad])] : []);
  const unknown = m.avps.find((a) => !a.name && a.flags & AVPF.M);
  if (unknown) return peer.answer(m, 5001, [failed([unknown])]);
  if (!findAvp(m, 'Destination-Realm') && m.commandCode !== 280) return peer.answer(m, 5005, [failed([avp('Destination-Realm', '', d)])]);
  const hosts = findAll(m, 'Origin-Host');
  if (hosts.length > 1) return peer.answer(m, 5009, [failed([hosts[1]!])]);
  const art = findAvp(m, 'Auth-Request-Type');
  if (art && ![1, 2, 3].includes(Number(art.value))) return peer.answer(m, 5004, [failed([art])]);
  return peer.answer(m, 2001);
}

async function serveConn(link: Link): Promise<void> {
  const peer = new DiameterPeer(link, { originHost: 'aaa.test.realm', originRealm: 'test.realm', authApps: [1, 5, 8, S001] }, dict);
  peer.autoAnswer = false;
  const first = await peer.next(3000);
  if (first.kind !== 'message' || first.msg.commandCode !== 257) {
    await link.end(); // RFC 6733 §5.6.1
    await link.close();
    return;
  }
  const apps = findAll(first.msg, 'Auth-Application-Id').map((a) => Number(a.value));
  const common = apps.some((a) => [1, 5, 8, S001].includes(a));
  await peer.send(peer.cea(first.msg, common ? 2001 : 5010), true);
  if (!common) return void (await link.close());
  peer.autoAnswer = true;
  for (;;) {
    const r = await peer.next(5000);
    if (r.kind !== 'message') break; // junk / wrong version: the peer resets the link (RFC 6733 §2.1)
    if (!(r.msg.flags & CMD.R)) continue;
    const a = judge(r.msg, r.issues, peer);
    if (a) await peer.send(a, true);
  }
  await link.close();
}

let aaa: Listener;
const conns: Promise<void>[] = [];
let stopped = false;

beforeAll(async () => {
  const l = await listenTcp({ bind: '::1', port: 3868 });
  if (l.kind !== 'listening') throw new Error(`mock AAA: ${l.code} ${l.message}`);
  aaa = l.listener;
  void (async () => {
    while (!stopped) {
      const c = await aaa.accept(100);
      if (!('kind' in c)) conns.push(serveConn(c));
    }
  })();
});
afterAll(async () => {
  stopped = true;
  await aaa.close();
  await Promise.allSettled(conns);
});

async function transactions(rec: Recorder): Promise<Transaction[]> {
  const txs: Transaction[] = [];
  await audit([{ name: 'probe', frames: rec.frames() }], {
    settings, profiles: [], assertions: [], modules: PROTOCOLS, failOn: 'must', onTransaction: (tx) => txs.push(tx),
  });
  return txs.filter((t) => t.proto === 'diameter');
}

const opts = (cases: string[] = []): ProbeOptions => ({
  target: '[::1]:3868', timeout: 600, cases, ha: '2001:db8:10::1', hnp: '2001:db8:10::/64', msp: 'msp.example',
  linkAddress: '2001:db8:1::1', originHost: 'tester.test.realm', originRealm: 'test.realm', extra: {},
});

describe('probe diameter-server vs a conformant mock AAA on [::1]:3868', () => {
  let results: DiameterCaseResult[];
  let rec: Recorder;
  let ms: number;
  beforeAll(async () => {
    rec = new Recorder();
    const t = performance.now();
    results = await probeDiameterTarget(diameterProbeOptions(opts(), settings, rec.tap, [1, 5, 7, 8, S001]), DIAMETER_SERVER_CASES);
    ms = performance.now() - t;
  });
  const r = (name: string) => results.find((x) => x.name === name)!;

  it('runs every case once, in the case-list order', () => {
    expect(results.map((x) => x.name)).toEqual(DIAMETER_SERVER_CASES.map((c) => c.name));
  });

  it('session cases get the answers the mock gives', () => {
    expect(r('cer')).toMatchObject({ outcome: 'answer', resultCode: 2001, eBit: false });
    expect(r('dwr')).toMatchObject({ outcome: 'answer', resultCode: 2001 });
    for (const n of ['aar-mip6', 'aar-fv-zero', 'aar-hint-no-local', 'der-eap', 'mir', 'mbr']) expect(r(n)).toMatchObject({ outcome: 'answer', resultCode: 2001 });
    expect(r('unknown-command')).toMatchObject({ resultCode: 3001, eBit: true });
    expect(r('unsupported-app')).toMatchObject({ resultCode: 3007, eBit: true });
    expect(r('unknown-avp-m')).toMatchObject({ resultCode: 5001, failedAvp: true });
    expect(r('missing-avp')).toMatchObject({ resultCode: 5005, failedAvp: true });
    expect(r('invalid-avp-length')).toMatchObject({ resultCode: 5014, failedAvp: true });
    expect(r('r-and-e')).toMatchObject({ resultCode: 3008, eBit: true });
    expect(r('two-origin-host')).toMatchObject({ resultCode: 5009, failedAvp: true });
    expect(r('bad-auth-request-type')).toMatchObject({ resultCode: 5004, failedAvp: true });
  });

  it('an unanswered request is a timeout; connection-killing cases end closed', () => {
    expect(r('mhr')).toMatchObject({ outcome: 'timeout' });
    expect(r('mhr').detail).toMatch(/no answer .* within 6\d\d ms/);
    expect(r('wrong-version')).toMatchObject({ outcome: 'closed' });
    expect(r('garbage')).toMatchObject({ outcome: 'closed' });
    expect(r('dwr-before-cer')).toMatchObject({ outcome: 'closed', detail: expect.stringMatching(/FIN/) });
    expect(r('cer-no-common-app')).toMatchObject({ outcome: 'answer', resultCode: 5010 });
  });

  it('the recording shows the same to the matcher: answers paired, the MHR timed out (not closed by us), closes by the target', async () => {
    const txs = await transactions(rec);
    const ex = txs.filter((t) => t.kind === 'diameter.exchange');
    const mhr = ex.find((t) => (t.request.value as DiameterMessage).commandCode === MHR)!;
    expect(mhr.answers).toHaveLength(0);
    expect(mhr.timeout).toBeDefined();
    expect(mhr.closed).toBeUndefined();
    const rc = (t: Transaction) => Number(findAvp(t.answers[0]!.value as DiameterMessage, 'Result-Code')?.value);
    const byCode = (code: number, app?: number) => ex.filter((t) => {
      const v = t.request.value as DiameterMessage;
      return v.commandCode === code && (app === undefined || v.applicationId === app);
    });
    expect(byCode(265, UNSUPPORTED_APP).map(rc)).toEqual([3007]);
    // dwr-before-cer (FIN) and wrong-version (RST): closed by the target. closed.frame is 0 for a bare FIN/RST (the
    // pipeline names the last data frame), so the closing segment is looked up in the records.
    const closed = ex.filter((t) => t.closed);
    expect(closed.map((t) => t.closed!.how).sort()).toEqual(['fin', 'rst']);
    const recs = rec.records();
    for (const t of closed) {
      const port = t.request.src.port;
      const end = recs.find((x) => /[FR]/.test(x.tcp?.flags ?? '') && (x.src.port === port || x.dst.port === port));
      expect(end?.dir).toBe('received');
      expect(end?.tcp?.flags.includes(t.closed!.how === 'fin' ? 'F' : 'R')).toBe(true);
    }
    // hop-by-hop identifiers unique among our requests (RFC 6733 §3)
    const ours = ex.filter((t) => t.request.src.port !== 3868).map((t) => (t.request.value as DiameterMessage).hopByHop);
    expect(new Set(ours).size).toBe(ours.length);
  });

  it('takes about the case timeouts plus the recording window, no more', () => {
    // one 600 ms timeout on the session (MHR), the window (1 s) before the teardown, the rest on loopback
    expect(ms).toBeLessThan(4000);
  });
});

describe('roles', () => {
  it('diameter-server: the role runs the cases through the CLI options (one case)', async () => {
    const rec = new Recorder();
    await diameterServerRole.run(opts(['unknown-command']), settings, rec);
    const txs = await transactions(rec);
    const names = txs.map((t) => (t.request.value as DiameterMessage).name ?? (t.request.value as DiameterMessage).commandCode);
    expect(names).toEqual(['CER', 16777213, 'DWR', 'DPR'].filter((n) => n !== 'DWR'));
    expect(diameterServerRole.targetRoles).toEqual(['diameter-node', 'aaa-server']);
  });

  it('home-agent: MHR with the configured code points; the silent HA is a timeout', async () => {
    const rec = new Recorder();
    const res = await probeDiameterTarget(diameterProbeOptions(opts(['mhr', 'mhr-missing-avp']), settings, rec.tap, [S001]), HOME_AGENT_CASES);
    expect(res.map((x) => [x.name, x.outcome])).toEqual([['mhr', 'timeout'], ['mhr-missing-avp', 'timeout']]);
    const txs = await transactions(rec);
    const mhrs = txs.filter((t) => (t.request.value as DiameterMessage).commandCode === MHR);
    expect(mhrs).toHaveLength(2);
    for (const t of mhrs) {
      expect((t.request.value as DiameterMessage).applicationId).toBe(S001);
      expect(t.timeout).toBeDefined();
      expect(t.closed).toBeUndefined();
    }
    expect(homeAgentRole.targetRoles).toEqual(['home-agent', 'diameter-node']);
  });

  it('an unknown case name is a usage error', async () => {
    await expect(diameterServerRole.run(opts(['no-such-case']), settings, new Recorder())).rejects.toMatchObject({ code: 'M6_ERR_USAGE' });
  });
});
