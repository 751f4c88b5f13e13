// probe nas: the tester plays the home AAA server on 127.0.0.31:3868 and a small NAS written here with our own codec
// connects to it. (freeDiameter cannot send AAR/DER without an application extension, so it cannot play the NAS.)
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/assert/profiles.js';
import type { Transaction } from '../../src/flow/transaction.js';
import { audit } from '../../src/pipeline/audit.js';
import { dictionaryFor, findAvp, type DiameterMessage } from '../../src/proto/diameter/index.js';
import { PROTOCOLS } from '../../src/proto/index.js';
import { DiameterPeer } from '../../src/probe/diameter-peer.js';
import { Recorder } from '../../src/probe/recorder.js';
import { nasRole } from '../../src/probe/roles/nas.js';
import type { ProbeOptions } from '../../src/probe/roles/types.js';
import { aar, der } from '../../src/probe/scenarios/diameter-server.js';
import { prefixText, type CaseCtx } from '../../src/probe/scenarios/diameter-run.js';
import { serveNas, type NasExchange } from '../../src/probe/scenarios/diameter-nas.js';
import { connectTcp } from '../../src/probe/transport/tcp.js';

const settings = resolveSettings([]);
settings['flow.window'] = 1;
const dict = dictionaryFor(settings);
const AAA_ADDR = '127.0.0.31';
const NAS_ADDR = '127.0.0.32';
const HA = '2001:db8:77::1';
const HNP = '2001:db8:77::/64';

const opts = (extra: Record<string, unknown> = {}): ProbeOptions => ({
  target: NAS_ADDR, bind: AAA_ADDR, timeout: 500, cases: [], ha: HA, hnp: HNP, msp: 'msp.example',
  linkAddress: '2001:db8:1::1', originHost: 'aaa.test.realm', originRealm: 'test.realm', extra: { wait: 3000, idle: 700, ...extra },
});

/** the small NAS: connect from NAS_ADDR, optionally CER, send `msgs`, return the answers; then DPR */
async function nas(script: (c: CaseCtx) => DiameterMessage[], o: { cer?: boolean; dpr?: boolean } = {}): Promise<(DiameterMessage | string)[]> {
  let r;
  for (let i = 0; i < 50; i++) {
    r = await connectTcp({ host: AAA_ADDR, port: 3868, localAddr: NAS_ADDR, timeoutMs: 1000 });
    if (r.kind === 'connected') break;
    await new Promise((res) => setTimeout(res, 40)); // the tester is not listening yet
  }
  if (r?.kind !== 'connected') throw new Error(`NAS cannot connect: ${JSON.stringify(r)}`);
  const peer = new DiameterPeer(r.conn, { originHost: 'nas.test.realm', originRealm: 'test.realm', authApps: [1, 5] }, dict);
  const out: (DiameterMessage | string)[] = [];
  const push = (x: Awaited<ReturnType<DiameterPeer['request']>>) => out.push(x.outcome.kind === 'answer' ? x.outcome.msg : x.outcome.kind);
  if (o.cer !== false) push(await peer.capabilities(1000));
  const ctx: CaseCtx = { peer, dict, settings, host: 'nas.test.realm', realm: 'test.realm', destRealm: 'test.realm', ha: '2001:db8:99::1', hnp: { prefix: '2001:db8:99::', len: 64 }, extra: {} };
  for (const m of script(ctx)) push(await peer.request(m, 1000));
  if (o.dpr !== false) await peer.disconnect(1000);
  else await peer.link.close();
  return out;
}

async function transactions(rec: Recorder): Promise<Transaction[]> {
  const txs: Transaction[] = [];
  await audit([{ name: 'probe', frames: rec.frames() }], { settings, profiles: [], assertions: [], modules: PROTOCOLS, failOn: 'must', onTransaction: (t) => txs.push(t) });
  return txs.filter((t) => t.proto === 'diameter');
}

const rc = (m: DiameterMessage | string | undefined) => (typeof m === 'object' ? Number(findAvp(m, 'Result-Code')?.value) : m);

describe('probe nas (tester = home AAA server)', () => {
  it('accepts the CER, answers AAR and DER with --ha / --hnp in MIP6-Agent-Info, answers the DPR', async () => {
    const rec = new Recorder();
    const served = nasRole.run(opts(), settings, rec);
    const answers = await nas((c) => [aar(c), der(c)]);
    await served;
    expect(answers.map(rc)).toEqual([2001, 2001, 2001]);
    const aaa = answers[1] as DiameterMessage;
    expect(aaa.name).toBe('AAA');
    expect(findAvp(aaa, 'MIP6-Agent-Info/MIP-Home-Agent-Address')?.value).toMatchObject({ ip: HA });
    expect(prefixText(findAvp(aaa, 'MIP6-Agent-Info/MIP6-Home-Link-Prefix')!.value as Uint8Array)).toBe('2001:db8:77::/64');
    // RFC 5447 §4.2.5: the answer's feature bits are a subset of the request's (INTEGRATED|LOCAL asked)
    expect(findAvp(aaa, 'MIP6-Feature-Vector')?.value).toBe(3n);
    const dea = answers[2] as DiameterMessage;
    expect(dea.name).toBe('DEA');
    expect([...(findAvp(dea, 'EAP-Payload')!.value as Uint8Array)]).toEqual([3, 1, 0, 4]); // EAP-Success, same Identifier
    // the recording: CER, AAR, DER, DPR all paired; the tester's port is 3868 so it decodes as Diameter
    const txs = await transactions(rec);
    expect(txs.map((t) => [(t.request.value as DiameterMessage).name, t.answers.length])).toEqual([['CER', 1], ['AAR', 1], ['DER', 1], ['DPR', 1]]);
    expect(txs.every((t) => t.request.src.addr === NAS_ADDR)).toBe(true);
  });

  it('a first message that is not a CER: the tester closes that connection (RFC 6733 §5.6.1) and waits for the next', async () => {
    const run = serveNas({
      bind: AAA_ADDR, port: 3868, from: NAS_ADDR, waitMs: 3000, idleMs: 600, maxRequests: 1, settings,
      identity: { originHost: 'aaa.test.realm', originRealm: 'test.realm', authApps: [1, 5] }, ha: HA, hnp: { prefix: '2001:db8:77::', len: 64 }, tap: () => undefined,
    });
    const early = await nas((c) => [c.peer.dwr()], { cer: false, dpr: false });
    expect(early).toEqual(['closed']);
    const ok = await nas((c) => [aar(c, { fv: 0n })], { dpr: false });
    const log: NasExchange[] = await run;
    expect(log[0]).toMatchObject({ request: 'DWR', detail: expect.stringMatching(/not a CER: connection closed/) });
    expect(log.slice(1).map((x) => [x.request, x.answered])).toEqual([['CER', 2001], ['AAR', 2001]]);
    // requests=1 reached: the tester disconnects with a DPR, which the small NAS (not reading any more) leaves unanswered
    expect(rc(ok[1])).toBe(2001);
    expect(findAvp(ok[1] as DiameterMessage, 'MIP6-Feature-Vector')?.value).toBe(0n);
  });

  it('a NAS with no application in common gets CEA 5010 (RFC 6733 §5.3)', async () => {
    const run = serveNas({
      bind: AAA_ADDR, port: 3868, waitMs: 3000, idleMs: 600, maxRequests: 0, settings,
      identity: { originHost: 'aaa.test.realm', originRealm: 'test.realm', authApps: [8] }, ha: HA, hnp: { prefix: '2001:db8:77::', len: 64 }, tap: () => undefined,
    });
    const got = await nas(() => [], { dpr: false });
    expect(rc(got[0])).toBe(5010);
    expect((await run).map((x) => x.answered)).toEqual([5010]);
  });
});
