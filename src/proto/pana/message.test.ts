import { describe, expect, it } from 'vitest';
import { DEFAULTS, type Settings } from '../../assert/profiles.js';
import { toHex } from '../../wire/codec.js';
import { panaAvp, panaMessage } from './build.js';
import { everyPrefix, fixture, fixtureNames } from './fixture.js';
import { decodePana, encodePana } from './message.js';

const draft: Settings = { ...DEFAULTS, 'pana.profile': 'draft' };

describe('PANA codec (RFC 5191 §6)', () => {
  it('decodes the S-flag PAR with S002 Mobility-Capability', () => {
    const b = fixture('pana', 'par-start.hex');
    const d = decodePana(b, DEFAULTS);
    expect(d.issues).toEqual([]);
    const v = d.value;
    expect(v.flags).toBe(0xc000);
    expect(v.type).toBe(2);
    expect(v.sessionId).toBe(0x11223344);
    expect(v.seq).toBe(7);
    expect(v.avps.map((a) => a.name)).toEqual(['PRF-Algorithm', 'Integrity-Algorithm', 'EAP-Payload', 'Mobility-Capability']);
    expect(v.avps[2]!.data).toEqual(new Uint8Array([1, 1, 0, 5, 1]));
    expect(v.avps[2]!.raw).toEqual({ offset: 40, length: 16 });
    expect(v.avps[3]).toMatchObject({ vendorId: 32473, parsed: 1, length: 4 });
  });

  it('names Result-Code and the S002 address AVPs; code points follow settings', () => {
    const b = fixture('pana', 'par-complete-s002.hex');
    const v = decodePana(b, DEFAULTS).value;
    expect(v.avps[0]).toMatchObject({ name: 'Result-Code', parsed: { code: 0, name: 'PANA_SUCCESS' } });
    expect(v.avps[3]).toMatchObject({ name: 'Home-Agent-Address', parsed: '2001:db8::1' });
    expect(v.avps[4]).toMatchObject({ name: 'Home-Address', parsed: '2001:db8:1::100' });
    const moved: Settings = { ...DEFAULTS, codepoints: { 'pana.avp.haAddress': 77 } };
    expect(decodePana(b, moved).value.avps[3]!.name).toBe('Vendor-32473-AVP-2');
  });

  it.each(fixtureNames('pana').filter((f) => !f.startsWith('draft')))('re-encodes %s byte for byte', (name) => {
    const b = fixture('pana', name);
    expect(toHex(encodePana(decodePana(b, DEFAULTS).value))).toBe(toHex(b));
  });

  it('keeps an unknown AVP with non-zero padding exactly, with a warning', () => {
    const b = fixture('pana', 'unknown-avp-nonzero-pad.hex');
    const d = decodePana(b, DEFAULTS);
    expect(d.value.avps[0]).toMatchObject({ code: 999, name: 'AVP-999' });
    expect(d.issues.map((i) => i.code)).toEqual(['pana.avp.padding-nonzero']);
    expect(toHex(encodePana(d.value))).toBe(toHex(b));
  });

  it('builds messages with computed lengths that decode back', () => {
    const m = panaMessage({ type: 2, flags: ['R', 'C'], sessionId: 9, seq: 3, avps: [panaAvp.resultCode(0), panaAvp.haAddress('2001:db8::5'), panaAvp.eapPayload(new Uint8Array([3, 1, 0, 4]))] });
    const b = encodePana(m);
    expect(b.length).toBe(16 + 8 + 4 + 12 + 16 + 8 + 4);
    expect(new DataView(b.buffer).getUint16(2)).toBe(b.length);
    const d = decodePana(b, DEFAULTS);
    expect(d.issues).toEqual([]);
    expect(d.value.avps[1]).toMatchObject({ name: 'Home-Agent-Address', parsed: '2001:db8::5' });
  });

  it('honours a length override for negative tests', () => {
    const m = panaMessage({ type: 4, flags: ['R'], avps: [{ ...panaAvp.keyId(1), override: { length: 40 } }] });
    m.override = { length: 99 };
    const b = encodePana(m);
    const d = decodePana(b, DEFAULTS);
    expect(d.issues.map((i) => i.code)).toEqual(['pana.header.bad-length', 'pana.avp.length-overrun']);
    expect(toHex(encodePana(d.value))).toBe(toHex(b));
  });

  it('never throws on any truncation and re-encodes every prefix exactly', () => {
    for (const name of fixtureNames('pana')) {
      const b = fixture('pana', name);
      const r = everyPrefix(b, (x) => decodePana(x, DEFAULTS), encodePana);
      expect(r.withIssues).toBe(b.length); // every proper prefix is flagged
      expect(r.exact).toBe(b.length);
    }
  });

  it('decodes the pre-RFC draft header under pana.profile=draft', () => {
    const b = fixture('pana', 'draft-psr.hex');
    const d = decodePana(b, draft);
    expect(d.issues).toEqual([]);
    expect(d.value).toMatchObject({ profile: 'draft', version: 1, flags: 0xc000, type: 2, seq: 42 });
    expect(d.value.avps[0]).toMatchObject({ code: 5, name: 'EAP-Payload', flags: 0x4000, length: 12 });
    expect(toHex(encodePana(d.value))).toBe(toHex(b));
    expect(decodePana(b, DEFAULTS).issues.map((i) => i.code)).toContain('pana.header.draft-format');
  });
});
