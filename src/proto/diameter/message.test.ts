import { existsSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../wire/codec.js';
import { avp, diameterMessage, findAll, findAvp, rawAvp } from './build.js';
import { defaultDictionary, type AvpDef, type Dictionary, type Grammar } from './dictionary/index.js';
import { checkGrammar } from './grammar.js';
import { decodeDiameter, encodeDiameter } from './message.js';
import { faultySamples, sampleMessages } from './samples.js';
import type { DiameterAvp } from './avp.js';

const dict = defaultDictionary();
const FIX = join(process.cwd(), 'fixtures/messages/diameter');

/** a value of the AVP's type (Grouped: its required members) */
function sample(def: AvpDef, d: Dictionary, depth = 0): DiameterAvp {
  const v = (() => {
    switch (def.type) {
      case 'Grouped':
        return fill(def.grammar ?? { rules: [], anyAvp: true }, d, depth + 1);
      case 'Enumerated':
        return Number(Object.keys(def.enums ?? { 1: '' })[0]);
      case 'Integer32': return -5;
      case 'Unsigned32': return 7;
      case 'Integer64': return -5n;
      case 'Unsigned64': return 0x10000000000n;
      case 'Float32': return 1.5;
      case 'Float64': return 2.25;
      case 'Address': return '2001:db8::1';
      case 'Time': return new Date('2030-01-01T00:00:00Z');
      case 'UTF8String': return 'héllo';
      case 'DiameterIdentity': return 'aaa.example.com';
      case 'DiameterURI': return 'aaa://aaa.example.com:3868;transport=tcp';
      default: return def.dataLength ? new Uint8Array(def.dataLength).fill(1) : new Uint8Array([1, 2, 3]);
    }
  })();
  return avp(def.name, v, { dict: d });
}
function fill(g: Grammar, d: Dictionary, depth = 0): DiameterAvp[] {
  const out: DiameterAvp[] = [];
  for (const r of g.rules) {
    if (r.min === 0 || depth > 4) continue;
    const def = d.avpByName(r.avp);
    if (!def) throw new Error(`no AVP ${r.avp}`);
    for (let i = 0; i < r.min; i++) out.push(sample(def, d, depth));
  }
  return out;
}

describe('decodeDiameter / encodeDiameter', () => {
  it('round-trips every command of every application (request and answer) with its required AVPs', () => {
    let n = 0;
    for (const c of dict.commands) {
      for (const dir of ['request', 'answer'] as const) {
        const def = c[dir];
        const msg = diameterMessage(c.code, fill(def.grammar, dict), { request: dir === 'request', applicationId: c.appId ?? 3, hopByHop: n, endToEnd: ~n >>> 0 });
        const bytes = encodeDiameter(msg);
        const d = decodeDiameter(bytes, dict);
        expect(d.issues, `${def.abbrev}`).toEqual([]);
        expect(d.value.name).toBe(def.abbrev);
        expect(d.value.length).toBe(bytes.length);
        expect(checkGrammar(d.value, dict), def.abbrev).toEqual([]);
        expect(toHex(encodeDiameter(d.value))).toBe(toHex(bytes));
        n++;
      }
    }
    expect(n).toBeGreaterThanOrEqual(26);
  });

  it('keeps header fields, reserved flag bits and offsets', () => {
    const msg = diameterMessage('DWR', [avp('Origin-Host', 'a.example'), avp('Origin-Realm', 'example')], { flags: 0x83, hopByHop: 0xffffffff, endToEnd: 0x80000000 });
    const d = decodeDiameter(encodeDiameter(msg));
    expect(d.value).toMatchObject({ version: 1, flags: 0x83, commandCode: 280, applicationId: 0, hopByHop: 0xffffffff, endToEnd: 0x80000000 });
    expect(d.issues.map((i) => i.code)).toEqual(['diameter.header.reserved-bits']);
    expect(d.value.avps[0]!.raw).toEqual({ offset: 20, length: 17 });
    expect(d.value.avps[1]!.raw).toEqual({ offset: 40, length: 15 });
  });

  it('unknown AVPs (and vendor AVPs) are kept raw and re-encode byte for byte', () => {
    const unknownV = new Uint8Array([0x00, 0xff, 0xff, 0xf0, 0xc0, 0, 0, 17, 0, 0, 0xd9, 0xd9, 1, 2, 3, 4, 5, 0, 0, 0]); // V+M, vendor 55769, 5 octets
    const unknownI = new Uint8Array([0, 0, 0x03, 0xe8, 0x40, 0, 0, 9, 7, 0, 0, 0]); // code 1000, M, 1 octet
    const msg = diameterMessage('DWR', [avp('Origin-Host', 'h'), rawAvp(unknownV), rawAvp(unknownI), avp('Origin-Realm', 'r')]);
    const b = encodeDiameter(msg);
    const d = decodeDiameter(b);
    expect(d.issues).toEqual([]);
    expect(d.value.avps.map((a) => [a.code, a.vendorId, a.name])).toEqual([[264, undefined, 'Origin-Host'], [0xfffff0, 55769, undefined], [1000, undefined, undefined], [296, undefined, 'Origin-Realm']]);
    expect(d.value.avps[1]!.value).toEqual(new Uint8Array([1, 2, 3, 4, 5]));
    expect(d.value.avps[2]!.raw).toEqual({ offset: 20 + 12 + 20, length: 9 });
    expect(toHex(encodeDiameter(d.value))).toBe(toHex(b));
    // the same vendor AVP built by code survives too
    const built = encodeDiameter(diameterMessage('DWR', [avp(0xfffff0, new Uint8Array([1, 2, 3, 4, 5]), { vendorId: 55769, flags: 0xc0 })]));
    expect(toHex(built.subarray(20))).toBe(toHex(unknownV));
  });

  it('Unsigned32 with AVP length 10 → diameter.avp.bad-length at its offset, bytes kept, re-encodes exactly', () => {
    const msg = diameterMessage('DWA', [avp('Result-Code', new Uint8Array([0, 0, 7])), avp('Origin-Host', 'h'), avp('Origin-Realm', 'r')]);
    const bytes = encodeDiameter(msg);
    expect(bytes[20 + 7]).toBe(11); // AVP Length 8 + 3 (the probe's length 10 is one octet shorter: see next line)
    const m2 = diameterMessage('DWA', [avp('Result-Code', new Uint8Array([0, 0])), avp('Origin-Host', 'h'), avp('Origin-Realm', 'r')]);
    const b2 = encodeDiameter(m2);
    expect(b2[27]).toBe(10);
    const d = decodeDiameter(b2);
    expect(d.issues).toEqual([expect.objectContaining({ code: 'diameter.avp.bad-length', offset: 20, expected: 4, actual: 2, path: ['avps', 0] })]);
    expect(d.value.avps[0]!.value).toEqual(new Uint8Array([0, 0]));
    expect(findAvp(d.value, 'Origin-Host')?.value).toBe('h');
    expect(toHex(encodeDiameter(d.value))).toBe(toHex(b2));
  });

  it('non-zero padding → issue, kept and written back', () => {
    const b = encodeDiameter(diameterMessage('DWR', [avp('Origin-Host', 'abc'), avp('Origin-Realm', 'r')]));
    b[20 + 11] = 0xee; // the padding octet after 'abc'
    const d = decodeDiameter(b);
    expect(d.issues.map((i) => [i.code, i.offset])).toEqual([['diameter.avp.bad-padding', 31]]);
    expect(d.value.avps[0]!.value).toBe('abc');
    expect(toHex(encodeDiameter(d.value))).toBe(toHex(b));
  });

  it('AVP length < 8 stops decoding with an issue; overrun is an issue; the rest is kept as trailing', () => {
    const ok = encodeDiameter(diameterMessage('DWR', [avp('Origin-Host', 'abcd'), avp('Origin-Realm', 'r')]));
    const short = ok.slice();
    short[27] = 4;
    const d1 = decodeDiameter(short);
    expect(d1.issues.map((i) => i.code)).toEqual(['diameter.avp.short-length']);
    expect(d1.value.avps).toEqual([]);
    expect(d1.value.trailing?.length).toBe(ok.length - 20);
    expect(toHex(encodeDiameter(d1.value))).toBe(toHex(short));
    const over = ok.slice();
    over[20 + 12 + 7] = 200; // second AVP's length
    const d2 = decodeDiameter(over);
    expect(d2.issues).toEqual([expect.objectContaining({ code: 'diameter.avp.overrun', offset: 32 })]);
    expect(d2.value.avps.length).toBe(1);
    expect(toHex(encodeDiameter(d2.value))).toBe(toHex(over));
  });

  it('Grouped nested to any depth, and a broken group keeps its bytes', () => {
    let g: DiameterAvp = avp('Proxy-State', new Uint8Array([9]));
    for (let i = 0; i < 20; i++) g = avp('Proxy-Info', [avp('Proxy-Host', `p${i}`), g]);
    const b = encodeDiameter(diameterMessage('DWR', [avp('Origin-Host', 'h'), avp('Origin-Realm', 'r'), g]));
    const d = decodeDiameter(b);
    expect(d.issues).toEqual([]);
    let depth = 0;
    for (let x = findAvp(d.value, 'Proxy-Info'); x; x = findAvp(x, 'Proxy-Info')) depth++;
    expect(depth).toBe(20);
    expect(findAll(d.value, 'Proxy-Info/Proxy-Info/Proxy-Host')[0]?.value).toBe('p18');
    const broken = b.slice();
    broken[b.length - 1 - 12 + 7 - 4] = 0xff; // damage a deep inner length (stays inside the message)
    const d2 = decodeDiameter(broken);
    expect(() => encodeDiameter(d2.value)).not.toThrow();
    expect(toHex(encodeDiameter(d2.value))).toBe(toHex(broken));
  });

  it('header problems: version, length not a multiple of 4, length ≠ octets, truncated header', () => {
    const b = encodeDiameter(diameterMessage('DWR', [avp('Origin-Host', 'h'), avp('Origin-Realm', 'r')]));
    const v2 = b.slice();
    v2[0] = 2;
    expect(decodeDiameter(v2).issues.map((i) => i.code)).toEqual(['diameter.header.bad-version']);
    const l = b.slice();
    l[3] = b.length + 2;
    const dl = decodeDiameter(l);
    expect(dl.issues.map((i) => i.code)).toEqual(['diameter.header.bad-length', 'diameter.header.length-mismatch']);
    expect(toHex(encodeDiameter(dl.value))).toBe(toHex(l));
    expect(decodeDiameter(b.subarray(0, 12)).issues.map((i) => i.code)).toEqual(['diameter.truncated']);
    // overrides for negative probes
    const m = diameterMessage('DWR', [avp('Origin-Host', 'h', { lengthOverride: 99 })]);
    m.lengthOverride = 1000;
    m.versionOverride = 3;
    const o = encodeDiameter(m);
    expect([o[0], (o[1]! << 16) | (o[2]! << 8) | o[3]!, o[27]]).toEqual([3, 1000, 99]);
    const raw = rawAvp(new Uint8Array([0, 0, 1, 8, 0, 0, 0, 9, 1, 0, 0, 0]));
    expect(toHex(encodeDiameter(diameterMessage('DWR', [raw]))).slice(40)).toBe('000001080000000901000000');
  });

  it('truncating or corrupting any octet never throws', () => {
    const all = Object.values(sampleMessages()).map(encodeDiameter);
    for (const b of all) {
      for (let i = 0; i <= b.length; i++) {
        const cut = decodeDiameter(b.subarray(0, i));
        expect(cut.value).toBeDefined();
        if (i < b.length) {
          for (const x of [0x00, 0x03, 0x07, 0x80, 0xff]) {
            const c = b.slice();
            c[i] = x;
            const d = decodeDiameter(c);
            expect(() => encodeDiameter(d.value)).not.toThrow();
            if (c.length >= 20) expect(toHex(encodeDiameter(d.value))).toBe(toHex(c));
          }
        }
      }
    }
  });

  it('random bytes never throw and re-encode exactly (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 300 }), (b) => {
        b[0] = 1;
        const d = decodeDiameter(b);
        return toHex(encodeDiameter(d.value)) === toHex(b);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('fixtures/messages/diameter', () => {
  const samples = { ...sampleMessages(), ...faultySamples() };
  it('each sample matches its hex fixture (WRITE_FIXTURES=1 rewrites them)', () => {
    for (const [name, msg] of Object.entries(samples)) {
      const hex = toHex(encodeDiameter(msg));
      const file = join(FIX, `${name}.hex`);
      if (process.env.WRITE_FIXTURES) {
        const lines = hex.match(/.{1,64}/g)!.join('\n');
        writeFileSync(file, `# ${msg.name ?? name}: generated from src/proto/diameter/samples.ts (sampleMessages().${name})\n${lines}\n`);
      }
      expect(existsSync(file), file).toBe(true);
      expect(toHex(fromHex(readFileSync(file, 'utf8')))).toBe(hex);
    }
  });
  it('every fixture decodes without issue (except the ones named for their fault) and re-encodes exactly', () => {
    for (const f of readdirSync(FIX).filter((x) => x.endsWith('.hex'))) {
      const b = fromHex(readFileSync(join(FIX, f), 'utf8'));
      const d = decodeDiameter(b, dict);
      if (!/bad-length/.test(f)) expect(d.issues, f).toEqual([]);
      expect(toHex(encodeDiameter(d.value)), f).toBe(toHex(b));
    }
  });
});
