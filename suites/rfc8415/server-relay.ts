// RFC 8415 §9.2, §18.3.10, §19.3, §21.18: the Relay-repl a server sends back for a relayed request.
// Layers are compared pairwise from the outermost (nearest the server) inward.
import { defineAssertion, v, type Check, type TxAssertion } from '../../src/assert/types.js';
import { OPT, findOption, relayChain } from '../../src/proto/dhcpv6/index.js';
import { bytesEqual, toHex } from '../../src/wire/codec.js';
import { ev, type DMsg, type DTx } from '../dhcpv6/kit.js';
import { discardReason, isExchange, optionBytes, received, serverForw, serverRepl } from '../dhcpv6/server-kit.js';

const URL = (s: string): string => `https://www.rfc-editor.org/rfc/rfc8415#section-${s}`;

const relayed = (tx: DTx): boolean => isExchange(tx) && !!serverForw(tx);

/** the Relay-forw/Relay-repl pair, or the verdict when the Relay-repl is missing */
function pair(tx: DTx): { fw: DMsg; rp: DMsg } | { check: Check } {
  const fw = serverForw(tx)!;
  const rp = serverRepl(tx);
  if (rp) return { fw, rp };
  const why = discardReason(tx, received(tx));
  return why
    ? { check: v.na(`no Relay-repl, and the server may discard this request (${why})`, ev([fw])) }
    : { check: v.inconclusive(`no Relay-repl captured for this Relay-forw (timeout ${tx.timeout?.afterMs ?? '?'} ms)`, ev([fw], { path: 'relayRepl', expected: 'a Relay-repl' })) };
}

export const relayReplToRelay = defineAssertion<TxAssertion>({
  id: 'RFC8415-18.3.10-relay-repl-to-relay',
  title: 'Relay-repl is unicast to the source address of the Relay-forw',
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '18.3.10', digest: 'DHCP-40', url: URL('18.3.10'),
    quote: 'The server unicasts the Relay-reply message directly to the relay agent using the address in the source address field from the IP datagram in which the Relay-forward message was received.' },
  looksAt: "IP destination of the server's Relay-repl vs IP source of the Relay-forw it received",
  applies: relayed,
  check(tx: DTx): Check {
    const p = pair(tx);
    if ('check' in p) return p.check;
    const { fw, rp } = p;
    return rp.dst.addr === fw.src.addr
      ? v.pass(`Relay-repl sent to the relay ${fw.src.addr}`, ev([fw, rp]))
      : v.fail('Relay-repl not sent to the address the Relay-forw came from', ev([fw, rp], { path: 'relayRepl.ip.dst', expected: fw.src.addr, actual: rp.dst.addr }));
  },
});

export const relayReplInterfaceId = defineAssertion<TxAssertion>({
  id: 'RFC8415-21.18-relay-repl-interface-id',
  title: 'Server copies the Interface-Id into the Relay-repl',
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '21.18', digest: 'DHCP-40', url: URL('21.18'),
    quote: 'The server MUST copy the Interface-Id option from the Relay-forward message into the Relay-reply message the server sends to the relay agent in response to the Relay-forward message.' },
  looksAt: 'OPTION_INTERFACE_ID of each Relay-forw layer vs the matching Relay-repl layer, byte for byte',
  applies: (tx: DTx) => relayed(tx) && relayChain(serverForw(tx)!.value).some((r) => findOption(r, OPT.INTERFACE_ID)),
  check(tx: DTx): Check {
    const p = pair(tx);
    if ('check' in p) return p.check;
    const { fw, rp } = p;
    const f = relayChain(fw.value);
    const r = relayChain(rp.value);
    for (let i = 0; i < f.length; i++) {
      const want = findOption(f[i]!, OPT.INTERFACE_ID);
      if (!want) continue;
      const got = r[i] ? findOption(r[i]!, OPT.INTERFACE_ID) : undefined;
      const wb = optionBytes(fw, want);
      const gb = got ? optionBytes(rp, got) : undefined;
      if (!got || !wb || !gb || !bytesEqual(wb, gb)) {
        return v.fail(`Interface-Id of relay layer ${i} not copied into the Relay-repl`, ev([fw, rp], {
          path: `relayRepl.layer[${i}].INTERFACE_ID`, expected: wb ? toHex(wb) : 'present', actual: gb ? toHex(gb) : 'absent', offset: got?.offset ?? r[i]?.offset,
        }));
      }
    }
    return v.pass('Interface-Id copied into the Relay-repl', ev([fw, rp]));
  },
});

export const relayReplCopies = defineAssertion<TxAssertion>({
  id: 'RFC8415-9.2-relay-repl-copies',
  title: 'Relay-repl copies hop-count, link-address and peer-address and carries a Relay Message',
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '9.2', digest: 'DHCP-41', url: URL('9.2'),
    quote: 'hop-count: Copied from the Relay-forward message. link-address: Copied from the Relay-forward message. peer-address: Copied from the Relay-forward message. options: MUST include a Relay Message option (see Section 21.10)' },
  looksAt: 'each Relay-repl layer: hop-count, link-address, peer-address equal to the matching Relay-forw layer; RELAY_MSG present',
  applies: relayed,
  check(tx: DTx): Check {
    const p = pair(tx);
    if ('check' in p) return p.check;
    const { fw, rp } = p;
    const f = relayChain(fw.value);
    const r = relayChain(rp.value);
    for (let i = 0; i < Math.min(f.length, r.length); i++) {
      const a = f[i]!;
      const b = r[i]!;
      const fields = [['hop-count', a.hopCount, b.hopCount], ['link-address', a.linkAddress, b.linkAddress], ['peer-address', a.peerAddress, b.peerAddress]] as const;
      for (const [name, want, got] of fields) {
        if (want !== got) {
          return v.fail(`Relay-repl layer ${i} ${name} not copied`, ev([fw, rp], { path: `relayRepl.layer[${i}].${name}`, expected: want, actual: got, offset: b.offset }));
        }
      }
      if (!findOption(b, OPT.RELAY_MSG)) {
        return v.fail(`Relay-repl layer ${i} has no RELAY_MSG`, ev([fw, rp], { path: `relayRepl.layer[${i}].RELAY_MSG`, expected: 'present', actual: 'absent', offset: b.offset }));
      }
    }
    return v.pass('Relay-repl header fields copied and RELAY_MSG present', ev([fw, rp]));
  },
});

export const relayReplNesting = defineAssertion<TxAssertion>({
  id: 'RFC8415-19.3-relay-repl-nesting',
  title: 'Relay-repl nesting mirrors the Relay-forw nesting',
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '19.3', digest: 'DHCP-42', url: URL('19.3'),
    quote: 'A response to the client MUST be relayed through the same relay agents as the original client message.' },
  looksAt: 'number of relay layers in the Relay-repl vs the Relay-forw the server received',
  applies: relayed,
  check(tx: DTx): Check {
    const p = pair(tx);
    if ('check' in p) return p.check;
    const { fw, rp } = p;
    const want = relayChain(fw.value).length;
    const got = relayChain(rp.value).length;
    return want === got
      ? v.pass(`Relay-repl has ${got} relay layer(s), as the Relay-forw`, ev([fw, rp]))
      : v.fail('Relay-repl nesting differs from the Relay-forw', ev([fw, rp], { path: 'relayRepl.layers', expected: want, actual: got }));
  },
});

export const RELAY = [relayReplToRelay, relayReplInterfaceId, relayReplCopies, relayReplNesting];
