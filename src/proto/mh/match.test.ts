import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../assert/profiles.js';
import { msgOf } from '../pana/fixture.js';
import { ba, bu, has } from './build.js';
import { mhMatcher } from './match.js';

const HA = '2001:db8::1';
const MN = '2001:db8:1::100';

describe('Mobility Header matcher', () => {
  it('pairs BU and BA by sequence number on the reversed address pair', () => {
    const mt = mhMatcher(DEFAULTS);
    mt.push(msgOf('mh', bu({ seq: 7, flags: ['A', 'H'] }), { ts: 0, src: MN, dst: HA }));
    expect(mt.push(msgOf('mh', ba({ seq: 8 }), { ts: 0.1, src: HA, dst: MN })).map((t) => t.kind)).toEqual(['mh.unmatched-ba']);
    mt.push(msgOf('mh', ba({ seq: 7 }), { ts: 0.2, src: HA, dst: MN }));
    const [tx] = mt.flush();
    expect(tx).toMatchObject({ kind: 'mh.bu' });
    expect(tx!.answers).toHaveLength(1);
  });

  it('a BU without A expects nothing; HAS is a single transaction', () => {
    const mt = mhMatcher(DEFAULTS);
    mt.push(msgOf('mh', bu({ seq: 1 }), { ts: 0, src: MN, dst: HA }));
    expect(mt.push(msgOf('mh', has({ addresses: [HA], b: true }), { ts: 1, src: HA, dst: MN })).map((t) => t.kind)).toEqual(['mh.has']);
    const [tx] = mt.flush();
    expect(tx!.timeout).toBeUndefined();
    const mt2 = mhMatcher(DEFAULTS);
    mt2.push(msgOf('mh', bu({ seq: 1, flags: ['A'] }), { ts: 0, src: MN, dst: HA }));
    expect(mt2.flush()[0]!.timeout).toEqual({ afterMs: 5000 });
  });
});
