// RFC 6611 §4.2.1 steps 3 and 5 (seed S000): the NAS-co-located relay adds the AAA-assigned home-agent data in RSOO
// and relays the Reply back to the MN (DIGEST INT-06, INT-09).
//
// INT-06 decision: a DHCPv6 capture cannot show whether the NAS still holds AAA data (step 3 lets the relay omit RSOO
// when it does not), so a Relay-forw without RSOO is 'inconclusive', never 'fail'. An RSOO that is present but carries
// none of HAA/HNP/HAF is reported. (Correlating with a Diameter answer carrying MIP6-Agent-Info is INT-01, not judged here.)
import type { Check, TxAssertion } from '../../src/assert/types.js';
import { defineAssertion, v } from '../../src/assert/types.js';
import { CLIENT_PORT, findKind, MIP6_HOME_INFO, MIP6_ORO_CODES, relayChain } from '../../src/proto/dhcpv6/index.js';
import type { Dhcpv6Option } from '../../src/proto/dhcpv6/index.js';
import { clientCopies, hnidfPlacement, irCopies, shortName } from '../dhcpv6/client-relay-kit.js';
import { ev, legs, type DTx } from '../dhcpv6/kit.js';
import { arrivingRelayRepl } from '../rfc8415/relay-reply.js';

const URL = 'https://www.rfc-editor.org/rfc/rfc6611#section-4.2.1';

function asksHomeInfo(tx: DTx): boolean {
  const c = irCopies(tx)[0];
  if (!c) return false;
  return Boolean(hnidfPlacement(c.msg)) || (findKind(c.msg, 'oro')?.codes ?? []).some((x) => MIP6_ORO_CODES.has(x));
}

function describe(o: Dhcpv6Option): string {
  if (o.kind === 'haa') return `HAA ${o.address}`;
  if (o.kind === 'hnp') return `HNP ${o.prefix}/${o.prefixLength}`;
  if (o.kind === 'haf') return `HAF ${o.fqdn}`;
  return `${shortName(o.code)} (${o.code})`;
}

export const relayRsooHaInfo = defineAssertion<TxAssertion>({
  id: 'RFC6611-4.2.1-relay-rsoo-ha-info',
  title: 'the NAS relay carries the AAA-assigned home-agent data in RSOO',
  level: 'INFO',
  role: 'relay',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  cite: {
    doc: 'RFC6611', section: '4.2.1', digest: 'INT-06', url: URL,
    quote:
      'The relay agent also includes the received home agent information from the AAAH in the Relay-Supplied Options option [RFC6610]. If a NAS implementation does not store the received information as long as the MN\'s session remains in the ASP, and if the MN delays sending a DHCP request, the NAS/DHCP relay does not include the Relay-Supplied Options option in the Relay Forward message.',
  },
  looksAt:
    'first-hop Relay-forw of an IR asking for home information: RSOO with HAA/HNP/HAF → pass; RSOO without them → reported; no RSOO → inconclusive (the capture cannot show whether the NAS holds AAA data)',
  applies: (tx) => asksHomeInfo(tx as DTx) && legs(tx as DTx).relayForw.some((f) => f.value.kind === 'relay' && relayChain(f.value).length === 1),
  check: (tx) => {
    const f = legs(tx as DTx).relayForw.find((x) => x.value.kind === 'relay' && relayChain(x.value).length === 1)!;
    const rsoo = f.value.kind === 'relay' ? findKind(f.value, 'rsoo') : undefined;
    if (!rsoo) {
      return v.inconclusive('Relay-forw carries no RSOO: allowed when the NAS no longer holds AAA home-agent data, which the capture cannot show', ev([f], { path: 'relay-forw.options.RSOO', actual: 'absent' }));
    }
    const ha = rsoo.options.filter((o) => MIP6_HOME_INFO.has(o.code));
    return ha.length
      ? v.pass(`RSOO carries ${ha.map(describe).join(', ')}`, ev([f], { actual: ha.map((o) => o.code) }))
      : v.fail(`RSOO present but carries no home-agent data (HAA/HNP/HAF): ${rsoo.options.length ? rsoo.options.map(describe).join(', ') : 'empty'}`, ev([f], {
        path: 'relay-forw.options.RSOO', expected: 'HAA / HNP / HAF', actual: rsoo.options.map((o) => o.code), ...(rsoo.offset !== undefined ? { offset: rsoo.offset } : {}),
      }));
  },
});

export const relayReplyDelivered = defineAssertion<TxAssertion>({
  id: 'RFC6611-4.2.1-relay-reply-delivered',
  title: 'the relay delivers the Reply to the mobile node',
  level: 'INFO',
  role: 'relay',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  cite: {
    doc: 'RFC6611', section: '4.2.1', digest: 'INT-09', url: URL,
    quote: 'The relay agent relays the Reply Message from the DHCP server to the mobile node.',
  },
  looksAt: "after a one-layer Relay-repl reaches the relay: a Reply to the MN (peer-address, UDP 546) on the MN's link; byte equality is RFC8415-19.2-relay-reply-unmodified",
  applies: (tx) => arrivingRelayRepl(tx as DTx).some((r) => r.value.kind === 'relay' && relayChain(r.value).length === 1),
  check: (tx): Check => {
    const l = legs(tx as DTx);
    const r = arrivingRelayRepl(tx as DTx).find((x) => x.value.kind === 'relay' && relayChain(x.value).length === 1)!;
    const peer = r.value.kind === 'relay' ? r.value.peerAddress : '';
    const toMn = [...l.reply, ...l.relayRepl].filter((m) => m.ts >= r.ts && m.dst.port === CLIENT_PORT);
    const reply = toMn.find((m) => m.value.kind === 'message');
    if (reply) {
      return reply.dst.addr === peer
        ? v.pass(`Reply delivered to the MN at ${peer}:${CLIENT_PORT}`, ev([r, reply]))
        : v.fail(`Reply delivered to ${reply.dst.addr}, not the MN at ${peer}`, ev([r, reply], { path: 'ip.dst', expected: peer, actual: reply.dst.addr }));
    }
    if (toMn.length) return v.fail('the MN received the Relay-reply itself, not the Reply inside it', ev([r, toMn[0]], { path: 'reply', expected: 'REPLY', actual: 'RELAY-REPL' }));
    if (clientCopies(tx as DTx).some((c) => c.own)) {
      return v.fail("no Reply reached the MN's link, where its Information-request was captured", ev([r], { path: 'reply', expected: 'delivered', actual: 'absent' }));
    }
    return v.inconclusive("the MN's link is not in the capture", ev([r]));
  },
});

export const RELAY_INTEGRATED = [relayRsooHaInfo, relayReplyDelivered] as const;
