// RFC 8415 §21.1 option format: a message the client (or the relay, for its own layer) sent must decode without
// 'error' issues. This is where "an option whose length overruns its message" shows up in a report.
import type { Check, MsgAssertion } from '../../src/assert/types.js';
import { defineAssertion, v } from '../../src/assert/types.js';
import type { Message } from '../../src/flow/message.js';
import { CLIENT_PORT, SERVER_PORT, type Dhcpv6Message } from '../../src/proto/dhcpv6/index.js';
import type { DecodeIssue } from '../../src/wire/issue.js';
import { isRelayType, typeName } from '../dhcpv6/client-relay-kit.js';

export const CITE = {
  doc: 'RFC8415', section: '21.1', url: 'https://www.rfc-editor.org/rfc/rfc8415#section-21.1',
  quote: 'option-len: An unsigned integer giving the length of the option-data field in this option in octets.',
};

type DMessage = Message<Dhcpv6Message>;

/** fail naming the frame, the issue code and the byte offset of the first 'error' issue, else pass */
export function wellFormed(m: DMessage, who: string, issues: DecodeIssue[]): Check {
  const errs = issues.filter((i) => i.severity === 'error' && i.code.startsWith('dhcpv6.'));
  const name = typeName(m.value.msgType);
  const first = errs[0];
  if (!first) return v.pass(`${who} ${name} decodes cleanly`, { frames: [m.frame] });
  const more = errs.length > 1 ? ` (+${errs.length - 1} more: ${errs.slice(1, 4).map((i) => i.code).join(', ')})` : '';
  return v.fail(`frame ${m.frame}: ${who} ${name} is malformed: ${first.code} at byte ${first.offset}: ${first.message}${more}`, {
    frames: [m.frame],
    offset: first.offset,
    ...(first.path ? { path: first.path.join('.') } : {}),
    ...(first.expected !== undefined ? { expected: first.expected } : {}),
    ...(first.actual !== undefined ? { actual: first.actual } : {}),
  });
}

export const clientWellFormed = defineAssertion<MsgAssertion<Dhcpv6Message>>({
  id: 'RFC8415-21.1-client-well-formed',
  title: 'client messages are well-formed',
  level: 'MUST',
  role: 'client',
  proto: 'dhcpv6',
  scope: 'message',
  observe: 'cap',
  cite: CITE,
  looksAt: "decode issues of severity 'error' in a client message (UDP 546 → 547, not a relay message): option lengths, truncation, malformed data",
  applies: (m) => m.value.kind === 'message' && !isRelayType(m.value.msgType) && m.dst.port === SERVER_PORT && m.src.port === CLIENT_PORT,
  check: (m) => wellFormed(m, 'client', m.issues),
});
