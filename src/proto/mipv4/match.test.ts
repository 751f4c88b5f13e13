import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../assert/profiles.js';
import { msgOf } from '../pana/fixture.js';
import { rrp, rrq } from './build.js';
import { mipv4Matcher, type Mipv4Transaction } from './match.js';

const MN = '198.51.100.7';
const HA = '192.0.2.1';
const req = (id: bigint, ts: number) => msgOf('mipv4', rrq({ homeAgent: HA, careOfAddress: MN, identification: id }), { ts, src: MN, dst: HA, sport: 1234, dport: 434 });
const rep = (id: bigint, ts: number, src = HA) => msgOf('mipv4', rrp({ code: 0, homeAddress: '203.0.113.9', homeAgent: HA, identification: id }), { ts, src, dst: MN, sport: 434, dport: 1234 });

describe('Mobile IPv4 matcher', () => {
  it('pairs by the low-order 32 bits of Identification and records exactness', () => {
    const mt = mipv4Matcher(DEFAULTS);
    mt.push(req(0xdeadbeef00000001n, 0));
    mt.push(rep(0x1234567800000001n, 0.5));
    mt.push(req(0x0000000100000002n, 1));
    mt.push(rep(0x0000000100000002n, 1.5));
    const [a, b] = mt.flush() as Mipv4Transaction[];
    expect(a).toMatchObject({ kind: 'mipv4.registration', identification: ['low32'] });
    expect(b).toMatchObject({ identification: ['exact'] });
    expect(a!.answers).toHaveLength(1);
  });

  it('leaves a reply from another address or another id unmatched; a lone RRQ times out', () => {
    const mt = mipv4Matcher(DEFAULTS);
    mt.push(req(7n, 0));
    expect(mt.push(rep(8n, 0.1)).map((t) => t.kind)).toEqual(['mipv4.unmatched-reply']);
    expect(mt.push(rep(7n, 0.2, '192.0.2.99')).map((t) => t.kind)).toEqual(['mipv4.unmatched-reply']);
    const late = mt.push(rep(7n, 9));
    expect(late.map((t) => [t.kind, t.timeout])).toEqual([['mipv4.registration', { afterMs: 5000 }], ['mipv4.unmatched-reply', undefined]]);
  });
});
