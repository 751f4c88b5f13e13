// The protocol modules as the pipeline drives them: decode → describe (the `decode` command's JSON) → matcher
// push/flush, over hostile messages between a few endpoints. Nothing may throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, type Settings } from '../../../src/assert/profiles.js';
import type { Message } from '../../../src/flow/message.js';
import type { Transaction } from '../../../src/flow/transaction.js';
import type { ProtocolModule } from '../../../src/proto/module.js';
import { dhcpv6Module, encodeDhcpv6 } from '../../../src/proto/dhcpv6/index.js';
import { panaModule } from '../../../src/proto/pana/register.js';
import { mipv4Module } from '../../../src/proto/mipv4/register.js';
import { mhModule } from '../../../src/proto/mh/register.js';
import { ikev2Module } from '../../../src/proto/ikev2/register.js';
import { encodePana } from '../../../src/proto/pana/message.js';
import { encodeMipv4 } from '../../../src/proto/mipv4/message.js';
import { encodeMh } from '../../../src/proto/mh/message.js';
import { encodeIke } from '../../../src/proto/ikev2/message.js';
import { toJsonSafe } from '../../../src/report/format.js';
import { tree } from './dhcpv6.js';
import { panaArb } from './pana.js';
import { mipv4Arb } from './mipv4.js';
import { mhArb } from './mh.js';
import { ikeArb } from './ikev2.js';
import { diameterArb } from './diameter.js';
import { diameterModule, encodeDiameter } from '../../../src/proto/diameter/index.js';
import { check, hostile, RUNS, TIMEOUT } from '../support.js';

/** sequences of up to 8 messages: a quarter of the per-property runs */
const SEQUENCE_RUNS = Math.max(20, Math.floor(RUNS / 4));

const ENDPOINTS = [
  { addr: '2001:db8::1', port: 546 }, { addr: '2001:db8::2', port: 547 }, { addr: 'fe80::1', port: 547 },
  { addr: '192.0.2.1', port: 434 }, { addr: '192.0.2.2', port: 716 },
];

const CASES: [ProtocolModule<any>, fc.Arbitrary<Uint8Array>][] = [
  [dhcpv6Module, tree.message.map((m) => encodeDhcpv6(m))],
  [panaModule, panaArb.map(encodePana)],
  [mipv4Module, mipv4Arb.map(encodeMipv4)],
  [mhModule, mhArb.map(encodeMh)],
  [ikev2Module, ikeArb.map(encodeIke)],
  [diameterModule, diameterArb.map(encodeDiameter)],
];

describe('protocol modules on hostile traffic', () => {
  for (const [mod, seeds] of CASES) {
    it(`${mod.name}: decode, describe (JSON) and matcher never throw`, () => {
      const msgs = fc.array(fc.tuple(hostile(seeds), fc.nat({ max: 4 }), fc.nat({ max: 4 }), fc.nat({ max: 30_000 })), { minLength: 1, maxLength: 8 });
      check(fc.tuple(msgs, fc.boolean()), ([list, draft]) => {
        const settings: Settings = draft ? { ...DEFAULTS, 'dhcpv6.hnidf': 'hiopt-draft', 'pana.profile': 'draft' } : DEFAULTS;
        const matcher = mod.matcher(settings);
        const txs: Transaction[] = [];
        let ts = 1_700_000_000;
        list.forEach(([raw, s, d, dt], i) => {
          ts += dt / 1000;
          const dec = mod.decode(raw, settings);
          const m: Message = {
            proto: mod.name, frame: i + 1, frames: [i + 1], ts, src: ENDPOINTS[s]!, dst: ENDPOINTS[d]!, transport: mod.name === 'mh' ? 'ip' : 'udp',
            raw, value: dec.value, issues: dec.issues,
          };
          JSON.stringify(toJsonSafe(mod.describe(m)));
          txs.push(...matcher.push(m));
        });
        txs.push(...matcher.flush());
        for (const t of txs) {
          expect(t.proto).toBe(mod.name);
          expect(list.some(([raw]) => raw === t.request.raw)).toBe(true);
        }
      }, SEQUENCE_RUNS);
    }, TIMEOUT);
  }
});
