// RFC 8415 §19.2: a relay extracts the Relay-reply's message and sends it, unchanged, to the peer-address
// (DIGEST DHCP-36, RFC 6611 INT-09). Byte comparison of RELAY_MSG data against the delivered datagram.
import type { Check, TxAssertion } from '../../src/assert/types.js';
import { defineAssertion, v } from '../../src/assert/types.js';
import { CLIENT_PORT, msgTypeName, relayChain } from '../../src/proto/dhcpv6/index.js';
import { firstDiff, relayPayload } from '../dhcpv6/client-relay-kit.js';
import { ev, legs, type DMsg, type DTx } from '../dhcpv6/kit.js';

/** what a relay sent on after receiving Relay-repl `r` of `depth` layers: the Reply (depth 1) or the inner Relay-repl */
function nextHop(tx: DTx, r: DMsg, depth: number): DMsg[] {
  const l = legs(tx);
  if (depth === 1) return [...l.reply, ...l.relayRepl.filter((m) => m !== r && m.dst.port === CLIENT_PORT)].filter((m) => m.ts >= r.ts);
  return l.relayRepl.filter((m) => m !== r && m.ts >= r.ts && m.value.kind === 'relay' && relayChain(m.value).length === depth - 1);
}

/** Relay-repl legs as they arrive at a relay (not those a relay wrongly passed on to a client port) */
export function arrivingRelayRepl(tx: DTx): DMsg[] {
  return legs(tx).relayRepl.filter((r) => r.value.kind === 'relay' && r.dst.port !== CLIENT_PORT);
}

export const replyUnmodified = defineAssertion<TxAssertion>({
  id: 'RFC8415-19.2-relay-reply-unmodified',
  title: 'the relay delivers the Relay-reply message unmodified to the peer-address',
  level: 'MUST NOT',
  role: 'relay',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  cite: {
    doc: 'RFC8415', section: '19.2', digest: 'DHCP-36', url: 'https://www.rfc-editor.org/rfc/rfc8415#section-19.2',
    quote:
      'The relay agent extracts the message from the Relay Message option and relays it to the address contained in the peer-address field of the Relay-reply message. Relay agents MUST NOT modify the message.',
  },
  looksAt: "the Relay-repl's RELAY_MSG octets against the datagram the relay delivered (Reply to the client, or the inner Relay-repl), and its destination = peer-address",
  applies: (tx) => arrivingRelayRepl(tx as DTx).length > 0,
  check: (tx) => {
    const out: Check[] = [];
    for (const r of arrivingRelayRepl(tx as DTx)) {
      if (r.value.kind !== 'relay') continue;
      const depth = relayChain(r.value).length;
      const p = relayPayload(r.value, r.raw);
      if (!p?.bytes) continue;
      const peer = r.value.peerAddress;
      const sent = nextHop(tx as DTx, r, depth);
      const raw = sent.find((m) => m.value.kind === 'relay' && depth === 1);
      if (raw) {
        out.push(v.fail(`relay passed the whole Relay-reply to ${raw.dst.addr}:${raw.dst.port} instead of extracting its message`, ev([r, raw], {
          path: 'relay-repl.options.RELAY_MSG', expected: 'the relayed message', actual: 'RELAY-REPL',
        })));
        continue;
      }
      if (!sent.length) {
        out.push(v.inconclusive(`the ${depth === 1 ? 'Reply' : 'inner Relay-repl'} the relay delivered is not in the capture`, ev([r])));
        continue;
      }
      const same = sent.find((m) => firstDiff(m.raw, p.bytes!) === -1);
      const m = same ?? sent[0]!;
      if (m.dst.addr !== peer) {
        out.push(v.fail(`${msgTypeName(m.value.msgType)} delivered to ${m.dst.addr}, not the peer-address ${peer}`, ev([r, m], { path: 'ip.dst', expected: peer, actual: m.dst.addr })));
        continue;
      }
      if (same) {
        out.push(v.pass(`${msgTypeName(m.value.msgType)} delivered to ${peer} byte-identical to the Relay-repl's RELAY_MSG (${p.bytes.length} octets)`, ev([r, m])));
        continue;
      }
      const d = firstDiff(p.bytes, m.raw);
      out.push(v.fail(`delivered ${msgTypeName(m.value.msgType)} differs from the Relay-repl's RELAY_MSG at byte ${d} (${p.bytes.length} → ${m.raw.length} octets)`, ev([r, m], {
        path: 'reply', expected: `${p.bytes.length} octets as in the Relay-repl`, actual: `${m.raw.length} octets, first difference at byte ${d}`, offset: d,
      })));
    }
    return out.length ? out : v.na('no Relay Message to compare');
  },
});
