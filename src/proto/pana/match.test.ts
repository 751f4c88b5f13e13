import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../assert/profiles.js';
import type { Message } from '../../flow/message.js';
import { fixture, msgOf } from './fixture.js';
import { panaMatcher } from './match.js';
import { decodePana, type PanaMessage } from './message.js';

const PAC = '2001:db8:1::100';
const PAA = '2001:db8::1';
const at = (ts: number, fromPac: boolean) => ({ ts, src: fromPac ? PAC : PAA, dst: fromPac ? PAA : PAC, sport: fromPac ? 40000 : 716, dport: fromPac ? 716 : 40000 });
const m = (name: string, ts: number, fromPac: boolean): Message<PanaMessage> => msgOf('pana', decodePana(fixture('pana', name), DEFAULTS).value, at(ts, fromPac));

describe('PANA matcher', () => {
  it('pairs a PAR with its PAN (same type, session, seq, reversed direction)', () => {
    const mt = panaMatcher(DEFAULTS);
    expect(mt.push(m('pci.hex', 0, true)).map((t) => t.kind)).toEqual(['pana.client-initiation']);
    expect(mt.push(m('par-complete-s002.hex', 1, false))).toEqual([]);
    expect(mt.push(m('pan-complete.hex', 1.2, true))).toEqual([]);
    const done = mt.push(m('pci.hex', 10, true)); // time passes the window
    expect(done[0]).toMatchObject({ kind: 'pana.auth', session: 'pana:287454020' });
    expect(done[0]!.answers).toHaveLength(1);
    expect(done[0]!.timeout).toBeUndefined();
  });

  it('does not take an answer travelling the same way as the request', () => {
    const mt = panaMatcher(DEFAULTS);
    mt.push(m('par-complete-s002.hex', 1, false));
    const orphan = mt.push(m('pan-complete.hex', 1.1, false));
    expect(orphan.map((t) => t.kind)).toEqual(['pana.unmatched-answer']);
    const rest = mt.flush();
    expect(rest[0]!.timeout).toEqual({ afterMs: 5000 });
  });

  it('does not pair a different sequence number; a retransmission joins the request', () => {
    const mt = panaMatcher(DEFAULTS);
    mt.push(m('par-start.hex', 0, false));
    mt.push(m('par-start.hex', 1, false));
    expect(mt.push(m('pan-complete.hex', 1.5, true)).map((t) => t.kind)).toEqual(['pana.unmatched-answer']);
    const [tx] = mt.flush();
    expect(tx!.legs?.retransmits).toHaveLength(1);
    expect(tx!.answers).toEqual([]);
  });
});
