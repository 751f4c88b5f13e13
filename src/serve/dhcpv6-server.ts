// The reference DHCPv6 server (RFC 8415 stateless service, RFC 6610 home information, RFC 6422 RSOO, RFC 6611 §4.2):
// a pure function from a received message to the message to send back (or null: discard). Faults, when named,
// break exactly one rule each.
import type { Settings } from '../assert/profiles.js';
import { duid, encodeDhcpv6, findAllKind, findKind, IA_CODES, msg, opt, MSG, OPT, RSOO_ENABLED } from '../proto/dhcpv6/index.js';
import type { Dhcpv6ClientServerMessage, Dhcpv6Message, Dhcpv6Option, Dhcpv6RelayMessage, Duid } from '../proto/dhcpv6/index.js';
import { bytesEqual } from '../wire/codec.js';

export interface HomeInfo {
  ha: string;
  hnp?: { len: number; prefix: string };
  haf?: string;
}

export interface DhcpServerConfig {
  duid: Duid;
  /** MSP FQDN → home information the server holds for it (used when no RSOO supplies it) */
  msps: Record<string, HomeInfo>;
  /** local (ASP) home agent, for VDINF */
  local: HomeInfo;
  /** for UDINF */
  unrestricted: HomeInfo;
  irt: number;
  infMaxRt: number;
}

export const DEFAULT_SERVER: DhcpServerConfig = {
  duid: duid.en(32473, Uint8Array.of(0x72, 0x65, 0x66)),
  // the server's own list differs from what the AAA server allocates (2001:db8:10::1), so using RSOO shows
  msps: { 'msp.example': { ha: '2001:db8:11::1', hnp: { len: 64, prefix: '2001:db8:11::' } } },
  local: { ha: '2001:db8:20::1', hnp: { len: 64, prefix: '2001:db8:20::' } },
  unrestricted: { ha: '2001:db8:30::1' },
  irt: 86400,
  infMaxRt: 3600,
};

const homeOptions = (h: HomeInfo): Dhcpv6Option[] => [
  ...(h.hnp ? [opt.hnp(h.hnp.len, h.hnp.prefix)] : []),
  opt.haa(h.ha),
  ...(h.haf ? [opt.haf(h.haf)] : []),
];

/** Answers one message as received on port 547, or returns null when RFC 8415 says to discard it. */
export function serverAnswer(m: Dhcpv6Message, cfg: DhcpServerConfig, faults: ReadonlySet<string>, settings: Settings): Dhcpv6Message | null {
  if (m.kind === 'relay') {
    if (m.msgType !== MSG.RELAY_FORW) return null; // RFC 8415 §16.14: servers discard Relay-reply
    const chain: Dhcpv6RelayMessage[] = [];
    let cur: Dhcpv6Message = m;
    while (cur.kind === 'relay') {
      chain.push(cur);
      const rm: Dhcpv6Option | undefined = findKind(cur.options, 'relayMsg');
      if (!rm || rm.kind !== 'relayMsg') return null;
      cur = rm.message;
    }
    // RFC 6422 §6 (Kea's walk): the relay closest to the client first
    const rsoo = chain.slice().reverse().flatMap((r) => findAllKind(r.options, 'rsoo').flatMap((x) => x.options));
    const reply = clientAnswer(cur, cfg, faults, settings, rsoo);
    if (!reply) return null;
    let out: Dhcpv6Message = reply;
    for (let i = chain.length - 1; i >= 0; i--) {
      const r = chain[i]!;
      const ifid = findKind(r.options, 'interfaceId');
      out = msg.relayRepl(r.hopCount, r.linkAddress, r.peerAddress, [
        opt.relayMsg(out),
        ...(ifid && !faults.has('no-interface-id') ? [ifid] : []),
      ]);
    }
    return out;
  }
  return clientAnswer(m, cfg, faults, settings, []);
}

function clientAnswer(
  m: Dhcpv6Message, cfg: DhcpServerConfig, faults: ReadonlySet<string>, settings: Settings, rsoo: Dhcpv6Option[],
): Dhcpv6ClientServerMessage | null {
  if (m.kind !== 'message' || m.msgType !== MSG.INFORMATION_REQUEST) return null; // stateless server; unknown types discarded (§16)
  const o = m.options;
  if (o.some((x) => IA_CODES.has(x.code)) && !faults.has('answer-ia-ir')) return null; // §16.12
  const sid = findKind(o, 'serverId');
  if (sid && !sameDuid(sid.duid, cfg.duid) && !faults.has('answer-foreign-serverid')) return null; // §16.12
  const oro = findKind(o, 'oro')?.codes ?? [];
  const hnidf = findKind(o, 'hnidf');
  const cid = findKind(o, 'clientId');
  const opts: Dhcpv6Option[] = [];
  if (!faults.has('no-serverid')) opts.push(opt.serverId(cfg.duid));
  if (cid && !faults.has('no-clientid-echo')) opts.push(cid);

  // RFC 6611 §4.2.1: home agent information the relay supplied (allocated by the AAAH), closest relay first
  const rsooHa = rsoo.filter((x) => x.code === OPT.MIP6_HAA || x.code === OPT.MIP6_HNP || x.code === OPT.MIP6_HAF);
  const wantsIdinf = oro.includes(OPT.MIP6_IDINF) || (Boolean(hnidf) && (oro.includes(OPT.MIP6_HNIDF) || oro.includes(OPT.MIP6_VDINF)) && settings['rfc6611.oroCodes'] === 'any');
  if (faults.has('wrong-container') && wantsIdinf) {
    opts.push(opt.vdinf(homeOptions(cfg.local)));
  } else if (wantsIdinf) {
    const msp = hnidf ? cfg.msps[hnidf.fqdn.replace(/\.$/, '')] : undefined;
    let info: Dhcpv6Option[] | undefined;
    if (rsooHa.length && !faults.has('rsoo-ignored')) info = firstOfEach(rsooHa);
    else if (msp) info = homeOptions(msp);
    if (info && faults.has('ha-mismatch')) info = [...info.filter((x) => x.code !== OPT.MIP6_HAA), opt.haa('2001:db8:bad::1')];
    if (info && faults.has('empty-container')) info = [];
    // RFC 6610: information unavailable → no container (the Reply is still sent)
    if (info) opts.push(opt.idinf([...(hnidf ? [hnidf] : []), ...info]));
  } else if (oro.includes(OPT.MIP6_VDINF)) {
    opts.push(opt.vdinf(homeOptions(cfg.local))); // RFC 6611 §4.2.2: own list, never the RSOO's
  }
  if (oro.includes(OPT.MIP6_UDINF)) opts.push(opt.udinf(homeOptions(cfg.unrestricted)));
  // RFC 6422: RSOO-enabled options the server has no candidate for go to the client; the RSOO itself never does
  for (const x of rsoo) if (RSOO_ENABLED.has(x.code) || settings['dhcpv6.rsooEnabled'].includes(x.code)) if (!opts.some((y) => y.code === x.code)) opts.push(x);
  if (faults.has('rsoo-to-client') && rsoo.length) opts.push(opt.rsoo(rsoo));
  if (oro.includes(OPT.INFORMATION_REFRESH_TIME)) opts.push(opt.informationRefreshTime(faults.has('irt-too-small') ? 300 : cfg.irt));
  if (oro.includes(OPT.INF_MAX_RT)) opts.push(opt.infMaxRt(cfg.infMaxRt));
  const trid = faults.has('wrong-trid') ? (m.transactionId ^ 0x5a5a5a) & 0xffffff : m.transactionId;
  return msg.reply(trid, opts);
}

function firstOfEach(list: Dhcpv6Option[]): Dhcpv6Option[] {
  const seen = new Set<number>();
  return list.filter((x) => (seen.has(x.code) ? false : (seen.add(x.code), true)));
}

/** DUIDs are opaque and compared only for equality (RFC 8415 §11): compare their encodings. */
function sameDuid(a: Duid, b: Duid): boolean {
  const enc = (d: Duid) => encodeDhcpv6(msg.reply(0, [opt.serverId(d)]));
  return bytesEqual(enc(a), enc(b));
}
