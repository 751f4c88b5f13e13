import { describe, expect, it } from 'vitest';
import type { Message } from '../../flow/message.js';
import type { Transaction } from '../../flow/transaction.js';
import { DiameterMatcher, KIND } from './match.js';
import { decodeDiameter, encodeDiameter, type DiameterMessage } from './message.js';
import { sampleMessages } from './samples.js';

const S = sampleMessages();
const nas = { addr: '2001:db8::10', port: 40000 };
const aaa = { addr: '2001:db8::20', port: 3868 };
let frame = 0;
function msg(name: string, ts: number, from: 'nas' | 'aaa', ids?: { hopByHop?: number; endToEnd?: number }, conn = 'c1'): Message<DiameterMessage> {
  const m = { ...S[name]!, ...ids };
  const raw = encodeDiameter(m);
  const d = decodeDiameter(raw);
  frame++;
  return { proto: 'diameter', frame, frames: [frame], ts, src: from === 'nas' ? nas : aaa, dst: from === 'nas' ? aaa : nas, transport: 'tcp', conn, raw, value: d.value, issues: d.issues };
}
const drive = (mt: DiameterMatcher, ms: Message[]) => [...ms.flatMap((m) => mt.push(m)), ...mt.flush()] as Transaction<DiameterMessage>[];

describe('DiameterMatcher', () => {
  it('pairs by connection + hop-by-hop + end-to-end, answer in the reverse direction; session = Session-Id', () => {
    const tx = drive(new DiameterMatcher(5), [msg('aar-mip6', 1, 'nas'), msg('aaa-mip6', 1.2, 'aaa')]);
    expect(tx.length).toBe(1);
    expect(tx[0]!.kind).toBe(KIND.exchange);
    expect(tx[0]!.request.value.name).toBe('AAR');
    expect(tx[0]!.answers.map((a) => a.value.name)).toEqual(['AAA']);
    expect(tx[0]!.session).toBe('nas.example.net;1096298391;1');
    expect(tx[0]!.timeout).toBeUndefined();
  });

  it('an answer in the same direction, on another connection, or with other ids does not match', () => {
    const mt = new DiameterMatcher(5);
    const tx = drive(mt, [
      msg('aar-mip6', 1, 'nas'),
      msg('aaa-mip6', 1.1, 'nas'), // same direction as the request
      msg('aaa-mip6', 1.2, 'aaa', {}, 'c2'), // other connection
      msg('aaa-mip6', 1.3, 'aaa', { endToEnd: 1 }), // other end-to-end id
    ]);
    expect(tx.map((t) => t.kind)).toEqual([KIND.orphan, KIND.orphan, KIND.orphan, KIND.exchange]);
    const ex = tx.find((t) => t.kind === KIND.exchange)!;
    expect(ex.answers).toEqual([]);
    expect(ex.timeout).toEqual({ afterMs: 5000 });
  });

  it('unanswered requests time out after flow.window seconds of capture time, in a streaming way', () => {
    const mt = new DiameterMatcher(2);
    expect(mt.push(msg('dwr', 10, 'nas'))).toEqual([]);
    expect(mt.push(msg('cer', 11, 'nas', { hopByHop: 9 }))).toEqual([]);
    const out = mt.push(msg('dpr', 12.5, 'nas', { hopByHop: 10 })) as Transaction<DiameterMessage>[];
    expect(out.map((t) => [t.request.value.name, t.timeout?.afterMs])).toEqual([['DWR', 2000]]);
    expect((mt.flush() as Transaction<DiameterMessage>[]).map((t) => t.request.value.name)).toEqual(['CER', 'DPR']);
  });

  it('an answered request is released at once (memory stays flat); a duplicate answer is then an orphan', () => {
    const mt = new DiameterMatcher(5);
    expect(mt.push(msg('dwr', 1, 'nas'))).toEqual([]);
    const first = mt.push(msg('dwa', 1.1, 'aaa')) as Transaction<DiameterMessage>[];
    expect(first.map((t) => [t.kind, t.answers.length])).toEqual([['diameter.exchange', 1]]);
    const dup = mt.push(msg('dwa', 1.2, 'aaa')) as Transaction<DiameterMessage>[];
    expect(dup.map((t) => t.kind)).toEqual(['diameter.orphan-answer']);
  });

  it('a retransmitted request (same ids, no answer yet) is kept with the first; CER/CEA are exposed on later transactions', () => {
    const tx = drive(new DiameterMatcher(5), [
      msg('cer', 0, 'nas', { hopByHop: 1 }), msg('cea', 0.1, 'aaa', { hopByHop: 1 }),
      msg('aar-mip6', 1, 'nas'), msg('aar-mip6', 2, 'nas'), msg('aaa-mip6', 2.1, 'aaa'),
    ]);
    expect(tx.length).toBe(2);
    const aar = tx.find((t) => t.request.value.name === 'AAR')!;
    expect(aar.legs!.retransmits!.length).toBe(1);
    expect(aar.legs!.cer![0]!.value).toMatchObject({ name: 'CER' });
    expect(aar.legs!.cea![0]!.value).toMatchObject({ name: 'CEA' });
    expect(aar.legs!.first![0]!.frame).toBe(tx[0]!.request.frame);
    expect(tx[0]!.legs!.cer).toBeUndefined();
  });

  it('a message too short for a header becomes an undecodable transaction', () => {
    const m = msg('dwr', 1, 'nas');
    const short = decodeDiameter(m.raw.subarray(0, 10));
    const tx = drive(new DiameterMatcher(5), [{ ...m, raw: m.raw.subarray(0, 10), value: short.value, issues: short.issues }]);
    expect(tx.map((t) => t.kind)).toEqual([KIND.undecodable]);
  });
});
