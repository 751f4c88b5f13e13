// Cross-check against tshark 4.0: one message of each protocol in a pcapng, our decode vs `tshark -T json -x`.
// tshark missing: fail under CI, else skip.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../assert/profiles.js';
import { encodePcapng } from '../../capture/write.js';
import { buildIp, buildUdp } from '../../net/build.js';
import { decodeIke } from '../ikev2/message.js';
import { decodeMipv4 } from '../mipv4/message.js';
import { fixture } from '../pana/fixture.js';
import { decodePana } from '../pana/message.js';
import { withMhChecksum } from './checksum.js';
import { decodeMh } from './message.js';

const have = spawnSync('tshark', ['-v']).status === 0;
const HA = '2001:db8::1';
const MN = '2001:db8:1::100';

type Layers = Record<string, unknown>;
/** every value of `key` anywhere under `node` (tshark nests fields in subtrees) */
function all(node: unknown, key: string, out: unknown[] = []): unknown[] {
  if (Array.isArray(node)) node.forEach((x) => all(x, key, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === key) Array.isArray(v) ? out.push(...v) : out.push(v);
      all(v, key, out);
    }
  }
  return out;
}
const one = (node: unknown, key: string): string => String(all(node, key)[0]);

function tshark(frames: Uint8Array[]): Layers[] {
  const dir = mkdtempSync(join(tmpdir(), 'mip6-proto-'));
  try {
    const path = join(dir, 'p.pcapng');
    writeFileSync(path, encodePcapng(frames.map((data, i) => ({ ts: 1_700_000_000 + i, linktype: 1, data }))));
    const r = spawnSync('tshark', ['-r', path, '-T', 'json', '-x', '--no-duplicate-keys'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(r.stderr);
    return (JSON.parse(r.stdout) as { _source: { layers: Layers } }[]).map((p) => p._source.layers);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('PANA, MIPv4, MH, IKEv2 against tshark', () => {
  it.skipIf(!have && !process.env.CI)('agree on the fields both decode', () => {
    expect(have, 'tshark is required under CI').toBe(true);
    const pana = fixture('pana', 'par-start.hex');
    const rrq = fixture('mipv4', 'rrq-nai-auth.hex');
    const rrp = fixture('mipv4', 'rrp-s003.hex');
    const bu = withMhChecksum(fixture('mh', 'bu-ahk-nonce.hex'), MN, HA);
    const has = fixture('mh', 'has-b-bit.hex');
    const init = fixture('ikev2', 'ike-sa-init-request.hex');
    const auth = fixture('ikev2', 'ike-auth-sk-4500.hex');
    const layers = tshark([
      buildUdp({ src: MN, dst: HA, sport: 716, dport: 716, payload: pana }),
      buildUdp({ src: '198.51.100.7', dst: '192.0.2.1', sport: 434, dport: 434, payload: rrq }),
      buildUdp({ src: '192.0.2.1', dst: '198.51.100.7', sport: 434, dport: 434, payload: rrp }),
      buildIp({ src: MN, dst: HA, proto: 135, payload: bu }),
      buildIp({ src: HA, dst: MN, proto: 135, payload: has }),
      buildUdp({ src: HA, dst: MN, sport: 500, dport: 500, payload: init }),
      buildUdp({ src: HA, dst: MN, sport: 4500, dport: 4500, payload: auth }),
    ]);
    expect(layers).toHaveLength(7);

    // PANA: type, flags, session, sequence, AVP codes
    const p = decodePana(pana, DEFAULTS).value;
    const tp = layers[0]!.pana;
    expect(Number(one(tp, 'pana.type'))).toBe(p.type);
    // tshark 4.0 registers pana.flags as 8 bits, so only the first flag octet (R S C A P I live there) is shown
    expect(parseInt(one(tp, 'pana.flags_raw'), 16)).toBe(p.flags >> 8);
    expect(Number(one(tp, 'pana.seq'))).toBe(p.seq);
    expect(Number(one(tp, 'pana.sid'))).toBe(p.sessionId);
    expect(all(tp, 'pana.avp.code').map(Number)).toEqual(p.avps.map((a) => a.code));

    // MIPv4: type, identification (raw hex: tshark shows it as an NTP timestamp), code
    for (const [i, bytes] of [[1, rrq], [2, rrp]] as const) {
      const m = decodeMipv4(bytes, DEFAULTS).value;
      const tm = layers[i]!.mip;
      expect(Number(one(tm, 'mip.type'))).toBe(m.type);
      expect(one(tm, 'mip.ident_raw')).toContain(m.identification.toString(16).padStart(16, '0'));
      if (m.type === 3) expect(Number(one(tm, 'mip.code'))).toBe(m.code);
      expect(all(tm, 'mip.ext.type').map(Number)).toEqual(m.extensions.map((e) => e.type));
    }

    // MH: type, checksum, BU sequence, HAS count and address
    const b = decodeMh(bu, DEFAULTS).value;
    expect(Number(one(layers[3], 'mip6.mhtype'))).toBe(5);
    expect(parseInt(one(layers[3], 'mip6.bu.seqnr'), 10)).toBe(b.body.kind === 'bu' ? b.body.seq : -1);
    expect(parseInt(one(layers[3], 'mip6.csum'), 16)).toBe(b.checksum);
    const h = decodeMh(has, DEFAULTS).value;
    expect(Number(one(layers[4], 'mip6.mhtype'))).toBe(12);
    expect(Number(one(layers[4], 'mip6.has.num_addrs'))).toBe(h.body.kind === 'has' ? h.body.addresses.length : -1);
    expect(all(layers[4], 'mip6.has.address')).toEqual(h.body.kind === 'has' ? h.body.addresses : []);

    // IKEv2: exchange type, flags, message id, SPIs (also behind the non-ESP marker)
    for (const [i, bytes] of [[5, init], [6, auth]] as const) {
      const k = decodeIke(bytes, DEFAULTS).value;
      const ti = layers[i]!.isakmp as Record<string, unknown>;
      expect(Number(one(ti, 'isakmp.exchangetype'))).toBe(k.exchangeType);
      expect([ti['isakmp.typepayload']].flat().map(Number)).toEqual(k.payloads.map((x) => x.type));
      expect(parseInt(one(ti, 'isakmp.flags'), 16)).toBe(k.flags);
      expect(Number(one(ti, 'isakmp.messageid'))).toBe(k.messageId);
      expect(one(ti, 'isakmp.ispi').replace(/:/g, '')).toBe(k.ispi);
      expect(one(ti, 'isakmp.rspi').replace(/:/g, '')).toBe(k.rspi);
    }
    const k0 = decodeIke(init, DEFAULTS).value;
    expect(Number(one(layers[5], 'isakmp.key_exchange.dh_group'))).toBe((k0.payloads[1]!.parsed as { dhGroup: number }).dhGroup);
    expect(Number(one(layers[5], 'isakmp.notify.msgtype'))).toBe((k0.payloads[3]!.parsed as { notifyType: number }).notifyType);
    expect(Number(one(layers[5], 'isakmp.prop.transforms'))).toBe(2);
  });

  it.skipIf(!have && !process.env.CI)('documents tshark 4.0\'s false warning on a correct Home Agent Switch', () => {
    expect(have, 'tshark is required under CI').toBe(true);
    const has = fixture('mh', 'has-b-bit.hex');
    const ours = decodeMh(has, DEFAULTS);
    expect(ours.issues).toEqual([]); // our decoder is the judge: 24 octets, Header Len 2, one address, no options
    const [l] = tshark([buildIp({ src: HA, dst: MN, proto: 135, payload: has })]);
    expect(ours.value.options).toEqual([]);
    // tshark starts the options inside the address: five Pad1 and a "Binding Refresh Advice" with no length octet
    expect(all(l, '_ws.expert.message').map(String)).toContainEqual(expect.stringMatching(/length byte past end of options/));
    expect(all(l, 'mip6.opt.len.invalid')).toHaveLength(1);
    expect(all(l, 'mip6.has.address')).toEqual(['2001:db8::2']); // the header fields themselves agree
  });
});
