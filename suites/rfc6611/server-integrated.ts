// RFC 6611 (seed S000) §4.2.1 step 4 and §4.2.2 step 4: what the DHCPv6 server does with the home-agent
// information the relay supplies in RSOO (DIGEST §4.2 INT-07, INT-08, INT-11). The steps are written without a
// keyword; INT-07/INT-11 are judged as MUST and marked provisional (see the report on levels).
import { defineAssertion, v, type Check, type TxAssertion } from '../../src/assert/types.js';
import { MIP6_HOME_INFO, findAllKind, optionName } from '../../src/proto/dhcpv6/index.js';
import type { Dhcpv6Option } from '../../src/proto/dhcpv6/index.js';
import { ev, type DMsg, type DTx } from '../dhcpv6/kit.js';
import {
  answered, dataHex, discardReason, homeInfoRequested, isExchange, isIr, received, replyOrMissing, requestHnidf, rsooLayers, sameData,
  serverForw,
} from '../dhcpv6/server-kit.js';

const URL = (s: string): string => `https://www.rfc-editor.org/rfc/rfc6611#section-${s}`;

/** HNP/HAA/HAF the relay supplied: the RSOO nearest the client that carries any (RFC6422-6-closest-relay-wins) */
function suppliedHomeInfo(fw: DMsg): Dhcpv6Option[] {
  const layers = rsooLayers(fw);
  for (let i = layers.length - 1; i >= 0; i--) {
    const info = layers[i]!.options.filter((o) => MIP6_HOME_INFO.has(o.code));
    if (info.length) return info;
  }
  return [];
}

/** relayed IR exchanges asking for home information */
function relayedHomeInfoIr(tx: DTx): boolean {
  const req = received(tx);
  return isExchange(tx) && !!serverForw(tx) && isIr(req) && homeInfoRequested(req.msg);
}

export const idinfFromRsoo = defineAssertion<TxAssertion>({
  id: 'RFC6611-4.2.1-server-idinf-from-rsoo',
  title: 'Server returns the home agent the relay supplied in RSOO inside IDINF',
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  provisional: true,
  profileKeys: ['dhcpv6.rsoo'],
  cite: { doc: 'RFC6611', section: '4.2.1', digest: 'INT-07', url: URL('4.2.1'),
    quote: 'extracts the allocated home agent information from the Relay-Supplied Options option and includes it in the Identified Home Network Information option [RFC6610] in the Reply Message.' },
  looksAt: "HAA/HNP/HAF in the Relay-forw's RSOO vs those in the Reply's IDINF, for an IR with HNIDF (MSP case); a fail only under dhcpv6.rsoo=rfc6611",
  applies: (tx: DTx) => relayedHomeInfoIr(tx) && requestHnidf(received(tx)!.msg) !== undefined && suppliedHomeInfo(serverForw(tx)!).length > 0,
  check(tx: DTx, ctx): Check {
    const req = received(tx)!;
    const fw = serverForw(tx)!;
    const r = replyOrMissing(tx, req);
    if ('check' in r) return r.check;
    const supplied = suppliedHomeInfo(fw);
    const idinf = findAllKind(r.reply.msg, 'idinf')[0];
    const inside = idinf?.options ?? [];
    const missing = supplied.filter((s) => !inside.some((o) => sameData(r.reply.carrier, o, fw, s)));
    const e = ev([fw, r.reply.carrier], {
      path: 'reply.IDINF', expected: supplied.map((s) => `${optionName(s.code)}=${dataHex(fw, s)}`),
      actual: inside.filter((o) => MIP6_HOME_INFO.has(o.code)).map((o) => `${optionName(o.code)}=${dataHex(r.reply.carrier, o)}`),
      offset: idinf?.offset ?? r.reply.msg.offset,
    });
    if (!missing.length) return v.pass('IDINF carries the home agent information from the RSOO', e);
    const what = idinf ? `IDINF lacks ${missing.map((m) => optionName(m.code)).join(', ')} from the RSOO` : 'no IDINF in the Reply';
    if (ctx.settings['dhcpv6.rsoo'] === 'iana-strict') {
      return v.pass(`${what}: the server ignored MIP6 options in RSOO, which IANA's RSOO-enabled list (65 only) allows (profile iana-rsoo; conflicts with RFC 6611)`, e);
    }
    return v.fail(`${what}; RFC 6611 §4.2.1 expects the AAA-assigned home agent (use --profile iana-rsoo for an IANA-strict server)`, e);
  },
});

export const unavailableFallback = defineAssertion<TxAssertion>({
  id: 'RFC6611-4.2.1-server-unavailable-fallback',
  title: 'Without relay-supplied home agent data the server still answers (RFC 6610 behaviour)',
  level: 'INFO',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC6611', section: '4.2.1', digest: 'INT-08', url: URL('4.2.1'),
    quote: 'If the requested information is not available in the DHCP server, it follows the behavior described in [RFC6610].' },
  looksAt: 'a relayed IR with HNIDF asking for home information whose Relay-forw has no RSOO home-agent data: a Reply must follow',
  applies(tx: DTx) {
    return relayedHomeInfoIr(tx) && requestHnidf(received(tx)!.msg) !== undefined && suppliedHomeInfo(serverForw(tx)!).length === 0 && !discardReason(tx, received(tx));
  },
  check(tx: DTx): Check {
    const fw = serverForw(tx)!;
    if (!answered(tx)) return v.fail('no Reply to an IR whose Relay-forw carried no home agent data', ev([fw], { path: 'relayRepl', expected: 'a Reply (RFC 6610 behaviour)', actual: 'none' }));
    const r = replyOrMissing(tx, received(tx)!);
    if ('check' in r) return r.check;
    const has = findAllKind(r.reply.msg, 'idinf').length > 0;
    return v.pass(has ? 'Reply sent with home information from the server itself' : 'Reply sent without IDINF (information unavailable)', ev([fw, r.reply.carrier]));
  },
});

export const vdinfOwnList = defineAssertion<TxAssertion>({
  id: 'RFC6611-4.2.2-server-vdinf-own-list',
  title: "In the ASP case the server fills VDINF from its own list, never from the RSOO",
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC6611', section: '4.2.2', digest: 'INT-11', url: URL('4.2.2'),
    quote: 'Note that in this case, the DHCP server does not use the received information in the Relay-Supplied Options option.' },
  looksAt: "HAA/HNP/HAF in the Reply's VDINF vs the home agent information the relay put in RSOO",
  applies: (tx: DTx) => isExchange(tx) && !!serverForw(tx) && isIr(received(tx)) && answered(tx) && suppliedHomeInfo(serverForw(tx)!).length > 0,
  check(tx: DTx): Check {
    const fw = serverForw(tx)!;
    const r = replyOrMissing(tx, received(tx)!);
    if ('check' in r) return r.check;
    const vdinf = findAllKind(r.reply.msg, 'vdinf')[0];
    if (!vdinf) return v.na('no VDINF in the Reply (not the ASP case)', ev([fw, r.reply.carrier]));
    const supplied = suppliedHomeInfo(fw);
    const reused = vdinf.options.find((o) => supplied.some((s) => sameData(r.reply.carrier, o, fw, s)));
    return reused
      ? v.fail(`VDINF carries the relay-supplied ${optionName(reused.code)} instead of one from the server's own list`, ev([fw, r.reply.carrier], {
        path: `reply.VDINF.${optionName(reused.code)}`, expected: 'a value from the server configuration', actual: dataHex(r.reply.carrier, reused), offset: reused.offset,
      }))
      : v.pass("VDINF holds the server's own home agent information", ev([fw, r.reply.carrier]));
  },
});

export const INTEGRATED = [idinfFromRsoo, unavailableFallback, vdinfOwnList];
