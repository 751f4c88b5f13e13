import { describe, expect, it } from 'vitest';
import type { Message } from '../flow/message.js';
import { avp, decodeDiameter, diameterMessage, encodeDiameter, type DiameterMessage } from '../proto/diameter/index.js';
import { resolveSettings } from './profiles.js';
import { avpPath, flagFamily, fromDoc, grammarFamily, groupedFamily } from './generate.js';
import type { Check } from './types.js';

const ctx = { settings: resolveSettings([]) };
const cite = { doc: 'RFC6733', section: '3.2', quote: 'test family quote' };
const meta = { title: 't', level: 'MUST' as const, role: 'diameter-node' as const, cite, looksAt: 'test family' };
const msg = (m: DiameterMessage): Message<DiameterMessage> => {
  const raw = encodeDiameter(m);
  return { proto: 'diameter', frame: 7, frames: [6, 7], ts: 0, src: { addr: '::1', port: 1 }, dst: { addr: '::2', port: 3868 }, transport: 'tcp', raw, value: decodeDiameter(raw).value, issues: [] };
};
const list = (c: Check | Check[]) => (Array.isArray(c) ? c : [c]);

describe('generated families', () => {
  const req = grammarFamily({ ...meta, id: 'RFC6733-3.2-test-request', side: 'request', commands: () => true });
  const dwr = (extra: ReturnType<typeof avp>[] = []) => msg(diameterMessage('DWR', [avp('Origin-Host', 'a.example'), ...extra]));

  it('one verdict per problem; evidence names the command, the AVP and the row source', () => {
    const m = dwr([avp('Origin-Host', 'b.example')]);
    expect(req.applies(m, ctx)).toBe(true);
    const out = list(req.check(m, ctx));
    expect(out.map((c) => c.outcome)).toEqual(['fail', 'fail']);
    expect(out[0]!.message).toBe('DWR has too many of Origin-Host: expected { Origin-Host }, 2 present (rule: RFC6733 §5.5.1–5.5.2)');
    expect(out[0]!.evidence).toMatchObject({ frames: [6, 7], path: 'DWR/Origin-Host[1]', expected: '{ Origin-Host }', actual: 2 });
    expect(out[1]!.message).toBe('DWR lacks Origin-Realm: expected { Origin-Realm }, 0 present (rule: RFC6733 §5.5.1–5.5.2)');
  });

  it('answers are not judged by a request family', () => {
    expect(req.applies(msg(diameterMessage('DWA', [avp('Result-Code', 2001)])), ctx)).toBe(false);
  });

  it('a conforming message passes once', () => {
    const out = list(req.check(dwr([avp('Origin-Realm', 'example')]), ctx));
    expect(out.map((c) => c.outcome)).toEqual(['pass']);
  });

  it('grouped family judges only the Grouped AVPs it names', () => {
    const g = groupedFamily({ ...meta, id: 'RFC6733-4.4-test-grouped', avps: (d) => d.name === 'MIP6-Agent-Info' });
    const three = avp('MIP6-Agent-Info', [avp('MIP-Home-Agent-Address', '2001:db8::1'), avp('MIP-Home-Agent-Address', '2001:db8::2'), avp('MIP-Home-Agent-Address', '2001:db8::3')]);
    const m = msg(diameterMessage('AAA', [three, avp('Vendor-Specific-Application-Id', [avp('Auth-Application-Id', 1)])]));
    const out = list(g.check(m, ctx));
    expect(out).toHaveLength(1);
    expect(out[0]!.message).toMatch(/MIP6-Agent-Info has too many of MIP-Home-Agent-Address.*RFC5447 §4\.2\.1/);
    expect(out[0]!.evidence.path).toBe('AAA/MIP6-Agent-Info[0]/MIP-Home-Agent-Address[2]');
  });

  it('flag family: must / must-not / reserved per AVP row, Failed-AVP contents skipped', () => {
    const f = flagFamily({ ...meta, id: 'RFC6733-4.1-test-flags', avps: fromDoc('RFC6733') });
    const m = msg(diameterMessage('DWA', [avp('Result-Code', 2001, { flags: 0 }), avp('Origin-Host', 'x', { flags: 0x41 }), avp('Failed-AVP', [avp('Origin-Realm', 'y', { flags: 0 })])]));
    const out = list(f.check(m, ctx));
    expect(out.map((c) => c.message)).toEqual([
      'DWA: Result-Code M bit clear; M MUST be set (rule: RFC6733 §7.1)',
      'DWA: Origin-Host reserved bits (0x1) set; reserved, MUST be 0 (rule: RFC6733 §6.3)',
    ]);
  });

  it('avpPath names nested AVPs', () => {
    const m = msg(diameterMessage('AAA', [avp('Session-Id', 's'), avp('MIP6-Agent-Info', [avp('MIP-Home-Agent-Address', '2001:db8::1')])])).value;
    expect(avpPath(m, ['avps', 1, 'avps', 0])).toBe('MIP6-Agent-Info[1]/MIP-Home-Agent-Address[0]');
  });
});
