import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../assert/profiles.js';
import type { Message } from '../../flow/message.js';
import { diameterModule } from './register.js';
import { encodeDiameter, type DiameterMessage } from './message.js';
import { sampleMessages } from './samples.js';

const wrap = (raw: Uint8Array): Message<DiameterMessage> => {
  const d = diameterModule.decode(raw, DEFAULTS);
  return { proto: 'diameter', frame: 1, frames: [1], ts: 0, src: { addr: '::1', port: 1 }, dst: { addr: '::1', port: 3868 }, transport: 'tcp', raw, value: d.value, issues: d.issues };
};

describe('diameterModule', () => {
  it('registers TCP 3868 and SCTP PPID 46, with framer and matcher', () => {
    expect(diameterModule.name).toBe('diameter');
    expect(diameterModule.tcpPorts).toEqual([3868]);
    expect(diameterModule.sctpPpids).toEqual([46]);
    const f = diameterModule.framer!(DEFAULTS);
    const b = encodeDiameter(sampleMessages().cer!);
    expect(f.push({ frame: 1, ts: 0, data: b }).length).toBe(1);
    expect(diameterModule.matcher(DEFAULTS).flush()).toEqual([]);
  });

  it('describe gives a JSON-safe tree: names, flags, bigint as string, Address as text, bits, enums', () => {
    const d = diameterModule.describe(wrap(encodeDiameter(sampleMessages()['aaa-mip6']!)));
    expect(d).toMatchObject({ commandCode: 265, commandName: 'AAA', flags: { R: false, P: true, E: false, T: false }, applicationId: 1, hopByHop: 0x1234abcd, endToEnd: 0x5a5a0001 });
    const avps = d.avps as any[];
    expect(avps.find((a) => a.name === 'Result-Code')).toMatchObject({ code: 268, value: 2001, enum: 'DIAMETER_SUCCESS', flags: { V: false, M: true, P: false } });
    expect(avps.find((a) => a.name === 'MIP6-Feature-Vector')).toMatchObject({ value: '1', bits: ['MIP6_INTEGRATED'] });
    const info = avps.find((a) => a.name === 'MIP6-Agent-Info');
    expect(info.avps.map((x: any) => x.value ?? x.avps.length)).toEqual(['2001:db8:1::1', 2, '2001:db8:1::/64']);
    expect(() => JSON.stringify(d)).not.toThrow();
    const mia = diameterModule.describe(wrap(encodeDiameter(sampleMessages().mir!))).avps as any[];
    expect(mia.find((a) => a.name === 'Event-Timestamp').value).toBe('2024-05-01T12:00:00.000Z');
    expect(mia.find((a) => a.name === 'MIP-Authenticator').value).toBe('11'.repeat(12));
  });

  it('S001 code points follow settings.codepoints', () => {
    const s = { ...DEFAULTS, codepoints: { 's001.mbr.command': 16777100, 's001.appId': 7777 } };
    const mbr = { ...sampleMessages().mbr!, commandCode: 16777100, applicationId: 7777 };
    expect(diameterModule.decode(encodeDiameter(mbr), s).value.name).toBe('MBR');
    expect(diameterModule.decode(encodeDiameter(mbr), DEFAULTS).value.name).toBeUndefined();
  });
});
