// RFC 6610 §4.2 (text UNVERIFIED, DIGEST MIPOPT-07): a relay holding AAA-delivered home-agent data passes it to the
// server inside RSOO (RFC 6422), not as bare options in its Relay-forw layer.
import type { MsgAssertion } from '../../src/assert/types.js';
import { defineAssertion, v } from '../../src/assert/types.js';
import type { Dhcpv6Message } from '../../src/proto/dhcpv6/index.js';
import { findKind, MIP6_CODES, MSG } from '../../src/proto/dhcpv6/index.js';
import { shortName } from '../dhcpv6/client-relay-kit.js';

export const relayHomeInfoInRsoo = defineAssertion<MsgAssertion<Dhcpv6Message>>({
  id: 'RFC6610-4.2-relay-rsoo-home-info',
  title: 'a relay passes home-agent data to the server inside RSOO',
  level: 'MAY',
  role: 'relay',
  proto: 'dhcpv6',
  scope: 'message',
  observe: 'cap',
  provisional: true,
  cite: {
    doc: 'RFC6610', section: '4.2', digest: 'MIPOPT-07', url: 'https://www.rfc-editor.org/rfc/rfc6610#section-4.2',
    quote: 'DIGEST MIPOPT-07 (RFC 6610 §4.2, text UNVERIFIED; S000 step 3): a relay holding AAA-delivered HA data passes it to the server inside RSOO.',
  },
  looksAt: "RFC 6610 options (49..73) in the relay's own Relay-forw layer: inside OPTION_RSOO (66) → pass, bare at the relay level → reported",
  applies: (m) => m.value.kind === 'relay' && m.value.msgType === MSG.RELAY_FORW,
  check: (m) => {
    if (m.value.kind !== 'relay') return v.na('not a relay message');
    const bare = m.value.options.filter((o) => MIP6_CODES.has(o.code));
    const rsoo = findKind(m.value, 'rsoo');
    const inside = rsoo ? rsoo.options.filter((o) => MIP6_CODES.has(o.code)) : [];
    if (bare.length) {
      return v.fail(`home information ${bare.map((o) => shortName(o.code)).join(', ')} sits bare in the Relay-forw layer, not inside RSOO`, {
        frames: [m.frame], path: 'relay-forw.options', expected: 'inside RSOO (66)', actual: bare.map((o) => o.code), ...(bare[0]!.offset !== undefined ? { offset: bare[0]!.offset } : {}),
      });
    }
    if (!inside.length) return v.na('the relay passes no home information');
    return v.pass(`home information ${inside.map((o) => shortName(o.code)).join(', ')} passed inside RSOO`, { frames: [m.frame] });
  },
});
