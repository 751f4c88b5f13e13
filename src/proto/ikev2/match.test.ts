import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../assert/profiles.js';
import { msgOf } from '../pana/fixture.js';
import { ikeMessage } from './build.js';
import { ikeMatcher } from './match.js';

const HA = '2001:db8::1';
const MN = '2001:db8:1::100';
const I = 'aabbccddeeff0011';
const R = '1122334455667788';
const at = (ts: number, fromHa: boolean) => ({ ts, src: fromHa ? HA : MN, dst: fromHa ? MN : HA, sport: 500, dport: 500 });

describe('IKEv2 matcher', () => {
  it('pairs IKE_SA_INIT (responder SPI zero in the request) and IKE_AUTH by SPIs + message id', () => {
    const mt = ikeMatcher(DEFAULTS);
    mt.push(msgOf('ikev2', ikeMessage({ ispi: I, exchangeType: 34, flags: ['I'], messageId: 0 }), at(0, true)));
    mt.push(msgOf('ikev2', ikeMessage({ ispi: I, rspi: R, exchangeType: 34, flags: ['R'], messageId: 0 }), at(0.1, false)));
    mt.push(msgOf('ikev2', ikeMessage({ ispi: I, rspi: R, exchangeType: 35, flags: ['I'], messageId: 1 }), at(0.2, true)));
    // a response with another responder SPI does not belong
    expect(mt.push(msgOf('ikev2', ikeMessage({ ispi: I, rspi: 'ffffffffffffffff', exchangeType: 35, flags: ['R'], messageId: 1 }), at(0.3, false))).map((t) => t.kind))
      .toEqual(['ikev2.unmatched-response']);
    mt.push(msgOf('ikev2', ikeMessage({ ispi: I, rspi: R, exchangeType: 35, flags: ['R'], messageId: 1 }), at(0.4, false)));
    const txs = mt.flush();
    expect(txs.map((t) => [t.kind, t.answers.length, t.session])).toEqual([
      ['ikev2.ike_sa_init', 1, `ike:${I}`], ['ikev2.ike_auth', 1, `ike:${I}`],
    ]);
  });

  it('keeps the two directions\' message-id counters apart', () => {
    const mt = ikeMatcher(DEFAULTS);
    mt.push(msgOf('ikev2', ikeMessage({ ispi: I, rspi: R, exchangeType: 37, flags: ['I'], messageId: 2 }), at(0, true)));
    mt.push(msgOf('ikev2', ikeMessage({ ispi: I, rspi: R, exchangeType: 37, messageId: 2 }), at(0.1, false)));
    const txs = mt.flush();
    expect(txs).toHaveLength(2);
    expect(txs.every((t) => t.answers.length === 0 && t.timeout?.afterMs === 5000)).toBe(true);
  });
});
