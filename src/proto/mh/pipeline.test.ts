// End to end: frames through the shared Demux into our four modules, then their matchers.
import { describe, expect, it } from 'vitest';
import { DEFAULTS } from '../../assert/profiles.js';
import type { Message } from '../../flow/message.js';
import { buildIp, buildUdp } from '../../net/build.js';
import { Demux } from '../../pipeline/messages.js';
import ikev2Module from '../ikev2/register.js';
import mipv4Module from '../mipv4/register.js';
import { fixture } from '../pana/fixture.js';
import panaModule from '../pana/register.js';
import { ba, bu } from './build.js';
import { withMhChecksum } from './checksum.js';
import { encodeMh } from './message.js';
import mhModule from './register.js';

const HA = '2001:db8::1';
const MN = '2001:db8:1::100';

describe('Demux → PANA/MIPv4/MH/IKEv2 modules → matchers', () => {
  it('decodes and pairs one exchange of each protocol', () => {
    const msgs: Message[] = [];
    const modules = [panaModule, mipv4Module, mhModule, ikev2Module];
    const demux = new Demux(modules, DEFAULTS, { message: (m) => msgs.push(m), issue: () => {}, opaque: () => {} });
    const mh = (m: ReturnType<typeof bu>, src: string, dst: string) => withMhChecksum(encodeMh(m), src, dst);
    const frames = [
      buildUdp({ src: HA, dst: MN, sport: 716, dport: 716, payload: fixture('pana', 'par-complete-s002.hex') }),
      buildUdp({ src: MN, dst: HA, sport: 716, dport: 716, payload: fixture('pana', 'pan-complete.hex') }),
      buildUdp({ src: '198.51.100.7', dst: '192.0.2.1', sport: 434, dport: 434, payload: fixture('mipv4', 'rrq-nai-auth.hex') }),
      buildIp({ src: MN, dst: HA, proto: 135, payload: mh(bu({ seq: 3, flags: ['A', 'H'] }), MN, HA) }),
      buildIp({ src: HA, dst: MN, proto: 135, payload: mh(ba({ seq: 3 }), HA, MN) }),
      buildUdp({ src: HA, dst: MN, sport: 4500, dport: 4500, payload: fixture('ikev2', 'ike-auth-sk-4500.hex') }),
    ];
    frames.forEach((data, i) => demux.frame({ no: i + 1, ts: i * 0.1, tsNs: BigInt(i) * 100_000_000n, iface: 0, linktype: 1, data, origLen: data.length, fileOffset: 0 }));
    demux.end();
    expect(msgs.map((m) => [m.proto, m.transport, m.issues.length])).toEqual([
      ['pana', 'udp', 0], ['pana', 'udp', 0], ['mipv4', 'udp', 0], ['mh', 'ip', 0], ['mh', 'ip', 0], ['ikev2', 'udp', 0],
    ]);
    const kinds = modules.flatMap((mod) => {
      const mt = mod.matcher(DEFAULTS);
      const out = msgs.filter((m) => m.proto === mod.name).flatMap((m) => mt.push(m));
      return [...out, ...mt.flush()].map((t) => [t.kind, t.answers.length, t.timeout !== undefined]);
    });
    expect(kinds).toEqual([
      ['pana.auth', 1, false], ['mipv4.registration', 0, true], ['mh.bu', 1, false], ['ikev2.ike_auth', 0, true],
    ]);
  });
});
