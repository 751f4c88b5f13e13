// The bootstrap-paths-mix capture decodes frame by frame (what `mip6-conform decode --format json` prints: the
// same Demux + describe()), and the failing cases of this bundle name the frame at fault.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/assert/profiles.js';
import type { Frame } from '../../src/capture/frame.js';
import { openCapture } from '../../src/capture/open.js';
import type { Message } from '../../src/flow/message.js';
import { CASES } from '../../src/fixtures/other-protocols.js';
import { runCase, toFrames } from '../../src/fixtures/kit.js';
import { Demux } from '../../src/pipeline/messages.js';
import { verifyMhChecksum } from '../../src/proto/mh/checksum.js';
import { s004Bootstrap } from '../../src/scenario/other.js';
import { PROTOCOLS } from '../../src/proto/index.js';
import { fromRoot } from '../../src/util/paths.js';
import { CATALOGUE } from '../index.js';

interface Row {
  frame: number;
  proto: string;
  msgType: unknown;
  issues: number;
  /** MH only: the checksum over the pseudo-header verifies */
  checksum?: boolean;
}

async function decodeAll(frames: Iterable<Frame> | AsyncIterable<Frame>): Promise<{ rows: Row[]; trouble: string[] }> {
  const rows: Row[] = [];
  const trouble: string[] = [];
  const sink = {
    message(m: Message) {
      const mod = PROTOCOLS.find((p) => p.name === m.proto)!;
      const d = mod.describe(m);
      // Diameter's summary names the command in commandName (it has no msgType)
      rows.push({
        frame: m.frame, proto: m.proto, msgType: d.msgType ?? d.commandName, issues: m.issues.length,
        ...(m.proto === 'mh' ? { checksum: verifyMhChecksum(m.raw, m.src.addr, m.dst.addr) } : {}),
      });
    },
    issue(frame: number, i: { code: string }) {
      trouble.push(`${frame}: ${i.code}`);
    },
    opaque(o: { frames: number[]; reason: string }) {
      trouble.push(`${o.frames[0]}: ${o.reason}`);
    },
  };
  const d = new Demux(PROTOCOLS, resolveSettings([]), sink);
  for await (const f of frames) d.frame(f);
  d.end();
  return { rows, trouble };
}

const MIX: [string, string][] = [
  ['pana', 'PANA-Client-Initiation'], ['pana', 'PANA-Auth-Request'], ['pana', 'PANA-Auth-Answer'],
  ['pana', 'PANA-Auth-Request'], ['pana', 'PANA-Auth-Answer'],
  ['diameter', 'DER'], ['diameter', 'DEA'],
  ['pana', 'PANA-Auth-Request'], ['pana', 'PANA-Auth-Answer'], ['pana', 'PANA-Notification-Request'], ['pana', 'PANA-Notification-Answer'],
  ['mipv4', 'Registration-Request'], ['mipv4', 'Registration-Reply'],
  ['ikev2', 'IKE_SA_INIT request'], ['ikev2', 'IKE_SA_INIT response'], ['ikev2', 'IKE_AUTH request'], ['ikev2', 'IKE_AUTH response'],
  ['ikev2', 'CREATE_CHILD_SA request'], ['ikev2', 'CREATE_CHILD_SA response'],
  ['mh', 'Home Agent Switch'], ['mh', 'Binding Update'], ['mh', 'Binding Acknowledgement'],
];

describe('bootstrap-paths-mix decodes frame by frame', () => {
  const mix = CASES.find((c) => c.name === 'bootstrap-paths-mix')!;

  it('every frame is one message with the right proto and msgType, without issues', async () => {
    const { rows, trouble } = await decodeAll(toFrames(mix.frames()));
    expect(trouble).toEqual([]);
    const want = MIX.map(([proto, msgType], i) => ({
      frame: i + 1, proto, msgType: expect.stringContaining(msgType), issues: 0, ...(proto === 'mh' ? { checksum: true } : {}),
    }));
    expect(rows).toEqual(want);
  });

  it('the committed capture file decodes the same way', async () => {
    const file = fromRoot('fixtures', 'captures', 'bootstrap-paths-mix', 'capture.pcapng');
    expect(fs.existsSync(file), `${file}: run the fixture generator`).toBe(true);
    const { rows } = await decodeAll(openCapture(file));
    expect(rows.map((r) => [r.proto, r.msgType])).toEqual(MIX.map(([p, t]) => [p, expect.stringContaining(t)]));
  });
});

describe('the S004 flow under AH (transport mode)', () => {
  it('decodes to the same messages: the network layer skips AH and hands the MH on', async () => {
    const clear = await decodeAll(toFrames(s004Bootstrap()));
    const ah = await decodeAll(toFrames(s004Bootstrap({ ah: true })));
    expect(ah.trouble).toEqual([]);
    expect(ah.rows).toEqual(clear.rows);
  });
  it('carries the AH SPI to the messages (Message.ipsec), so the IPsec assertions can pass', async () => {
    const c = CASES.find((x) => x.name === 'mh-home-registration-ah')!;
    const r = await runCase(c, CATALOGUE);
    const got = Object.fromEntries(r.results.map((x) => [x.id, x.outcome]));
    expect([got['RFC6275-5.1-home-registration-ipsec'], got['S004-4.3-has-bu-protected']]).toEqual(['pass', 'pass']);
  });
});

describe('failing verdicts name the frame', () => {
  async function verdicts(name: string, id: string) {
    const c = CASES.find((x) => x.name === name)!;
    expect(c, name).toBeDefined();
    const r = await runCase(c, CATALOGUE);
    return r.results.find((x) => x.id === id)!.verdicts.filter((v) => v.outcome === 'fail');
  }

  it('a Registration Reply with the wrong identification: the reply frame (2) and its request (1)', async () => {
    const [f] = await verdicts('mipv4-reply-wrong-identification', 'RFC5944-3.4-fha-identification');
    expect(f?.evidence.frames).toEqual([1, 2]);
    expect(f?.message).toMatch(/frame 2/);
  });

  it('a Home Agent Switch without the B bit: the HAS frame (7)', async () => {
    const [f] = await verdicts('s004-has-without-b-bit', 'S004-4.3-has-b-bit');
    expect(f?.evidence.frames).toEqual([7]);
    expect(f?.evidence).toMatchObject({ path: 'has.reserved.B', expected: 1, actual: 0 });
  });

  it('a BU to the old HA after the HAS: the BU frame', async () => {
    const [f] = await verdicts('s004-bu-to-old-ha', 'S004-4.3-mn-bu-after-has');
    expect(f?.evidence.frames).toContain(10);
  });
});
