import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../util/errors.js';
import { avp, diameterMessage, findAvp } from './build.js';
import {
  ccf, defaultDictionary, Dictionary, IETF_APPLICATIONS, loadDictionaryFile, parseDictionaryJson, ruleText, s001Dictionary, S001_DEFAULTS,
} from './dictionary/index.js';
import { checkGrammar } from './grammar.js';
import { decodeDiameter, encodeDiameter } from './message.js';

const dict = defaultDictionary();

describe('CCF parser (RFC 6733 §3.2)', () => {
  it('reads positions and qualifiers with the RFC defaults', () => {
    const g = ccf('< Session-Id > { A } [ B ] 1* { C } * [ D ] *2[ E ] 0*1< F > 2*3{ G } * [ AVP ]');
    expect(g.anyAvp).toBe(true);
    expect(g.rules.map((r) => [r.avp, r.position, r.min, r.max])).toEqual([
      ['Session-Id', 'fixed', 1, 1], ['A', 'required', 1, 1], ['B', 'optional', 0, 1], ['C', 'required', 1, Infinity],
      ['D', 'optional', 0, Infinity], ['E', 'optional', 0, 2], ['F', 'fixed', 0, 1], ['G', 'required', 2, 3],
    ]);
    expect(g.rules.map(ruleText)).toEqual(['< Session-Id >', '{ A }', '[ B ]', '1*{ C }', '*[ D ]', '*2[ E ]', '*1< F >', '2*3{ G }']);
    expect(() => ccf('{ A ]')).toThrow();
  });
});

describe('dictionaries', () => {
  it('no duplicate (vendor, code) or name within the built-in applications', () => {
    const all = dict.applications.flatMap((a) => a.avps);
    const keys = all.map((a) => `${a.vendorId ?? 0}:${a.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(all.map((a) => a.name)).size).toBe(all.length);
  });

  it('every AVP a grammar names is defined, and every row cites a source', () => {
    const names = new Set(dict.avps.map((a) => a.name));
    const grammars = [
      ...dict.commands.flatMap((c) => [c.request.grammar, c.answer.grammar]),
      ...dict.avps.flatMap((a) => (a.grammar ? [a.grammar] : [])),
    ];
    const missing = grammars.flatMap((g) => g.rules.map((r) => r.avp)).filter((n) => !names.has(n));
    expect([...new Set(missing)]).toEqual([]);
    for (const a of dict.avps) expect(a.source, a.name).toMatch(/^(RFC\d+|S001)/);
    for (const a of dict.avps) if (a.type === 'Grouped') expect(a.grammar, a.name).toBeDefined();
    for (const a of dict.avps) if (a.type === 'Enumerated') expect(a.enums ?? {}, a.name).toBeTypeOf('object');
  });

  it('has the base AVPs of DIGEST §5.6 with their flag rules', () => {
    const rows: [string, number, string, string][] = [
      ['User-Name', 1, 'UTF8String', 'M/V'], ['Event-Timestamp', 55, 'Time', 'M/V'], ['Host-IP-Address', 257, 'Address', 'M/V'],
      ['Vendor-Specific-Application-Id', 260, 'Grouped', 'M/V'], ['Session-Id', 263, 'UTF8String', 'M/V'],
      ['Origin-Host', 264, 'DiameterIdentity', 'M/V'], ['Firmware-Revision', 267, 'Unsigned32', '/VM'], ['Product-Name', 269, 'UTF8String', '/VM'],
      ['Accounting-Sub-Session-Id', 287, 'Unsigned64', 'M/V'], ['Redirect-Host', 292, 'DiameterURI', 'M/V'],
      ['Error-Reporting-Host', 294, 'DiameterIdentity', '/VM'], ['Accounting-Record-Number', 485, 'Unsigned32', 'M/V'],
    ];
    for (const [name, code, type, flags] of rows) {
      const d = dict.avp(code)!;
      expect([d.name, d.type, `${d.flags.must.join('')}/${d.flags.mustNot.join('')}`]).toEqual([name, type, flags]);
    }
    expect(dict.avpByName('Disconnect-Cause')!.enums).toEqual({ 0: 'REBOOTING', 1: 'BUSY', 2: 'DO_NOT_WANT_TO_TALK_TO_YOU' });
    expect(dict.avpByName('Auth-Request-Type')!.enums![3]).toBe('AUTHORIZE_AUTHENTICATE');
    expect(dict.avp(268)!.enums![5041]).toBe('DIAMETER_ERROR_MIP6_AUTH_MODE');
  });

  it('commands resolve by (code, Application-Id): DER under app 5 and 7, MIR only under 8, RAR under any app', () => {
    expect(dict.command(268, 5)!.source).toMatch(/RFC4072/);
    expect(dict.command(268, 7)!.source).toMatch(/RFC5778/);
    expect(dict.command(325, 8)!.request.abbrev).toBe('MIR');
    // a MIR under App-Id 7 (freeDiameter's quirk) still resolves, to the App-Id 8 definition: callers compare appId
    expect(dict.command(325, 7)!.appId).toBe(8);
    expect(dict.command(268, 1)).toBeUndefined();
    expect(dict.command(258, 1)!.request.abbrev).toBe('RAR');
    expect(dict.abbrev({ commandCode: 257, applicationId: 0, flags: 0 })).toBe('CEA');
  });

  it('RFC 5447 adds MIP6-Agent-Info / MIP6-Feature-Vector to AAR/AAA and DER/DEA (app 1 and 5), not to MIP6I', () => {
    const rules = (code: number, app: number, dir: 'request' | 'answer') => dict.command(code, app)![dir].grammar.rules.map(ruleText);
    expect(rules(265, 1, 'request')).toEqual(expect.arrayContaining(['[ MIP6-Agent-Info ]', '[ MIP6-Feature-Vector ]']));
    expect(rules(265, 1, 'answer')).toEqual(expect.arrayContaining(['*[ MIP6-Agent-Info ]', '[ MIP6-Feature-Vector ]']));
    expect(rules(268, 5, 'request')).toEqual(expect.arrayContaining(['[ MIP6-Agent-Info ]']));
    expect(rules(268, 7, 'request').filter((r) => r.includes('MIP6-Agent-Info'))).toEqual(['[ MIP6-Agent-Info ]']);
    expect(rules(325, 8, 'request')).toEqual(expect.arrayContaining(['{ MIP6-Auth-Mode }', '1*2{ MIP-Mobile-Node-Address }', '{ MIP-Careof-Address }']));
    const fv = dict.avpByName('MIP6-Feature-Vector')!;
    expect([fv.code, fv.type, fv.bits![0]!.name, fv.bits![1]!.mask]).toEqual([124, 'Unsigned64', 'MIP6_INTEGRATED', 2n]);
    expect(dict.avpByName('MIP6-Agent-Info')!.grammar!.rules.map(ruleText)).toEqual(['*2[ MIP-Home-Agent-Address ]', '[ MIP-Home-Agent-Host ]', '[ MIP6-Home-Link-Prefix ]']);
  });

  it('S001 code points come from configuration, with the DIGEST §8 defaults', () => {
    expect(dict.command(16777214, 4294967294)!.request.abbrev).toBe('MBR');
    expect(dict.command(16777215, 4294967294)!.answer.abbrev).toBe('MHA');
    expect(dict.avp(1, 32473)!.name).toBe('Home-Agent-Address');
    expect(dict.avp(7, 32473)!.name).toBe('MIPv6-Security-Association-Parameters');
    expect(Object.keys(S001_DEFAULTS)).toContain('s001.avp.homeAgentAddress');
    const custom = defaultDictionary({ 's001.mbr.command': 16777100, 's001.appId': 16777299, 's001.vendorId': 99, 's001.avp.homeAddress': 40, 's001.avp.mBit': 1 });
    expect(custom.command(16777100, 16777299)!.request.abbrev).toBe('MBR');
    expect(custom.command(16777214, 4294967294)).toBeUndefined();
    expect(custom.avp(40, 99)!.name).toBe('Home-Address');
    expect(custom.avp(40, 99)!.flags.must).toEqual(['V', 'M']);
    expect(defaultDictionary({ 's001.appId': 16777299 })).toBe(defaultDictionary({ 's001.appId': 16777299 }));
    // a message built and decoded under the custom code points
    const m = diameterMessage('MBR', [avp('Session-Id', 's;1', { dict: custom }), avp('Home-Address', new Uint8Array(17), { dict: custom })], { dict: custom });
    expect([m.commandCode, m.applicationId, m.avps[1]!.vendorId, m.avps[1]!.flags]).toEqual([16777100, 16777299, 99, 0xc0]);
    const d = decodeDiameter(encodeDiameter(m), custom);
    expect(d.value.name).toBe('MBR');
    expect(findAvp(d.value, 'Home-Address')!.raw!.offset).toBe(20 + 12);
    expect(s001Dictionary().commands.map((c) => c.request.abbrev)).toEqual(['MBR', 'MHR']);
  });

  it('loads a user dictionary file (fixtures/dictionaries/example-vendor.json) and merges it', () => {
    const app = loadDictionaryFile(join(process.cwd(), 'fixtures/dictionaries/example-vendor.json'));
    const d = dict.with(app);
    expect(d.avp(101, 32473)!.bits!.map((b) => b.mask)).toEqual([1n, 0x8000000000000000n]);
    const m = diameterMessage('EXR', [avp('Session-Id', 'x;1', { dict: d }), avp('Origin-Host', 'h', { dict: d }), avp('Origin-Realm', 'r', { dict: d }),
      avp('Destination-Realm', 'r', { dict: d }), avp('Example-Group', [avp('Example-Mode', 'ON', { dict: d }), avp('Example-Capabilities', 1n, { dict: d })], { dict: d })], { dict: d });
    expect([m.commandCode, m.applicationId]).toEqual([16777200, 16777200]);
    const back = decodeDiameter(encodeDiameter(m), d).value;
    expect(findAvp(back, 'Example-Group/Example-Mode')!.enumName).toBe('ON');
    expect(checkGrammar(back, d)).toEqual([]);
    expect(() => parseDictionaryJson({ name: 'x', source: 's', avps: [{ code: 1, name: 'A', type: 'Bogus' }] })).toThrow(ConfigError);
    expect(() => parseDictionaryJson({ name: 'x', source: 's', avps: [{ code: -1, name: 'A', type: 'Unsigned32' }] })).toThrow(/avps\[0\]\.code/);
    expect(() => loadDictionaryFile('/nonexistent.json')).toThrow(ConfigError);
  });

  it('a Dictionary with only base knows CER but not AAR', () => {
    const base = new Dictionary(IETF_APPLICATIONS.slice(0, 1));
    expect(base.command(257, 0)).toBeDefined();
    expect(base.command(265, 1)).toBeUndefined();
  });
});

// Wireshark's diameter dictionary, when installed with tshark: RFC 5447/5778 AVPs must agree on name and type.
const WS = '/usr/share/wireshark/diameter';
const WS_TYPE: Record<string, string> = { IPAddress: 'Address', DiamIdent: 'DiameterIdentity', AppId: 'Unsigned32', VendorId: 'Unsigned32', OctetStringOrUTF8: 'OctetString' };

describe.skipIf(!existsSync(WS))('cross-check with Wireshark diameter/*.xml', () => {
  it('every RFC 5447 / RFC 5778 AVP code has the same name and type there', () => {
    const ws = new Map<number, { name: string; type: string }>();
    for (const f of readdirSync(WS).filter((x) => x.endsWith('.xml'))) {
      const xml = readFileSync(join(WS, f), 'utf8');
      for (const m of xml.matchAll(/<avp\s+name="([^"]+)"\s+code="(\d+)"([^>]*)>([\s\S]*?)<\/avp>/g)) {
        if (/vendor-id="/.test(m[3]!) && !/vendor-id="None"/.test(m[3]!)) continue;
        const body = m[4]!;
        const type = /<grouped>/.test(body) ? 'Grouped' : (/type-name="([^"]+)"/.exec(body)?.[1] ?? '?');
        ws.set(Number(m[2]), { name: m[1]!, type: WS_TYPE[type] ?? type });
      }
    }
    const ours = dict.applications.filter((a) => a.name === 'mip6-5447' || a.name === 'mip6-5778').flatMap((a) => a.avps);
    const checked: string[] = [];
    const diff: string[] = [];
    for (const a of ours) {
      const w = ws.get(a.code);
      if (!w) continue;
      checked.push(a.name);
      // Wireshark spells CUI short; QoS AVPs we keep opaque-grouped
      if (a.code === 89) continue;
      if (w.name !== a.name || w.type !== a.type) diff.push(`${a.code}: ours ${a.name}/${a.type}, wireshark ${w.name}/${w.type}`);
    }
    expect(diff).toEqual([]);
    expect(checked).toEqual(expect.arrayContaining(['MIP6-Feature-Vector', 'MIP6-Home-Link-Prefix', 'MIP-Home-Agent-Address', 'MIP-Home-Agent-Host',
      'MIP6-Agent-Info', 'MIP-Mobile-Node-Address', 'MIP-Careof-Address', 'MIP-MN-HA-MSA', 'MIP6-Auth-Mode', 'Service-Selection']));
  });
});
