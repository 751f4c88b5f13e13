// The issue's "Done when": the same Diameter exchange split and coalesced in every way (TCP and SCTP) decodes to the
// same messages and reaches the same verdicts. Also: what a request without an answer says, a capture cut mid-message,
// and TLS-protected Diameter (opaque: nothing judged, no pass).
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../suites/index.js';
import { ASSERTIONS } from '../../suites/bundles/diameter.js';
import { resolveSettings } from '../assert/profiles.js';
import type { Outcome } from '../assert/types.js';
import type { Message } from '../flow/message.js';
import { FIXTURE_EPOCH, outcomes, runCase, toFrames, type FixtureCase, type FixtureFrame } from '../fixtures/kit.js';
import { NAS_VARIANTS } from '../fixtures/diameter.js';
import { buildTcp } from '../net/build.js';
import { Demux } from '../pipeline/messages.js';
import { audit } from '../pipeline/audit.js';
import { PROTOCOLS } from '../proto/index.js';
import type { DiameterMessage } from '../proto/diameter/index.js';
import { aarPair, conversation, DIA_ADDR, nasSteps, type ConversationOptions } from './diameter.js';

const IDS = ASSERTIONS.map((a) => a.id);
/** the only verdict that depends on the transport: Host-IP-Address rules are for SCTP (RFC 6733 §5.3.1) */
const TRANSPORT_SPECIFIC = 'RFC6733-5.3.1-sctp-host-ip-address';

function asCase(name: string, frames: () => FixtureFrame[]): FixtureCase {
  return { name, description: name, frames, expect: {} };
}

async function verdicts(frames: () => FixtureFrame[]): Promise<Record<string, Outcome | 'missing'>> {
  const o = outcomes(await runCase(asCase('x', frames), CATALOGUE));
  return Object.fromEntries(IDS.filter((id) => id !== TRANSPORT_SPECIFIC).map((id) => [id, o[id] ?? 'missing']));
}

function decode(frames: FixtureFrame[]): { msgs: Message<DiameterMessage>[]; issues: string[] } {
  const msgs: Message<DiameterMessage>[] = [];
  const issues: string[] = [];
  const d = new Demux(PROTOCOLS, resolveSettings([]), {
    message: (m) => void (m.proto === 'diameter' && msgs.push(m as Message<DiameterMessage>)),
    issue: (f, i) => void issues.push(`${f}: ${i.code}`),
    opaque: (o) => void issues.push(`opaque ${o.reason}`),
  });
  for (const f of toFrames(frames)) d.frame(f);
  d.end();
  for (const m of msgs) for (const i of m.issues) issues.push(`${m.frame}: ${i.code}`);
  return { msgs, issues };
}

/** what each direction carried, in order: command, R, hop-by-hop, end-to-end, AVP codes */
const shape = (msgs: Message<DiameterMessage>[]) => {
  const dir = (from: string) => msgs.filter((m) => m.src.addr === from).map((m) => `${m.value.name}/${m.value.hopByHop.toString(16)}/${m.value.endToEnd.toString(16)}/${m.value.avps.map((x) => x.code).join(',')}`);
  return { client: dir(DIA_ADDR.nas.addr), server: dir(DIA_ADDR.aaa.addr) };
};

// more cuts than the fixture captures hold: every header offset, and splits around the first AVP
const EXTRA: { name: string; opts: Partial<ConversationOptions> }[] = [
  ...Array.from({ length: 20 }, (_, i) => ({ name: `split@${i + 1}`, opts: { segmentation: { split: [i + 1] } } as Partial<ConversationOptions> })),
  { name: 'split@1,2,3,...,28', opts: { segmentation: { split: Array.from({ length: 28 }, (_, i) => i + 1) } } },
];

describe('the NAS exchange in every segmentation', () => {
  const whole = () => conversation({ steps: nasSteps() });
  const ref = decode(whole());

  it('the reference decodes without issues into 8 messages', () => {
    expect(ref.issues).toEqual([]);
    expect(ref.msgs.map((m) => m.value.name)).toEqual(['CER', 'CEA', 'DWR', 'AAR', 'DWA', 'AAA', 'DPR', 'DPA']);
  });

  for (const v of [...NAS_VARIANTS.map((x) => ({ name: x.name, opts: x.opts })), ...EXTRA]) {
    it(`${v.name}: same messages, no issues, same verdicts`, async () => {
      const frames = () => conversation({ steps: nasSteps(), ...v.opts });
      const got = decode(frames());
      expect(got.issues).toEqual([]);
      expect(shape(got.msgs)).toEqual(shape(ref.msgs));
      // messages split over segments name every frame they came from
      if (typeof v.opts.segmentation === 'object' || v.opts.segmentation === 'reorder') expect(got.msgs.every((m) => m.frames.length >= 2)).toBe(true);
      expect(await verdicts(frames)).toEqual(await verdicts(whole));
    });
  }

  it('the verdicts compared are real: the clean exchange passes and has no fail/warn/error', async () => {
    const o = await verdicts(whole);
    expect(Object.values(o).filter((x) => x === 'pass').length).toBeGreaterThan(20);
    expect(Object.entries(o).filter(([, x]) => x === 'fail' || x === 'warn' || x === 'error')).toEqual([]);
  });
});

describe('requests without an answer', () => {
  const lost = (close: ConversationOptions['close']) => () =>
    conversation({ steps: nasSteps({ extra: aarPair([], () => null, 3), drop: ['DPR', 'DPA'] }), close });

  it('a timeout says "no answer within T"', async () => {
    const r = await runCase(asCase('t', lost('none')), CATALOGUE);
    const v = r.results.find((x) => x.id === 'RFC6733-6.2-answer-session-id')!.verdicts.find((x) => x.outcome === 'inconclusive')!;
    expect(v.message).toContain('no answer within 5 s');
  });

  it('a reset says "connection closed (RST…)"', async () => {
    const r = await runCase(asCase('r', lost('rst')), CATALOGUE);
    const v = r.results.find((x) => x.id === 'RFC6733-6.2-answer-session-id')!.verdicts.find((x) => x.outcome === 'inconclusive')!;
    expect(v.message).toMatch(/connection closed \(RST/);
  });
});

describe('a capture that starts inside the CER', () => {
  it('resynchronises at the next header; later exchanges are judged, the CER-dependent check is inconclusive', async () => {
    const full = conversation({ steps: nasSteps(), segmentation: { split: [40] } });
    // drop the handshake and the CER's first segment: the capture starts 40 octets into the CER
    const cut = () => full.slice(4);
    const d = decode(cut());
    expect(d.msgs.map((m) => m.value.name)).toEqual(['CEA', 'DWR', 'AAR', 'DWA', 'AAA', 'DPR', 'DPA']);
    expect(d.issues.some((i) => i.includes('diameter.framing.resync'))).toBe(true);
    const o = outcomes(await runCase(asCase('cut', cut), CATALOGUE));
    expect(o['RFC6733-5.3-advertised-application']).toBe('inconclusive');
    expect(o['RFC5447-4.2.1-agent-info-ha']).toBe('pass');
  });
});

describe('TLS-protected Diameter', () => {
  it('is reported opaque and nothing passes', async () => {
    // a TLS ClientHello-like record and a server record on port 5658 (RFC 6733 §2.1)
    const rec = (n: number) => Uint8Array.from([0x16, 0x03, 0x03, 0x00, n, ...new Array(n).fill(0x42)]);
    const c = { addr: DIA_ADDR.nas.addr, port: 40010 };
    const s = { addr: DIA_ADDR.aaa.addr, port: 5658 };
    const t = FIXTURE_EPOCH;
    const frames: FixtureFrame[] = [
      { ts: t, data: buildTcp({ src: c.addr, dst: s.addr, sport: c.port, dport: s.port, seq: 1, flags: 'S' }) },
      { ts: t + 0.001, data: buildTcp({ src: s.addr, dst: c.addr, sport: s.port, dport: c.port, seq: 100, ack: 2, flags: 'SA' }) },
      { ts: t + 0.002, data: buildTcp({ src: c.addr, dst: s.addr, sport: c.port, dport: s.port, seq: 2, ack: 101, flags: 'PA', payload: rec(60) }) },
      { ts: t + 0.003, data: buildTcp({ src: s.addr, dst: c.addr, sport: s.port, dport: c.port, seq: 101, ack: 67, flags: 'PA', payload: rec(80) }) },
    ];
    const r = await audit([{ name: 'tls', frames: toFrames(frames) }], {
      settings: resolveSettings([]), profiles: ['default'], assertions: CATALOGUE, modules: PROTOCOLS, failOn: 'must',
    });
    expect(r.results.filter((x) => x.outcome === 'pass')).toEqual([]);
    expect(r.results.filter((x) => x.proto === 'diameter' && x.outcome !== 'not-applicable')).toEqual([]);
    expect(r.inputs[0]!.messages.diameter ?? 0).toBe(0);
    const opaque: string[] = [];
    const d = new Demux(PROTOCOLS, resolveSettings([]), { message: () => undefined, issue: () => undefined, opaque: (o) => void opaque.push(o.reason) });
    for (const f of toFrames(frames)) d.frame(f);
    d.end();
    expect(opaque.length).toBeGreaterThan(0);
    expect(opaque[0]).toMatch(/TLS/);
  });
});
