// Our DHCPv6 decode against tshark's (an implementation nobody here wrote), on every DHCPv6 fixture capture:
// per frame, the message type, transaction id / relay header, and the option codes and lengths at every message
// level (relay messages nest through OPTION_RELAY_MSG in both). Frames our codec marks malformed are left out:
// tshark 4.0 drops an overrunning option without a mark (see shared/peers/README.md).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/assert/profiles.js';
import { openCapture } from '../../src/capture/open.js';
import type { Message } from '../../src/flow/message.js';
import { Demux } from '../../src/pipeline/messages.js';
import { PROTOCOLS } from '../../src/proto/index.js';
import type { Dhcpv6Message } from '../../src/proto/dhcpv6/index.js';
import { CASES } from '../../src/fixtures/index.js';
import { fromRoot } from '../../src/util/paths.js';

const hasTshark = (() => {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasTshark && process.env.CI) throw new Error('tshark is required in CI (apt-get install tshark)');

interface Level {
  msgType: number;
  xid?: number;
  hop?: number;
  link?: string;
  peer?: string;
  options: [number, number][];
}

function ourLevels(m: Dhcpv6Message): Level[] {
  const out: Level[] = [];
  let cur: Dhcpv6Message | undefined = m;
  while (cur) {
    const lvl: Level = { msgType: cur.msgType, options: cur.options.map((o) => [o.code, (o.length ?? 4) - 4]) };
    if (cur.kind === 'message') lvl.xid = cur.transactionId;
    else Object.assign(lvl, { hop: cur.hopCount, link: cur.linkAddress, peer: cur.peerAddress });
    out.push(lvl);
    const rm: Dhcpv6Message['options'][number] | undefined = cur.options.find((o) => o.kind === 'relayMsg');
    cur = rm && rm.kind === 'relayMsg' ? rm.message : undefined;
  }
  return out;
}

function tsharkLevels(layer: Record<string, unknown>): Level[] {
  const out: Level[] = [];
  let cur: Record<string, unknown> | undefined = layer;
  while (cur) {
    const tree = cur['dhcpv6.option.type_str_tree'];
    const opts = (Array.isArray(tree) ? tree : tree ? [tree] : []) as Record<string, unknown>[];
    const lvl: Level = { msgType: Number(cur['dhcpv6.msgtype']), options: opts.map((o) => [Number(o['dhcpv6.option.type']), Number(o['dhcpv6.option.length'])]) };
    if (cur['dhcpv6.xid'] !== undefined) lvl.xid = Number(cur['dhcpv6.xid']);
    if (cur['dhcpv6.hopcount'] !== undefined) Object.assign(lvl, { hop: Number(cur['dhcpv6.hopcount']), link: cur['dhcpv6.linkaddr'], peer: cur['dhcpv6.peeraddr'] });
    out.push(lvl);
    cur = opts.find((o) => o['dhcpv6.option.type'] === '9')?.['dhcpv6'] as Record<string, unknown> | undefined;
  }
  return out;
}

async function ours(file: string): Promise<Map<number, Message<Dhcpv6Message>>> {
  const got = new Map<number, Message<Dhcpv6Message>>();
  const demux = new Demux(PROTOCOLS, resolveSettings([]), {
    message: (m) => {
      if (m.proto === 'dhcpv6') got.set(m.frame, m as Message<Dhcpv6Message>);
    },
    issue: () => undefined,
    opaque: () => undefined,
  });
  for await (const f of openCapture(file)) demux.frame(f);
  demux.end();
  return got;
}

const files = CASES.filter((c) => /^(dhcpv6-|rfc6611-)/.test(c.name) && !c.profiles?.length && !c.set)
  .map((c) => fromRoot('fixtures', 'captures', c.name, 'capture.pcapng'))
  .filter((f) => fs.existsSync(f));

describe.skipIf(!hasTshark)('DHCPv6 decode agrees with tshark', () => {
  it('has fixture captures to compare', () => expect(files.length).toBeGreaterThan(20));
  for (const file of files) {
    it(file.split('/').at(-2)!, async () => {
      const mine = await ours(file);
      const json = execFileSync('tshark', ['-r', file, '-T', 'json', '--no-duplicate-keys'], { maxBuffer: 64 << 20 }).toString();
      const packets = JSON.parse(json) as { _source: { layers: Record<string, unknown> } }[];
      let compared = 0;
      packets.forEach((p, i) => {
        const layer = p._source.layers['dhcpv6'] as Record<string, unknown> | undefined;
        const m = mine.get(i + 1);
        if (!layer || !m) {
          expect(Boolean(layer), `frame ${i + 1}: one side decoded DHCPv6, the other not`).toBe(Boolean(m));
          return;
        }
        if (m.issues.some((x) => x.severity === 'error')) return;
        expect(tsharkLevels(layer), `frame ${i + 1}`).toEqual(ourLevels(m.value));
        compared++;
      });
      expect(compared).toBeGreaterThan(0);
    });
  }
});
