// probe dhcp-client: the tester is the DHCPv6 server (or the server behind a relay) on port 547. It waits for a
// mobile node's Information-request, answers it with a Reply (SERVERID, CLIENTID echoed, the RFC 6610 container
// the ORO asked for, filled from --ha/--hnp), keeps listening a little for retransmissions, and the recording is
// judged by the client assertions. Also exports the Reply / Relay-reply builders used by probe dhcp-relay.
import type { Settings } from '../../assert/profiles.js';
import {
  ALL_RELAYS_AND_SERVERS, decodeDhcpv6, duid, encodeDhcpv6, findKind, innermost, msg, opt, relayChain, MSG, OPT,
} from '../../proto/dhcpv6/index.js';
import type { Dhcpv6ClientServerMessage, Dhcpv6Message, Dhcpv6Option } from '../../proto/dhcpv6/index.js';
import { ProbeTargetError } from '../../util/errors.js';
import { ProbeSockets } from '../remote-agent.js';
import type { Datagram, UdpSocket } from '../transport/udp.js';
import type { Tap } from '../transport/types.js';

/** The tester's server DUID: DUID-EN with the documentation enterprise number 32473 (RFC 5612). */
export const TESTER_DUID = duid.en(32473, Uint8Array.of(0x6d, 0x36, 0x73, 0x72, 0x76));

export interface HomeInfo {
  ha: string;
  hnp: { len: number; prefix: string };
}

/** A Reply to a client message (RFC 8415 §18.3.6): SERVERID, CLIENTID when the request had one, and per ORO the
 * RFC 6610 containers (IDINF echoes the HNIDF the client sent, RFC 6610 §4.2.2) with HAA + HNP. */
export function buildReply(req: Dhcpv6ClientServerMessage, h: HomeInfo): Dhcpv6ClientServerMessage {
  const out: Dhcpv6Option[] = [opt.serverId(TESTER_DUID)];
  const cid = findKind(req, 'clientId');
  if (cid) out.push(opt.clientId(cid.duid));
  const codes = findKind(req, 'oro')?.codes ?? [];
  const home = (): Dhcpv6Option[] => [opt.haa(h.ha), opt.hnp(h.hnp.len, h.hnp.prefix)];
  if (codes.includes(OPT.MIP6_IDINF)) {
    const hnidf = findKind(req, 'hnidf');
    out.push(opt.idinf([...(hnidf ? [hnidf.idType === undefined ? opt.hnidf(hnidf.fqdn) : opt.hnidf(hnidf.fqdn, hnidf.idType)] : []), ...home()]));
  }
  if (codes.includes(OPT.MIP6_VDINF)) out.push(opt.vdinf(home()));
  if (codes.includes(OPT.MIP6_UDINF)) out.push(opt.udinf(home()));
  if (codes.includes(OPT.INFORMATION_REFRESH_TIME)) out.push(opt.informationRefreshTime(86400));
  return msg.reply(req.transactionId, out);
}

/** The Relay-reply for a Relay-forw chain (RFC 8415 §9.2, §18.3.10, §19.3): every level's hop-count, link and peer
 * copied, Interface-ID copied (§21.18), nesting mirrored, `reply` innermost. */
export function mirrorRelay(fw: Dhcpv6Message, reply: Dhcpv6Message): Dhcpv6Message {
  let cur = reply;
  for (const r of relayChain(fw).reverse()) {
    const ifid = findKind(r, 'interfaceId');
    cur = msg.relayRepl(r.hopCount, r.linkAddress, r.peerAddress, [opt.relayMsg(cur), ...(ifid ? [opt.interfaceId(ifid.id)] : [])]);
  }
  return cur;
}

/** Where a Relay-reply goes: the relay's source address, port 547 unless the Relay-forw carried Relay-Source-Port (RFC 8357). */
export function relayReplyPort(fw: Dhcpv6Message, from: number): number {
  return fw.kind === 'relay' && findKind(fw, 'relaySourcePort') ? from : 547;
}

export interface DhcpClientProbe {
  /** local address for answers and unicast requests (default: iface's link-local, else '::') */
  bind?: string;
  port?: number;
  /** listen on ff02::1:2 on this interface too */
  iface?: string;
  /** run the sockets inside this network namespace (src/probe/agent.ts) */
  netns?: string;
  /** wait this long for the first Information-request */
  timeoutMs: number;
  /** keep listening after the Reply (retransmissions, a second request) */
  lingerMs: number;
  /** 'none': record the request but do not answer (watch the client retransmit) */
  answer: 'reply' | 'none';
  home: HomeInfo;
  settings: Settings;
  tap: Tap;
}

export interface DhcpClientResult {
  requests: number;
  answered: number;
  from?: string;
}

interface Got {
  d: Datagram;
  via: UdpSocket;
}

/** Waits for Information-requests and answers them. Throws ProbeTargetError when none arrives in time. */
export async function probeDhcpClient(p: DhcpClientProbe): Promise<DhcpClientResult> {
  const socks = new ProbeSockets(p.tap, p.timeoutMs + p.lingerMs + 30_000);
  const port = p.port ?? 547;
  try {
    const listen: UdpSocket[] = [];
    if (p.iface) {
      const m = await socks.open(p.netns, { addr: `${ALL_RELAYS_AND_SERVERS}%${p.iface}`, port, iface: p.iface, join: [ALL_RELAYS_AND_SERVERS] });
      if (m.kind === 'error') throw new ProbeTargetError(`cannot listen on [${ALL_RELAYS_AND_SERVERS}%${p.iface}]:${port}: ${m.code} ${m.message}`);
      listen.push(m);
    }
    const ucAddr = p.bind ?? (p.iface ? 'link-local' : '::');
    const u = await socks.open(p.netns, { addr: ucAddr, port, ...(p.iface ? { iface: p.iface } : {}) });
    if (u.kind === 'error') throw new ProbeTargetError(`cannot listen on ${ucAddr}:${port}: ${u.code} ${u.message}`);
    listen.push(u);
    const isIr = (d: Datagram): boolean => {
      const inner = innermost(decodeDhcpv6(d.data, p.settings).value);
      return inner.kind === 'message' && inner.msgType === MSG.INFORMATION_REQUEST;
    };
    const res: DhcpClientResult = { requests: 0, answered: 0 };
    let deadline = performance.now() + p.timeoutMs;
    let first = true;
    for (;;) {
      const g = await nextOf(listen, deadline, isIr);
      if (!g) break;
      res.requests++;
      res.from ??= g.d.from.addr;
      if (first) {
        first = false;
        deadline = performance.now() + p.lingerMs;
      }
      if (p.answer === 'none') continue;
      const fw = decodeDhcpv6(g.d.data, p.settings).value;
      const inner = innermost(fw) as Dhcpv6ClientServerMessage;
      const reply = buildReply(inner, p.home);
      const out = fw.kind === 'relay' ? mirrorRelay(fw, reply) : reply;
      const scoped = p.iface && g.d.from.addr.toLowerCase().startsWith('fe80:') ? `${g.d.from.addr}%${p.iface}` : g.d.from.addr;
      const to = { addr: scoped, port: fw.kind === 'relay' ? relayReplyPort(fw, g.d.from.port) : g.d.from.port };
      const r = await u.send(encodeDhcpv6(out, p.settings), to);
      if (r.kind === 'sent') res.answered++;
    }
    if (!res.requests) {
      throw new ProbeTargetError(
        `no Information-request reached ${p.iface ? `[${ALL_RELAYS_AND_SERVERS}%${p.iface}]` : ucAddr}:${port}${p.netns ? ` in ${p.netns}` : ''} within ${p.timeoutMs} ms`,
      );
    }
    return res;
  } finally {
    await socks.close();
  }
}

/** the next datagram matching `want` on any of the sockets, polling each in short slices until the deadline */
async function nextOf(socks: UdpSocket[], deadline: number, want: (d: Datagram) => boolean): Promise<Got | undefined> {
  for (;;) {
    for (const s of socks) {
      const r = await s.receive(0, want);
      if (r.kind === 'datagram') return { d: r, via: s };
    }
    const left = deadline - performance.now();
    if (left <= 0) return undefined;
    await socks[socks.length - 1]!.receive(Math.min(25, left), () => false);
  }
}
