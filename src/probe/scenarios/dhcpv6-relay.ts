// probe dhcp-relay: the tester stands on both sides of the relay. As the client it sends a request on the relay's
// client-side link (multicast ff02::1:2 from port 546, or a crafted Relay-forw from 547); as the server it listens
// on the address the relay forwards to, answers each relayed Information-request with a Relay-reply that mirrors
// the Relay-forw (hop-count, link, peer, Interface-ID; a Reply with SERVERID/CLIENTID/IDINF inside), and waits for
// what the relay delivers back to the client. Either side may live in a network namespace (src/probe/agent.ts).
// The recording is judged by the relay assertions (RFC 8415 §19, RFC 7283, RFC 6422/6611).
import type { Settings } from '../../assert/profiles.js';
import { decodeDhcpv6, duid, encodeDhcpv6, HOP_COUNT_LIMIT, innermost, msg, opt, relayChain, MSG, OPT } from '../../proto/dhcpv6/index.js';
import type { Dhcpv6ClientServerMessage, Dhcpv6Message, Dhcpv6Option } from '../../proto/dhcpv6/index.js';
import { ProbeTargetError } from '../../util/errors.js';
import { ProbeSockets } from '../remote-agent.js';
import type { Target } from '../target.js';
import type { Datagram, UdpSocket } from '../transport/udp.js';
import type { Tap } from '../transport/types.js';
import { buildReply, mirrorRelay, relayReplyPort, type HomeInfo } from './dhcpv6-client.js';

export interface DhcpRelayProbe {
  /** the relay's client-side address, or ff02::1:2 (then clientIface is the link) */
  target: Target;
  /** the tester-client's link; its link-local address is the client's source */
  clientIface: string;
  /** the tester-client's address instead of the link-local (a global address) */
  clientBind?: string;
  clientNetns?: string;
  /** the address the relay forwards to (its configured server) */
  serverBind: string;
  serverPort?: number;
  serverNetns?: string;
  /** ms to wait for each leg */
  timeoutMs: number;
  settings: Settings;
  home: HomeInfo;
  msp: string;
  /** link-address of the crafted lower-relay Relay-forw */
  linkAddress: string;
  cases?: string[];
  tap: Tap;
}

interface Sent {
  /** what the tester sends on the client side */
  message: Dhcpv6Message;
  /** send from the client port 546 (a client message) or 547 (a relay message from a lower relay) */
  fromPort: 546 | 547;
}

export interface RelayCase {
  name: string;
  what: string;
  /** a conforming relay forwards it to the server */
  expectForward: boolean;
  build(c: { trid: number; i: number; settings: Settings; msp: string; linkAddress: string }): Sent;
}

const ORO = [OPT.MIP6_IDINF, OPT.INFORMATION_REFRESH_TIME, OPT.INF_MAX_RT];
const clientDuid = (i: number): Dhcpv6Option => opt.clientId(duid.ll(Uint8Array.of(0x02, 0x6d, 0x36, 0x00, 0x01, i & 0xff)));
const ir = (trid: number, i: number, more: Dhcpv6Option[] = []): Dhcpv6ClientServerMessage =>
  msg.informationRequest(trid, [clientDuid(i), opt.elapsedTime(0), opt.oro(ORO), ...more]);
const hnidf = (fqdn: string, s: Settings) => (s['dhcpv6.hnidf'] === 'hiopt-draft' ? opt.hnidf(fqdn, 1) : opt.hnidf(fqdn));
const hopLimit = (s: Settings): number => HOP_COUNT_LIMIT[s['dhcpv6.base']];
/** A consistent chain of crafted lower relays, hop-count 0 (next to the client) up to `top` (RFC 8415 §19.1.2), so only
 * the relay under test can break the hop-count rules. */
function lowerRelay(top: number, c: { trid: number; i: number; linkAddress: string }): Dhcpv6Message {
  let m: Dhcpv6Message = ir(c.trid, c.i);
  for (let hop = 0; hop <= top; hop++) {
    const peer = hop === 0 ? `fe80::6d36:${c.i.toString(16)}` : `fe80::6d37:${hop.toString(16)}`;
    m = msg.relayForw(hop, hop === 0 ? c.linkAddress : '::', peer, [opt.relayMsg(m), opt.interfaceId(`m6low${c.i}.${hop}`)]);
  }
  return m;
}

/** The cases, as data. */
export const DHCP_RELAY_CASES: readonly RelayCase[] = [
  {
    name: 'ir', what: 'plain Information-request by multicast: relayed with hop-count 0, peer-address = client, then the Reply delivered (RFC 8415 §19.1.1, §19.2)',
    expectForward: true, build: (c) => ({ message: ir(c.trid, c.i), fromPort: 546 }),
  },
  {
    name: 'ir-hnidf', what: 'RFC 6611 §4.2.1 Information-request with HNIDF naming the MSP and ORO IDINF: relayed verbatim',
    expectForward: true, build: (c) => ({ message: ir(c.trid, c.i, [hnidf(c.msp, c.settings)]), fromPort: 546 }),
  },
  {
    name: 'hop-below-limit', what: 'a chain of lower relays whose outer Relay-forw has hop-count HOP_COUNT_LIMIT-1, sent by unicast: relayed with hop-count +1 (control for hop-limit)',
    expectForward: true, build: (c) => ({ message: lowerRelay(hopLimit(c.settings) - 1, c), fromPort: 547 }),
  },
  {
    name: 'hop-limit', what: 'Relay-forw with hop-count = HOP_COUNT_LIMIT (8; 32 under rfc3315): the relay MUST discard it (RFC 8415 §19.1.2)',
    expectForward: false, build: (c) => ({ message: lowerRelay(hopLimit(c.settings), c), fromPort: 547 }),
  },
  {
    name: 'unknown-msg-type', what: 'a client message of unknown type 200: still relayed in a Relay-forw (RFC 7283 §4, RFC 8415 §19)',
    expectForward: true, build: (c) => ({ message: msg.message(200, c.trid, [clientDuid(c.i), opt.elapsedTime(0)]), fromPort: 546 }),
  },
];

export interface DhcpRelayCaseResult {
  name: string;
  what: string;
  transactionId: number;
  expectForward: boolean;
  /** a Relay-forw carrying the case's message reached the server side */
  forwarded: boolean;
  /** the tester answered it with a Relay-reply */
  answered: boolean;
  /** the relay delivered the answer back on the client side */
  delivered: boolean;
}

const isMulticastOrLinkLocal = (a: string): boolean => /^(ff|fe[89ab])/i.test(a);
const scoped = (a: string, iface: string): string => (isMulticastOrLinkLocal(a) ? `${a}%${iface}` : a);

/** Runs every case; throws ProbeTargetError when the relay forwarded none of the cases it must forward. */
export async function probeDhcpRelay(p: DhcpRelayProbe): Promise<DhcpRelayCaseResult[]> {
  const cases = DHCP_RELAY_CASES.filter((c) => !p.cases?.length || p.cases.includes(c.name));
  const socks = new ProbeSockets(p.tap, cases.length * 2 * p.timeoutMs + 30_000);
  try {
    const open = async (netns: string | undefined, addr: string, port: number, iface?: string): Promise<UdpSocket> => {
      const s = await socks.open(netns, { addr, port, ...(iface ? { iface } : {}) });
      if (s.kind === 'error') throw new ProbeTargetError(`cannot open [${addr}]:${port}${netns ? ` in ${netns}` : ''}: ${s.code} ${s.message}`);
      return s;
    };
    const clientAddr = p.clientBind ?? 'link-local';
    const server = await open(p.serverNetns, p.serverBind, p.serverPort ?? 547);
    const client546 = await open(p.clientNetns, clientAddr, 546, p.clientIface);
    const needs547 = cases.some((c) => c.build({ trid: 0, i: 0, settings: p.settings, msp: p.msp, linkAddress: p.linkAddress }).fromPort === 547);
    const client547 = needs547 ? await open(p.clientNetns, clientAddr, 547, p.clientIface) : undefined;
    const to = { addr: scoped(p.target.addr, p.target.scope ?? p.clientIface), port: p.target.port };

    let relayAddr: { addr: string; port: number } | undefined = isMulticastOrLinkLocal(p.target.addr) && p.target.addr.toLowerCase().startsWith('ff') ? undefined : to;
    const results: DhcpRelayCaseResult[] = [];
    let i = 0;
    for (const c of cases) {
      i++;
      const trid = (0x6d7200 + i) & 0xffffff;
      const sent = c.build({ trid, i, settings: p.settings, msp: p.msp, linkAddress: p.linkAddress });
      const from = sent.fromPort === 546 ? client546 : client547!;
      // a lower relay sends by unicast to the relay's address, learned from an earlier Reply when the target is multicast
      const dest = sent.fromPort === 547 && relayAddr ? relayAddr : to;
      const r = await from.send(encodeDhcpv6(sent.message, p.settings), dest);
      if (r.kind === 'error') throw new ProbeTargetError(`cannot send to [${to.addr}]:${to.port}: ${r.code} ${r.message}`);
      const res: DhcpRelayCaseResult = { name: c.name, what: c.what, transactionId: trid, expectForward: c.expectForward, forwarded: false, answered: false, delivered: false };
      results.push(res);
      const ofCase = (d: Datagram): boolean => {
        const inner = innermost(decodeDhcpv6(d.data, p.settings).value);
        return inner.kind === 'message' && inner.transactionId === trid;
      };
      const fw = await server.receive(p.timeoutMs, (d) => ofCase(d) && d.data[0] === MSG.RELAY_FORW);
      if (fw.kind !== 'datagram') continue;
      res.forwarded = true;
      const m = decodeDhcpv6(fw.data, p.settings).value;
      const inner = innermost(m);
      // only the relay's own layer is answered: a crafted lower-relay chain is there for the hop-count rules, and its
      // Relay-repl would end at the tester (as lower relay), not at a client
      if (inner.kind !== 'message' || inner.msgType !== MSG.INFORMATION_REQUEST || relayChain(m).length !== 1) continue;
      const answer = mirrorRelay(m, buildReply(inner, p.home));
      const a = await server.send(encodeDhcpv6(answer, p.settings), { addr: fw.from.addr, port: relayReplyPort(m, fw.from.port) });
      if (a.kind !== 'sent') continue;
      res.answered = true;
      const back = await from.receive(p.timeoutMs, ofCase);
      res.delivered = back.kind === 'datagram';
      if (back.kind === 'datagram' && !relayAddr) relayAddr = { addr: scoped(back.from.addr, p.clientIface), port: 547 };
    }
    // a short grace period so a late or duplicate forward is recorded too
    await server.collect(Math.min(200, p.timeoutMs));
    if (!results.some((r) => r.forwarded) && results.some((r) => r.expectForward)) {
      throw new ProbeTargetError(
        `the relay forwarded nothing to [${p.serverBind}]:${p.serverPort ?? 547}${p.serverNetns ? ` in ${p.serverNetns}` : ''} within ${p.timeoutMs} ms per case (is it running and configured with that server address?)`,
      );
    }
    return results;
  } finally {
    await socks.close();
  }
}
