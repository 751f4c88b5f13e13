// RFC 8415 §19.1, §19.1.1, §19.1.2, §19, §19.4, §21.18: what a relay puts on the wire toward the server
// (DIGEST DHCP-02, DHCP-30..35, DHCP-43). A Relay-forw's outermost layer is its sender's; inner layers were copied.
import type { Check, MsgAssertion, RunAssertion, TxAssertion } from '../../src/assert/types.js';
import { defineAssertion, v } from '../../src/assert/types.js';
import type { Message } from '../../src/flow/message.js';
import {
  findOption, innermost, MSG, msgTypeName, OPT, relayChain, type Dhcpv6Message,
} from '../../src/proto/dhcpv6/index.js';
import {
  clientCopies, firstDiff, hopCountLimit, isLinkLocal, isMulticast, isRelayType, isUnspecified, relayPayload,
} from '../dhcpv6/client-relay-kit.js';
import { ev, legs, type DMsg, type DTx } from '../dhcpv6/kit.js';

const URL = 'https://www.rfc-editor.org/rfc/rfc8415';
type DMessage = Message<Dhcpv6Message>;

const isForw = (m: DMessage): boolean => m.value.kind === 'relay' && m.value.msgType === MSG.RELAY_FORW;

export const forwRelayMsg = defineAssertion<MsgAssertion<Dhcpv6Message>>({
  id: 'RFC8415-19.1-relay-forw-relay-msg',
  title: 'Relay-forward carries the relayed message in a Relay Message option',
  level: 'MUST',
  role: 'relay',
  proto: 'dhcpv6',
  scope: 'message',
  observe: 'cap',
  cite: {
    doc: 'RFC8415', section: '19.1', digest: 'DHCP-30', url: `${URL}#section-19.1`,
    quote: 'The relay agent copies the received DHCP message (excluding any IP or UDP headers) into a Relay Message option (see Section 21.10) in the new message.',
  },
  looksAt: 'OPTION_RELAY_MSG (9) in the outermost layer of every Relay-forw',
  applies: isForw,
  check: (m) => {
    const o = m.value.kind === 'relay' ? findOption(m.value, OPT.RELAY_MSG) : undefined;
    return o
      ? v.pass(`Relay-forw carries a Relay Message option (${(o.length ?? 4) - 4} octets)`, { frames: [m.frame] })
      : v.fail('Relay-forw carries no Relay Message option', { frames: [m.frame], path: 'relay-forw.options.RELAY_MSG', expected: 'present', actual: 'absent' });
  },
});

export const forwFromClient = defineAssertion<TxAssertion>({
  id: 'RFC8415-19.1.1-relay-forw-from-client',
  title: "Relay-forw of a client message: hop-count 0, peer-address = the client's source address",
  level: 'MUST',
  role: 'relay',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  cite: {
    doc: 'RFC8415', section: '19.1.1', digest: 'DHCP-31', url: `${URL}#section-19.1.1`,
    quote:
      'If the relay agent received the message to be relayed from a client, the hop-count in the Relay-forward message is set to 0. ... The relay agent copies the source address from the header of the IP datagram in which the message was received into the peer-address field of the Relay-forward message.',
  },
  looksAt: "the Relay-forw layer that carries the client message: hop-count, and peer-address against the client's IP source when the client leg is captured",
  applies: (tx) => legs(tx as DTx).relayForw.some((f) => f.value.kind === 'relay' && relayChain(f.value).length === 1),
  check: (tx) => {
    const own = clientCopies(tx as DTx).filter((c) => c.own);
    const out: Check[] = [];
    for (const f of legs(tx as DTx).relayForw) {
      if (f.value.kind !== 'relay' || relayChain(f.value).length !== 1) continue;
      const r = f.value;
      if (r.hopCount !== 0) {
        out.push(v.fail(`Relay-forw of a client message has hop-count ${r.hopCount}, expected 0`, ev([f], { path: 'relay-forw.hop-count', expected: 0, actual: r.hopCount, offset: 1 })));
        continue;
      }
      const src = own[0]?.carrier.src.addr;
      if (src !== undefined && r.peerAddress !== src) {
        out.push(v.fail(`peer-address ${r.peerAddress} is not the client's source address ${src}`, ev([own[0]!.carrier, f], {
          path: 'relay-forw.peer-address', expected: src, actual: r.peerAddress, offset: 18,
        })));
        continue;
      }
      out.push(src === undefined
        ? v.pass(`hop-count 0 (client leg not captured: peer-address ${r.peerAddress} not compared)`, ev([f]))
        : v.pass(`hop-count 0, peer-address ${r.peerAddress} = client source`, ev([own[0]!.carrier, f])));
    }
    return out;
  },
});

export const forwLinkAddress = defineAssertion<MsgAssertion<Dhcpv6Message>>({
  id: 'RFC8415-19.1.1-relay-interface-id',
  title: 'Relay-forw whose link-address cannot identify the link carries an Interface-Id',
  level: 'MUST',
  role: 'relay',
  proto: 'dhcpv6',
  scope: 'message',
  observe: 'cap',
  cite: {
    doc: 'RFC8415', section: '19.1.1', digest: 'DHCP-32', url: `${URL}#section-19.1.1`,
    quote:
      'If the relay agent cannot use the address in the link-address field to identify the interface through which the response to the client will be relayed, the relay agent MUST include an Interface-Id option (see Section 21.18) in the Relay-forward message.',
  },
  looksAt: 'a one-layer Relay-forw (from a client) with link-address :: must carry OPTION_INTERFACE_ID (18); a link-local link-address is reported',
  applies: (m) => isForw(m) && m.value.kind === 'relay' && relayChain(m.value).length === 1,
  check: (m) => {
    if (m.value.kind !== 'relay') return v.na('not a relay message');
    const r = m.value;
    const ifid = findOption(r, OPT.INTERFACE_ID);
    if (isUnspecified(r.linkAddress) && !ifid) {
      return v.fail('link-address is :: and no Interface-Id option names the client link', { frames: [m.frame], path: 'relay-forw.options.INTERFACE_ID', expected: 'present', actual: 'absent', offset: 2 });
    }
    const how = ifid ? 'Interface-Id present' : `link-address ${r.linkAddress}`;
    const note = isLinkLocal(r.linkAddress) ? ' (link-local link-address: allowed, not recommended)' : '';
    return v.pass(`client link identified by ${how}${note}`, { frames: [m.frame] });
  },
});

export const forwHopCount = defineAssertion<MsgAssertion<Dhcpv6Message>>({
  id: 'RFC8415-19.1.2-relay-hop-count',
  title: 'relaying a Relay-forw: hop-count below HOP_COUNT_LIMIT, outer = inner + 1',
  level: 'MUST',
  role: 'relay',
  proto: 'dhcpv6',
  scope: 'message',
  observe: 'cap',
  profileKeys: ['dhcpv6.base'],
  cite: {
    doc: 'RFC8415', section: '19.1.2', digest: 'DHCP-33', url: `${URL}#section-19.1.2`,
    quote:
      'If the message received by the relay agent is a Relay-forward message and the hop-count value in the message is greater than or equal to HOP_COUNT_LIMIT, the relay agent discards the received message.',
  },
  looksAt: "nested Relay-forw: the inner layer's hop-count < HOP_COUNT_LIMIT (8 under rfc8415, 32 under rfc3315) and the outer hop-count = inner + 1",
  applies: (m) => isForw(m) && m.value.kind === 'relay' && relayChain(m.value).length > 1,
  check: (m, ctx) => {
    if (m.value.kind !== 'relay') return v.na('not a relay message');
    const [outer, inner] = relayChain(m.value);
    const limit = hopCountLimit(ctx.settings);
    const base = ctx.settings['dhcpv6.base'];
    if (inner!.hopCount >= limit) {
      return v.fail(`relay forwarded a Relay-forw with hop-count ${inner!.hopCount} ≥ HOP_COUNT_LIMIT ${limit} (${base}); it must be discarded`, {
        frames: [m.frame], path: 'relay-forw.relay-msg.hop-count', expected: `< ${limit}`, actual: inner!.hopCount, ...(inner!.offset !== undefined ? { offset: inner!.offset + 1 } : {}),
      });
    }
    if (outer!.hopCount !== inner!.hopCount + 1) {
      return v.fail(`outer hop-count ${outer!.hopCount} is not inner hop-count ${inner!.hopCount} + 1`, { frames: [m.frame], path: 'relay-forw.hop-count', expected: inner!.hopCount + 1, actual: outer!.hopCount, offset: 1 });
    }
    return v.pass(`hop-count ${inner!.hopCount} → ${outer!.hopCount} (limit ${limit}, ${base})`, { frames: [m.frame] });
  },
});

export const forwMulticastHopLimit = defineAssertion<MsgAssertion<Dhcpv6Message>>({
  id: 'RFC8415-19-relay-multicast-hop-limit',
  title: 'a relay multicasting to servers sets the IPv6 Hop Limit to 8 (32 under RFC 3315)',
  level: 'MUST',
  role: 'relay',
  proto: 'dhcpv6',
  scope: 'message',
  observe: 'cap',
  profileKeys: ['dhcpv6.base'],
  cite: {
    doc: 'RFC8415', section: '19', digest: 'DHCP-34', url: `${URL}#section-19`,
    quote: 'If the relay agent relays messages to the All_DHCP_Servers address or other multicast addresses, it sets the Hop Limit field to 8.',
  },
  looksAt: 'IPv6 Hop Limit of a Relay-forw sent to a multicast address (ff05::1:3): 8 under rfc8415, 32 under rfc3315',
  applies: (m) => isForw(m) && isMulticast(m.dst.addr),
  check: (m, ctx) => {
    const want = hopCountLimit(ctx.settings);
    if (m.hopLimit === undefined) return v.inconclusive('IP Hop Limit not known for this datagram', { frames: [m.frame] });
    return m.hopLimit === want
      ? v.pass(`Relay-forw to ${m.dst.addr} with Hop Limit ${want}`, { frames: [m.frame] })
      : v.fail(`Relay-forw to ${m.dst.addr} with Hop Limit ${m.hopLimit}, expected ${want} (${ctx.settings['dhcpv6.base']})`, {
        frames: [m.frame], path: 'ip.hop-limit', expected: want, actual: m.hopLimit,
      });
  },
});

/** the message a relay received and relayed: the client's datagram, or the previous relay's Relay-forw */
function previousHop(tx: DTx, f: DMsg, depth: number): DMsg[] {
  const l = legs(tx);
  if (depth === 1) return l.client.filter((m) => m.ts <= f.ts);
  return l.relayForw.filter((m) => m !== f && m.ts <= f.ts && m.value.kind === 'relay' && relayChain(m.value).length === depth - 1);
}

export const forwInnerUnchanged = defineAssertion<TxAssertion>({
  id: 'RFC8415-19.4-relay-inner-unchanged',
  title: 'the relayed message is copied byte for byte',
  level: 'MUST NOT',
  role: 'relay',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  cite: {
    doc: 'RFC8415', section: '19.4', digest: 'DHCP-35', url: `${URL}#section-19.4`,
    quote:
      'DIGEST DHCP-35 (RFC 8415 §19.4, paraphrase): relays may add options only at their own encapsulation level and MUST NOT change anything inside the encapsulated message.',
  },
  looksAt: "the Relay-forw's RELAY_MSG octets against the datagram the relay received (client leg or the previous relay's Relay-forw)",
  applies: (tx) => legs(tx as DTx).relayForw.length > 0,
  check: (tx) => {
    const out: Check[] = [];
    for (const f of legs(tx as DTx).relayForw) {
      if (f.value.kind !== 'relay') continue;
      const depth = relayChain(f.value).length;
      const p = relayPayload(f.value, f.raw);
      if (!p?.bytes) continue;
      const prev = previousHop(tx as DTx, f, depth);
      if (!prev.length) {
        out.push(v.inconclusive(`the message this Relay-forw carries was not captured as received (${depth === 1 ? 'client leg' : 'inner Relay-forw'} missing)`, ev([f])));
        continue;
      }
      const same = prev.find((m) => firstDiff(m.raw, p.bytes!) === -1);
      if (same) {
        out.push(v.pass(`relayed ${msgTypeName(innermost(f.value).msgType)} is byte-identical to frame ${same.frame}`, ev([same, f])));
        continue;
      }
      const ref = prev.at(-1)!;
      const d = firstDiff(ref.raw, p.bytes);
      out.push(v.fail(`relayed message differs from frame ${ref.frame} at byte ${d} (${ref.raw.length} → ${p.bytes.length} octets)`, ev([ref, f], {
        path: 'relay-forw.options.RELAY_MSG', expected: `${ref.raw.length} octets as received`, actual: `${p.bytes.length} octets, first difference at byte ${d}`, offset: p.option.offset! + 4 + d,
      })));
    }
    return out.length ? out : v.na('no Relay Message to compare');
  },
});

export const relayInterfaceIdPlacement = defineAssertion<TxAssertion>({
  id: 'RFC8415-21.18-relay-interface-id-placement',
  title: 'a relay puts Interface-Id only in its own relay layer',
  level: 'MUST NOT',
  role: 'relay',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  cite: {
    doc: 'RFC8415', section: '21.18', digest: 'DHCP-43', url: `${URL}#section-21.18`,
    quote: 'This option MUST NOT appear in any message except a Relay-forward or Relay-reply message.',
  },
  looksAt: 'Interface-Id inside the relayed client message (when the client sent none) or in the Reply the relay delivers (when the Relay-repl carried none)',
  applies: (tx) => {
    const l = legs(tx as DTx);
    return l.relayForw.length > 0 || (l.relayRepl.length > 0 && l.reply.length > 0);
  },
  check: (tx) => {
    const l = legs(tx as DTx);
    const own = clientCopies(tx as DTx).filter((c) => c.own);
    for (const f of l.relayForw) {
      const inner = innermost(f.value);
      if (inner.kind !== 'message' || !findOption(inner, OPT.INTERFACE_ID)) continue;
      if (own.some((c) => findOption(c.msg, OPT.INTERFACE_ID))) continue; // the client's own doing
      if (!own.length) return v.inconclusive('relayed client message carries an Interface-Id; the client leg is not captured to tell who added it', ev([f]));
      return v.fail('the relay added an Interface-Id inside the client message', ev([own[0]!.carrier, f], { path: 'relay-forw.relay-msg.options.INTERFACE_ID', expected: 'absent', actual: 'present' }));
    }
    const innerReplyHas = l.relayRepl.some((r) => {
      const m = innermost(r.value);
      return m.kind === 'message' && findOption(m, OPT.INTERFACE_ID) !== undefined;
    });
    for (const r of l.reply) {
      if (r.value.kind === 'message' && findOption(r.value, OPT.INTERFACE_ID) && !innerReplyHas && l.relayRepl.length) {
        return v.fail('the Reply delivered to the client carries an Interface-Id the Relay-repl did not', ev([l.relayRepl[0], r], { path: 'reply.options.INTERFACE_ID', expected: 'absent', actual: 'present' }));
      }
    }
    return v.pass('Interface-Id appears only in relay layers', ev([...l.relayForw, ...l.reply]));
  },
});

interface Unknown {
  frame: number;
  type: number;
  forwarded: boolean;
}

export const relayUnknownType = defineAssertion<RunAssertion>({
  id: 'RFC8415-19.1-relay-unknown-type',
  title: 'a relay relays client messages of a type it does not recognise',
  level: 'MUST',
  role: 'relay',
  proto: 'dhcpv6',
  scope: 'run',
  observe: 'cap',
  profileKeys: ['dhcpv6.base'],
  cite: {
    doc: 'RFC8415', section: '19.1', digest: 'DHCP-02', url: `${URL}#section-19.1`,
    quote:
      'When a relay agent receives a Relay-forward message, a recognized message type for which it is not the intended target, or an unrecognized message type, it constructs a new Relay-forward message.',
  },
  looksAt:
    'a client message (UDP → 547) of an unassigned type: forwarded in a Relay-forw → pass; not forwarded while the capture shows the relay forwarding other client messages → fail; RFC 3315 (profile rfc3315) did not require it',
  start: (ctx) => {
    const seen: Unknown[] = [];
    let uplink = false;
    return {
      see(tx) {
        const l = legs(tx as DTx);
        const c = l.client[0];
        if (l.client.length && l.relayForw.length) uplink = true;
        if (!c || c.value.kind !== 'message' || isRelayType(c.value.msgType)) return;
        if (!msgTypeName(c.value.msgType).startsWith('MSGTYPE_')) return;
        seen.push({ frame: c.frame, type: c.value.msgType, forwarded: l.relayForw.length > 0 });
      },
      end(): Check[] {
        if (!seen.length) return [v.na('no client message of an unknown type')];
        if (ctx.settings['dhcpv6.base'] === 'rfc3315') return [v.na('RFC 3315 does not specify relaying unknown message types (profile rfc3315)')];
        return seen.map((u) =>
          u.forwarded
            ? v.pass(`message type ${u.type} was relayed in a Relay-forw`, { frames: [u.frame] })
            : uplink
              ? v.fail(`message type ${u.type} was not relayed, though the relay forwarded other client messages in this capture`, { frames: [u.frame], path: 'relay-forw', expected: 'relayed', actual: 'dropped' })
              : v.inconclusive(`message type ${u.type}: no Relay-forw seen, and the capture shows no relay uplink at all`, { frames: [u.frame] }));
      },
    };
  },
});

export const RELAY_FORWARD = [
  forwRelayMsg, forwFromClient, forwLinkAddress, forwHopCount, forwMulticastHopLimit, forwInnerUnchanged, relayInterfaceIdPlacement, relayUnknownType,
] as const;

