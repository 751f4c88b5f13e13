import { describe, expect, it } from 'vitest';
import { avp, diameterMessage } from './build.js';
import { defaultDictionary } from './dictionary/index.js';
import { checkFlags, checkGrammar, walkAvps } from './grammar.js';
import { decodeDiameter, encodeDiameter } from './message.js';
import { faultySamples, sampleMessages } from './samples.js';

const dict = defaultDictionary();
const rt = (m: ReturnType<typeof diameterMessage>) => decodeDiameter(encodeDiameter(m), dict).value;

describe('checkGrammar', () => {
  it('every sample message satisfies its grammar', () => {
    for (const [name, m] of Object.entries(sampleMessages())) expect(checkGrammar(rt(m), dict), name).toEqual([]);
  });

  it('missing required AVP (MIR without Origin-Host)', () => {
    const p = checkGrammar(rt(faultySamples()['mir-missing-origin-host']!), dict);
    expect(p).toEqual([expect.objectContaining({ kind: 'missing', avp: 'Origin-Host', where: 'MIR', expected: '{ Origin-Host }', actual: 0, path: [], offset: 0 })]);
  });

  it('too many: the first excess instance is pointed at (RFC 6733 §7.1.5, 5009)', () => {
    const m = rt(faultySamples()['dwr-origin-host-twice']!);
    const p = checkGrammar(m, dict);
    expect(p).toEqual([expect.objectContaining({ kind: 'too-many', avp: 'Origin-Host', path: ['avps', 3], actual: 2 })]);
    expect(p[0]!.offset).toBe(m.avps[3]!.raw!.offset);
  });

  it('fixed position: Session-Id must come first', () => {
    const good = sampleMessages().mir!;
    const m = rt({ ...good, avps: [good.avps[1]!, good.avps[0]!, ...good.avps.slice(2)] });
    expect(checkGrammar(m, dict)).toEqual([expect.objectContaining({ kind: 'fixed-position', avp: 'Session-Id', actual: 1, path: ['avps', 1] })]);
  });

  it('not allowed: an AVP outside a grammar without *[ AVP ] (Experimental-Result holds only two)', () => {
    const m = rt(diameterMessage('DWA', [avp('Result-Code', 2001), avp('Origin-Host', 'h'), avp('Origin-Realm', 'r'),
      avp('Experimental-Result', [avp('Vendor-Id', 1), avp('Experimental-Result-Code', 5001), avp('Session-Id', 'x')])]));
    expect(checkGrammar(m, dict)).toEqual([expect.objectContaining({ kind: 'not-allowed', avp: 'Session-Id', where: 'Experimental-Result', path: ['avps', 3, 'avps', 2] })]);
  });

  it('Grouped cardinality: three MIP-Home-Agent-Address in one MIP6-Agent-Info (RFC 5447 §4.2.1 allows two)', () => {
    const good = sampleMessages()['aaa-mip6']!;
    const info = avp('MIP6-Agent-Info', ['2001:db8::1', '2001:db8::2', '192.0.2.1'].map((x) => avp('MIP-Home-Agent-Address', x)));
    const m = rt({ ...good, avps: [...good.avps, info] });
    expect(checkGrammar(m, dict)).toEqual([expect.objectContaining({ kind: 'too-many', avp: 'MIP-Home-Agent-Address', where: 'MIP6-Agent-Info', expected: '*2[ MIP-Home-Agent-Address ]', actual: 3 })]);
  });

  it('answers with E set use the RFC 6733 §7.2 error grammar', () => {
    const m = rt(sampleMessages()['error-3001']!);
    expect(checkGrammar(m, dict)).toEqual([]);
    const bad = rt({ ...sampleMessages()['error-3001']!, avps: [avp('Origin-Host', 'h')] });
    expect(checkGrammar(bad, dict).map((p) => [p.kind, p.avp, p.where])).toEqual([
      ['missing', 'Origin-Realm', 'DPA (error answer)'], ['missing', 'Result-Code', 'DPA (error answer)'],
    ]);
  });

  it('an unknown command gives no grammar problems', () => {
    expect(checkGrammar(rt(diameterMessage(999, [avp('Origin-Host', 'h')])), dict)).toEqual([]);
  });
});

describe('checkFlags', () => {
  it('M must / V must-not / reserved bits', () => {
    const def = dict.avpByName('Origin-Host')!;
    expect(checkFlags(avp('Origin-Host', 'h'), def)).toEqual([]);
    expect(checkFlags(avp('Origin-Host', 'h', { flags: 0x00 }), def)).toEqual([{ flag: 'M', rule: 'must', avp: 'Origin-Host', expected: 1, actual: 0 }]);
    expect(checkFlags(avp('Origin-Host', 'h', { flags: 0xc0, vendorId: 32473 }), def)).toEqual([{ flag: 'V', rule: 'mustNot', avp: 'Origin-Host', expected: 0, actual: 1 }]);
    expect(checkFlags(avp('Origin-Host', 'h', { flags: 0x41 }), def)).toEqual([{ flag: 'reserved', rule: 'reserved', avp: 'Origin-Host', expected: 0, actual: 1 }]);
    const pn = dict.avpByName('Product-Name')!;
    expect(checkFlags(avp('Product-Name', 'x', { flags: 0x40 }), pn).map((p) => p.flag)).toEqual(['M']);
  });

  it('walkAvps visits nested AVPs with their paths', () => {
    const seen: string[] = [];
    walkAvps(rt(sampleMessages()['aaa-mip6']!), (a, p) => {
      if (a.name?.startsWith('MIP') || a.name === 'Destination-Host') seen.push(`${a.name}@${p.join('.')}`);
    });
    expect(seen).toContain('Destination-Host@avps.7.avps.1.avps.1');
  });
});
