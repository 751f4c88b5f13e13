// Cross-check with Wireshark's dissector: our encoder's bytes, in a pcapng built with the team's builders, decoded by tshark.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINKTYPE } from '../../capture/frame.js';
import { encodePcapng } from '../../capture/write.js';
import { buildTcp } from '../../net/build.js';
import { findAvp } from './build.js';
import { decodeDiameter, encodeDiameter } from './message.js';
import { sampleMessages } from './samples.js';

function hasTshark(): boolean {
  try {
    execFileSync('tshark', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const present = hasTshark();
if (!present && process.env.CI) throw new Error('tshark is required in CI for the Diameter cross-check');

type Json = Record<string, any>;
/** every AVP object under a tshark diameter tree (nested Grouped included) */
function tsharkAvps(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) node.forEach((n) => tsharkAvps(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Json)) {
      if (k === 'diameter.avp_tree' || k.startsWith('diameter.avp_tree')) {
        const list = Array.isArray(v) ? v : [v];
        for (const a of list) {
          out.push(a);
          tsharkAvps(a, out);
        }
      } else if (typeof v === 'object') tsharkAvps(v, out);
    }
  }
  return out;
}
const first = (x: unknown): string => String(Array.isArray(x) ? x[0] : x);

describe.skipIf(!present)('tshark cross-check (Diameter over TCP 3868)', () => {
  it('tshark reads the same command codes, ids and AVP values', () => {
    const s = sampleMessages();
    const names = ['cer', 'cea', 'aar-mip6', 'aaa-mip6', 'mir', 'mia', 'der-mip6i'];
    const a = '2001:db8::10';
    const b = '2001:db8::20';
    let seqA = 1000;
    let seqB = 5000;
    const frames = names.map((n, i) => {
      const bytes = encodeDiameter(s[n]!);
      const fromA = s[n]!.flags & 0x80;
      const f = buildTcp({ src: fromA ? a : b, dst: fromA ? b : a, sport: fromA ? 40000 : 3868, dport: fromA ? 3868 : 40000, seq: fromA ? seqA : seqB, ack: fromA ? seqB : seqA, flags: 'PA', payload: bytes });
      if (fromA) seqA += bytes.length;
      else seqB += bytes.length;
      return { ts: 1714564800 + i, linktype: LINKTYPE.ETHERNET, data: f };
    });
    const file = join(mkdtempSync(join(tmpdir(), 'dia-')), 'x.pcapng');
    writeFileSync(file, encodePcapng(frames));
    const out = execFileSync('tshark', ['-r', file, '-T', 'json', '--no-duplicate-keys', '-x'], { maxBuffer: 64 << 20 }).toString();
    const pkts = JSON.parse(out) as Json[];
    expect(pkts.length).toBe(names.length);
    pkts.forEach((p, i) => {
      const ours = decodeDiameter(encodeDiameter(s[names[i]!]!)).value;
      const d = p._source.layers.diameter as Json;
      expect(Number(first(d['diameter.cmd.code'])), names[i]).toBe(ours.commandCode);
      expect(Number(first(d['diameter.hopbyhopid'])), names[i]).toBe(ours.hopByHop);
      expect(Number(first(d['diameter.endtoendid'])), names[i]).toBe(ours.endToEnd);
      expect(Number(first(d['diameter.applicationId'])), names[i]).toBe(ours.applicationId);
      expect(Number(first(d['diameter.length'])), names[i]).toBe(encodeDiameter(ours).length);
      // AVP codes in tree order (depth first) agree
      const theirs = tsharkAvps(d).map((x) => Number(first(x['diameter.avp.code'])));
      const mine: number[] = [];
      const walk = (l: typeof ours.avps) => l.forEach((x) => { mine.push(x.code); if (x.avps && Array.isArray(x.value)) walk(x.avps); });
      walk(ours.avps);
      expect(theirs, names[i]).toEqual(mine);
      expect(JSON.stringify(d)).not.toMatch(/_ws\.expert.*(malformed|bogus)/i);
    });
    const avpsOf = (i: number) => tsharkAvps(pkts[i]!._source.layers.diameter);
    const byCode = (i: number, code: number) => avpsOf(i).find((x) => Number(first(x['diameter.avp.code'])) === code)!;
    // Origin-Host, Result-Code, MIP6-Feature-Vector, MIP-Home-Agent-Address, Event-Timestamp, Host-IP-Address
    expect(first(byCode(0, 264)['diameter.Origin-Host'])).toBe(findAvp(s.cer!, 'Origin-Host')!.value);
    expect(Number(first(byCode(1, 268)['diameter.Result-Code']))).toBe(2001);
    expect(BigInt(first(byCode(2, 124)['diameter.MIP6-Feature-Vector']))).toBe(3n);
    expect(JSON.stringify(byCode(3, 334))).toContain('2001:db8:1::1');
    expect(JSON.stringify(byCode(0, 257))).toContain('2001:db8::10');
    expect(JSON.stringify(byCode(4, 55))).toMatch(/2024/);
    expect(JSON.stringify(byCode(4, 494))).toMatch(/"1"|MN_AAA/);
  });
});
