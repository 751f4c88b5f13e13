// RFC 8415 §21.1 for the relay's own layer of a Relay-forw (the relayed message inside is judged as its sender's).
import type { MsgAssertion } from '../../src/assert/types.js';
import { defineAssertion } from '../../src/assert/types.js';
import type { Dhcpv6Message } from '../../src/proto/dhcpv6/index.js';
import { relayPayload } from '../dhcpv6/client-relay-kit.js';
import { CITE, wellFormed } from './client-well-formed.js';

export const relayWellFormed = defineAssertion<MsgAssertion<Dhcpv6Message>>({
  id: 'RFC8415-21.1-relay-well-formed',
  title: "a relay's own Relay-forward layer is well-formed",
  level: 'MUST',
  role: 'relay',
  proto: 'dhcpv6',
  scope: 'message',
  observe: 'cap',
  cite: CITE,
  looksAt: "decode issues of severity 'error' in a Relay-forw outside the message it relays (that part is judged as the sender's)",
  applies: (m) => m.value.kind === 'relay' && m.value.msgType === 12,
  check: (m) => {
    const p = m.value.kind === 'relay' ? relayPayload(m.value, m.raw) : undefined;
    const inner = p?.bytes ? { from: p.option.offset! + 4, to: p.option.offset! + 4 + p.bytes.length } : undefined;
    const own = inner ? m.issues.filter((i) => i.offset < inner.from || i.offset >= inner.to) : m.issues;
    return wellFormed(m, 'relay', own);
  },
});
