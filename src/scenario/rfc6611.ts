// A complete RFC 6611 §4.2.1 integrated-scenario DHCPv6 exchange, built with our own encoder, as four legs:
//   MN --IR--> relay --Relay-forw(RSOO{HAA,HNP})--> server --Relay-repl(IDINF)--> relay --Reply--> MN
// Fixtures, benches and tests start from this clean exchange and break one thing at a time with `mutate`.
import { duid, encodeDhcpv6, msg, opt, MSG, OPT } from '../proto/dhcpv6/index.js';
import type { Dhcpv6Message } from '../proto/dhcpv6/index.js';
import { buildUdp } from '../net/build.js';
import type { FixtureFrame } from '../fixtures/kit.js';
import { FIXTURE_EPOCH } from '../fixtures/kit.js';

export const RFC6611_ADDR = {
  client: 'fe80::211:22ff:fe33:4455',
  clientMac: Uint8Array.of(0x00, 0x11, 0x22, 0x33, 0x44, 0x55),
  relayLl: 'fe80::1',
  /** global address of the relay on the client's link: the Relay-forw link-address */
  link: '2001:db8:1::1',
  relayUp: '2001:db8:ff::1',
  server: '2001:db8:ff::2',
  allRelays: 'ff02::1:2',
  ha: '2001:db8:10::1',
  hnp: { len: 64, prefix: '2001:db8:10::' },
  msp: 'msp.example',
} as const;

export type Leg = 'client' | 'relayForw' | 'relayRepl' | 'reply';

export interface Rfc6611Options {
  /** seconds since the epoch of the first packet */
  t0?: number;
  transactionId?: number;
  /** which home information the MN asks for: the ORO codes (default [IDINF] + the RFC 8415 pair 32, 83) */
  oro?: number[];
  /** home agent the AAA server assigned, put in RSOO by the relay (null: no RSOO) */
  rsoo?: Dhcpv6Message['options'] | null;
  /** per-leg rewrites for negative cases; each gets the clean message and returns what goes on the wire */
  mutate?: Partial<Record<Leg, (m: Dhcpv6Message) => Dhcpv6Message>>;
  /** legs present in the capture (default all four) */
  legs?: Leg[];
  /** IP hop limit of the client's IR */
  clientHopLimit?: number;
}

export interface Rfc6611Exchange {
  messages: Record<Leg, Dhcpv6Message>;
  frames: FixtureFrame[];
}

export const SERVER_DUID = duid.en(32473, Uint8Array.of(0x6d, 0x69, 0x70, 0x36));

export function rfc6611Exchange(o: Rfc6611Options = {}): Rfc6611Exchange {
  const A = RFC6611_ADDR;
  const t0 = o.t0 ?? FIXTURE_EPOCH;
  const trid = o.transactionId ?? 0x6611a1;
  const clientDuid = duid.ll(A.clientMac);
  const haInfo = [opt.haa(A.ha), opt.hnp(A.hnp.len, A.hnp.prefix)];
  const mut = o.mutate ?? {};

  const ir0 = msg.informationRequest(trid, [
    opt.clientId(clientDuid),
    opt.elapsedTime(0),
    opt.oro(o.oro ?? [OPT.MIP6_IDINF, OPT.INFORMATION_REFRESH_TIME, OPT.INF_MAX_RT]),
    opt.hnidf(A.msp),
  ]);
  const ir = mut.client ? mut.client(ir0) : ir0;

  const rsoo = o.rsoo === undefined ? haInfo : o.rsoo;
  const fw0 = msg.relayForw(0, A.link, A.client, [
    opt.relayMsg(ir),
    opt.interfaceId('eth0'),
    ...(rsoo ? [opt.rsoo(rsoo)] : []),
  ]);
  const fw = mut.relayForw ? mut.relayForw(fw0) : fw0;

  const reply0 = msg.reply(trid, [
    opt.serverId(SERVER_DUID),
    opt.clientId(clientDuid),
    opt.idinf([opt.hnidf(A.msp), ...(rsoo ?? haInfo).filter((x) => x.code === OPT.MIP6_HNP || x.code === OPT.MIP6_HAA || x.code === OPT.MIP6_HAF)]),
    opt.informationRefreshTime(86400),
  ]);
  const rp0 = msg.relayRepl(0, A.link, A.client, [opt.relayMsg(reply0), opt.interfaceId('eth0')]);
  const rp = mut.relayRepl ? mut.relayRepl(rp0) : rp0;
  const innerReply = rp.options.find((x) => x.kind === 'relayMsg');
  const reply1 = innerReply && innerReply.kind === 'relayMsg' ? innerReply.message : reply0;
  const reply = mut.reply ? mut.reply(reply1) : reply1;

  const legs = new Set<Leg>(o.legs ?? ['client', 'relayForw', 'relayRepl', 'reply']);
  const frames: FixtureFrame[] = [];
  const add = (leg: Leg, dt: number, src: string, dst: string, sport: number, dport: number, m: Dhcpv6Message, hopLimit?: number) => {
    if (!legs.has(leg)) return;
    const payload = encodeDhcpv6(m);
    frames.push({ ts: t0 + dt, data: buildUdp({ src, dst, sport, dport, payload, ...(hopLimit ? { hopLimit } : {}) }) });
  };
  add('client', 0, A.client, A.allRelays, 546, 547, ir, o.clientHopLimit ?? 1);
  add('relayForw', 0.001, A.relayUp, A.server, 547, 547, fw, 64);
  add('relayRepl', 0.004, A.server, A.relayUp, 547, 547, rp, 64);
  add('reply', 0.005, A.relayLl, A.client, 547, 546, reply, 255);
  void MSG;
  return { messages: { client: ir, relayForw: fw, relayRepl: rp, reply }, frames };
}
