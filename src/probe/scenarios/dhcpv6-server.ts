// probe dhcp-server: the tester plays the relay (Relay-forw to the server's 547, with Relay-Source-Port when it
// sends from another port) or the client (Information-request by multicast on an interface), sends one request per
// case, and records every answer. The recording is then judged by the server assertions, as a capture would be.
import type { Settings } from '../../assert/profiles.js';
import { decodeDhcpv6, duid, encodeDhcpv6, innermost, msg, opt, MSG, OPT } from '../../proto/dhcpv6/index.js';
import type { Dhcpv6Message, Dhcpv6Option } from '../../proto/dhcpv6/index.js';
import { ProbeTargetError } from '../../util/errors.js';
import { openUdp } from '../transport/udp.js';
import type { Tap } from '../transport/types.js';
import type { Target } from '../target.js';

export interface DhcpServerProbe {
  target: Target;
  mode: 'relay' | 'client';
  /** local address to send from (default: '::1' for a loopback target, else '::') */
  bind?: string;
  /** local port (default: ephemeral in relay mode, 546 in client mode) */
  localPort?: number;
  iface?: string;
  timeoutMs: number;
  settings: Settings;
  /** home-agent data the tester puts in RSOO, as an AAA-informed NAS would */
  ha: string;
  hnp: { len: number; prefix: string };
  msp: string;
  /** link-address of the tester's Relay-forw */
  linkAddress: string;
  /** only these cases (names); default all */
  cases?: string[];
  tap: Tap;
}

interface Built {
  /** the client message (or raw bytes) the case sends */
  inner: Dhcpv6Message;
  /** RSOO content (relay mode), null = no RSOO */
  rsoo: Dhcpv6Option[] | null;
  /** an extra relay level around the first (two-level nesting) */
  nested?: boolean;
  /** send as this relay message type instead of Relay-forw (12) */
  relayType?: number;
}

export interface DhcpCase {
  name: string;
  what: string;
  /** the server must answer (baseline); used to tell a silent server from one that discards */
  expectAnswer: boolean;
  modes: ('relay' | 'client')[];
  build(c: { trid: number; clientDuid: Dhcpv6Option; ha: Dhcpv6Option[]; msp: string; settings: Settings }): Built;
}

const ORO_BASE = [OPT.INFORMATION_REFRESH_TIME, OPT.INF_MAX_RT];
const ir = (trid: number, opts: Dhcpv6Option[]) => msg.informationRequest(trid, [opt.elapsedTime(0), ...opts]);
const hnidf = (fqdn: string, s: Settings) => (s['dhcpv6.hnidf'] === 'hiopt-draft' ? opt.hnidf(fqdn, 1) : opt.hnidf(fqdn));

/** The cases, as data: what is sent and whether the server must answer. */
export const DHCP_SERVER_CASES: readonly DhcpCase[] = [
  {
    name: 'idinf-hnidf-rsoo', what: 'RFC 6611 §4.2.1: IR asking for IDINF with HNIDF, relay supplies the AAA-assigned HA in RSOO',
    expectAnswer: true, modes: ['relay'],
    build: (c) => ({ inner: ir(c.trid, [c.clientDuid, opt.oro([OPT.MIP6_IDINF, ...ORO_BASE]), hnidf(c.msp, c.settings)]), rsoo: c.ha }),
  },
  {
    name: 'idinf-hnidf', what: 'IR asking for IDINF with HNIDF, no RSOO (the server answers from its own configuration or not at all)',
    expectAnswer: true, modes: ['relay', 'client'],
    build: (c) => ({ inner: ir(c.trid, [c.clientDuid, opt.oro([OPT.MIP6_IDINF, ...ORO_BASE]), hnidf(c.msp, c.settings)]), rsoo: null }),
  },
  {
    name: 'idinf-no-hnidf', what: 'IR asking for IDINF without HNIDF',
    expectAnswer: true, modes: ['relay', 'client'],
    build: (c) => ({ inner: ir(c.trid, [c.clientDuid, opt.oro([OPT.MIP6_IDINF, ...ORO_BASE])]), rsoo: c.ha }),
  },
  {
    name: 'vdinf-rsoo', what: 'RFC 6611 §4.2.2: local (ASP) HA asked for with VDINF; the relay still adds RSOO, which the server must not use',
    expectAnswer: true, modes: ['relay', 'client'],
    build: (c) => ({ inner: ir(c.trid, [c.clientDuid, opt.oro([OPT.MIP6_VDINF, ...ORO_BASE])]), rsoo: c.ha }),
  },
  {
    name: 'udinf', what: 'IR asking for UDINF (no preference)',
    expectAnswer: true, modes: ['relay', 'client'],
    build: (c) => ({ inner: ir(c.trid, [c.clientDuid, opt.oro([OPT.MIP6_UDINF, ...ORO_BASE])]), rsoo: null }),
  },
  {
    name: 'unknown-msp', what: 'IR naming an MSP the server does not know: no container, but still a Reply',
    expectAnswer: true, modes: ['relay', 'client'],
    build: (c) => ({ inner: ir(c.trid, [c.clientDuid, opt.oro([OPT.MIP6_IDINF, ...ORO_BASE]), hnidf('unknown-msp.invalid', c.settings)]), rsoo: null }),
  },
  {
    name: 'no-clientid', what: 'IR without CLIENTID: the Reply must carry none (RFC 8415 §18.3.6)',
    expectAnswer: true, modes: ['relay', 'client'],
    build: (c) => ({ inner: ir(c.trid, [opt.oro([OPT.MIP6_IDINF, ...ORO_BASE])]), rsoo: null }),
  },
  {
    name: 'unknown-option', what: 'IR with an unknown option 65000: servers MUST NOT discard it for that (RFC 8415 §16)',
    expectAnswer: true, modes: ['relay', 'client'],
    build: (c) => ({ inner: ir(c.trid, [c.clientDuid, opt.oro([OPT.MIP6_IDINF, ...ORO_BASE]), opt.raw(65000, Uint8Array.of(1, 2, 3))]), rsoo: null }),
  },
  {
    name: 'two-relays', what: 'two relay levels, each with RSOO: the Relay-repl must mirror the nesting (RFC 8415 §19.3)',
    expectAnswer: true, modes: ['relay'],
    build: (c) => ({ inner: ir(c.trid, [c.clientDuid, opt.oro([OPT.MIP6_IDINF, ...ORO_BASE]), hnidf(c.msp, c.settings)]), rsoo: c.ha, nested: true }),
  },
  {
    name: 'ia-in-ir', what: 'IR carrying IA_NA: the server MUST discard it (RFC 8415 §16.12)',
    expectAnswer: false, modes: ['relay', 'client'],
    build: (c) => ({ inner: ir(c.trid, [c.clientDuid, opt.oro(ORO_BASE), opt.iaNa(1)]), rsoo: null }),
  },
  {
    name: 'foreign-serverid', what: "IR naming another server's DUID: the server MUST discard it (RFC 8415 §16.12)",
    expectAnswer: false, modes: ['relay', 'client'],
    build: (c) => ({ inner: ir(c.trid, [c.clientDuid, opt.oro(ORO_BASE), opt.serverId(duid.en(32473, Uint8Array.of(0xde, 0xad)))]), rsoo: null }),
  },
  {
    name: 'unknown-msg-type', what: 'a message of type 200: servers MUST discard unknown message types (RFC 8415 §16)',
    expectAnswer: false, modes: ['relay', 'client'],
    build: (c) => ({ inner: msg.message(200, c.trid, [c.clientDuid]), rsoo: null }),
  },
  {
    name: 'relay-repl-to-server', what: 'a Relay-reply sent to the server: servers MUST discard Relay-reply (RFC 8415 §16.14)',
    expectAnswer: false, modes: ['relay'],
    build: (c) => ({ inner: ir(c.trid, [c.clientDuid, opt.oro(ORO_BASE)]), rsoo: null, relayType: MSG.RELAY_REPL }),
  },
];

export interface DhcpCaseResult {
  name: string;
  what: string;
  transactionId: number;
  answered: boolean;
  expectAnswer: boolean;
}

const CLIENT_MAC = (i: number) => Uint8Array.of(0x02, 0x6d, 0x36, 0x00, 0x00, i & 0xff);

/** Sends every case, collects answers until timeoutMs after the last send. Throws ProbeTargetError when nothing answers at all. */
export async function probeDhcpServer(p: DhcpServerProbe): Promise<DhcpCaseResult[]> {
  const cases = DHCP_SERVER_CASES.filter((c) => c.modes.includes(p.mode) && (!p.cases?.length || p.cases.includes(c.name)));
  const loop = p.target.addr === '::1' || p.target.addr.startsWith('127.');
  const family = p.target.addr.includes(':') ? 6 : 4;
  const sock = await openUdp({
    bind: p.bind ?? (loop ? (family === 6 ? '::1' : '127.0.0.1') : family === 6 ? '::' : '0.0.0.0'),
    port: p.localPort ?? (p.mode === 'client' ? 546 : 0),
    family,
    ...(p.iface ? { iface: p.iface } : {}),
    tap: p.tap,
  });
  if (sock.kind === 'error') throw new ProbeTargetError(`cannot open a UDP socket: ${sock.code} ${sock.message}`);
  const sent: { c: DhcpCase; trid: number }[] = [];
  try {
    const ha = [opt.haa(p.ha), opt.hnp(p.hnp.len, p.hnp.prefix)];
    let i = 0;
    for (const c of cases) {
      i++;
      const trid = (0x6d0000 + i) & 0xffffff;
      const clientDuid = opt.clientId(duid.ll(CLIENT_MAC(i)));
      const b = c.build({ trid, clientDuid, ha, msp: p.msp, settings: p.settings });
      const payload = p.mode === 'client' ? encodeDhcpv6(b.inner, p.settings) : encodeDhcpv6(wrap(b, i, p, sock.local.port), p.settings);
      const r = await sock.send(payload, { addr: p.target.scope ? `${p.target.addr}%${p.target.scope}` : p.target.addr, port: p.target.port });
      if (r.kind === 'error') throw new ProbeTargetError(`cannot send to ${p.target.addr}:${p.target.port}: ${r.code} ${r.message}`);
      sent.push({ c, trid });
      await new Promise((res) => setTimeout(res, 5));
    }
    const got = await sock.collect(p.timeoutMs);
    const answered = new Set<number>();
    for (const d of got) {
      const m = decodeDhcpv6(d.data, p.settings).value;
      const inner = innermost(m);
      if (inner.kind === 'message') answered.add(inner.transactionId);
    }
    const results = sent.map(({ c, trid }) => ({ name: c.name, what: c.what, transactionId: trid, answered: answered.has(trid), expectAnswer: c.expectAnswer }));
    if (!results.some((r) => r.answered)) {
      throw new ProbeTargetError(
        `no answer from ${p.target.addr}:${p.target.port} to ${results.length} requests within ${p.timeoutMs} ms (is a DHCPv6 server listening${p.mode === 'relay' ? ' and accepting relayed requests' : ''}?)`,
      );
    }
    return results;
  } finally {
    await sock.close();
  }
}

function wrap(b: Built, i: number, p: DhcpServerProbe, localPort: number): Dhcpv6Message {
  const peer = `fe80::6d36:${i.toString(16)}`;
  const srcPort = localPort !== 547 ? [opt.relaySourcePort(localPort)] : [];
  const level1 = msg.relay(b.relayType ?? MSG.RELAY_FORW, 0, p.linkAddress, peer, [
    opt.relayMsg(b.inner),
    opt.interfaceId(`m6if${i}`),
    ...(b.rsoo ? [opt.rsoo(b.rsoo)] : []),
  ]);
  if (!b.nested) return withSrcPort(level1, srcPort);
  const level2 = msg.relay(MSG.RELAY_FORW, 1, '::', p.linkAddress, [
    opt.relayMsg(level1),
    opt.interfaceId(`m6up${i}`),
    ...(b.rsoo ? [opt.rsoo([opt.haa('2001:db8:bad::1')])] : []),
  ]);
  return withSrcPort(level2, srcPort);
}

function withSrcPort(m: Dhcpv6Message, extra: Dhcpv6Option[]): Dhcpv6Message {
  return extra.length ? { ...m, options: [...m.options, ...extra] } : m;
}
