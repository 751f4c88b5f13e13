// RFC 8415 §18.3.6 and §21: the Reply a server builds for an Information-request, and the options in it.
import { defineAssertion, v, type Check, type MsgAssertion, type TxAssertion } from '../../src/assert/types.js';
import {
  IRT_MINIMUM, MAX_RT_RANGE, MSG, OPT, SINGLETON, findKind, findOption, optionName, relayChain, walkOptions,
} from '../../src/proto/dhcpv6/index.js';
import type { Dhcpv6Message, Dhcpv6Option } from '../../src/proto/dhcpv6/index.js';
import { bytesEqual, toHex } from '../../src/wire/codec.js';
import { ev, type DMsg, type DTx } from '../dhcpv6/kit.js';
import {
  SERVER_SENT, answered, discardReason, isExchange, isIr, optionBytes, oroCodes, pairEv, received, replyOrMissing,
} from '../dhcpv6/server-kit.js';

const URL = (s: string): string => `https://www.rfc-editor.org/rfc/rfc8415#section-${s}`;
const Q1836 = 'The server constructs a Reply message by setting the "msg-type" field to REPLY and copying the transaction ID from the Information-request message into the "transaction-id" field.';

/** Information-request exchanges the server saw */
const irExchange = (tx: DTx): boolean => isExchange(tx) && isIr(received(tx));

export const replyTypeTrid = defineAssertion<TxAssertion>({
  id: 'RFC8415-18.3.6-reply-msg-type-trid',
  title: 'Reply to an Information-request is msg-type 7 with the request transaction-id',
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '18.3.6', digest: 'DHCP-07', url: URL('18.3.6'), quote: Q1836 },
  looksAt: "the server's answer to an Information-request (inside the Relay-repl when relayed): msg-type and transaction-id",
  applies: irExchange,
  check(tx: DTx): Check {
    const req = received(tx)!;
    const r = replyOrMissing(tx, req);
    if ('check' in r) return r.check;
    const { msg } = r.reply;
    if (msg.msgType !== MSG.REPLY) {
      return v.fail(`answer has msg-type ${msg.msgType}, not REPLY (7)`, pairEv(req, r.reply, { path: 'reply.msg-type', expected: MSG.REPLY, actual: msg.msgType, offset: msg.offset }));
    }
    if (msg.transactionId !== req.msg.transactionId) {
      return v.fail('Reply transaction-id differs from the Information-request', pairEv(req, r.reply, {
        path: 'reply.transaction-id', expected: hex6(req.msg.transactionId), actual: hex6(msg.transactionId), offset: (msg.offset ?? 0) + 1,
      }));
    }
    return v.pass(`Reply (7) with transaction-id ${hex6(msg.transactionId)}`, pairEv(req, r.reply));
  },
});

const hex6 = (n: number): string => `0x${n.toString(16).padStart(6, '0')}`;

export const replyServerId = defineAssertion<TxAssertion>({
  id: 'RFC8415-18.3.6-reply-serverid',
  title: 'Reply carries a Server Identifier',
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '18.3.6', digest: 'DHCP-08', url: URL('18.3.6'),
    quote: "The server MUST include a Server Identifier option (see Section 21.3) containing the server's DUID in the Reply message." },
  looksAt: 'OPTION_SERVERID (2) at the top level of the Reply to an Information-request',
  applies: irExchange,
  check(tx: DTx): Check {
    const req = received(tx)!;
    const r = replyOrMissing(tx, req);
    if ('check' in r) return r.check;
    const sid = findOption(r.reply.msg, OPT.SERVERID);
    return sid
      ? v.pass('Reply carries SERVERID', pairEv(req, r.reply, { path: 'reply.SERVERID', offset: sid.offset }))
      : v.fail('Reply has no SERVERID', pairEv(req, r.reply, { path: 'reply.SERVERID', expected: 'present', actual: 'absent', offset: r.reply.msg.offset }));
  },
});

export const replyClientId = defineAssertion<TxAssertion>({
  id: 'RFC8415-16.10-reply-clientid',
  title: 'Reply echoes the Client Identifier byte for byte, or carries none when the request had none',
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '16.10', digest: 'DHCP-09', url: URL('16.10'),
    quote: 'If the client included a Client Identifier option (see Section 21.2) in the original message, the Reply message MUST include a Client Identifier option, and the contents of the Client Identifier option MUST match the DUID of the client.  If the client did not include a Client Identifier option in the original message, the Reply message MUST NOT include a Client Identifier option.' },
  looksAt: 'OPTION_CLIENTID of the Information-request vs the Reply, compared as captured bytes',
  applies: irExchange,
  check(tx: DTx): Check {
    const req = received(tx)!;
    const r = replyOrMissing(tx, req);
    if ('check' in r) return r.check;
    const asked = findOption(req.msg, OPT.CLIENTID);
    const got = findOption(r.reply.msg, OPT.CLIENTID);
    if (!asked) {
      return got
        ? v.fail('Reply carries a CLIENTID although the Information-request had none', pairEv(req, r.reply, { path: 'reply.CLIENTID', expected: 'absent', actual: 'present', offset: got.offset }))
        : v.pass('no CLIENTID in request or Reply', pairEv(req, r.reply));
    }
    const want = optionBytes(req.carrier, asked);
    if (!got) return v.fail('Reply lacks the CLIENTID the Information-request carried', pairEv(req, r.reply, { path: 'reply.CLIENTID', expected: hexOf(want), actual: 'absent' }));
    const have = optionBytes(r.reply.carrier, got);
    if (!want || !have || !bytesEqual(want, have)) {
      return v.fail('Reply CLIENTID differs from the one the client sent', pairEv(req, r.reply, { path: 'reply.CLIENTID', expected: hexOf(want), actual: hexOf(have), offset: got.offset }));
    }
    return v.pass('Reply echoes the CLIENTID byte for byte', pairEv(req, r.reply, { path: 'reply.CLIENTID', offset: got.offset }));
  },
});

const hexOf = (b: Uint8Array | undefined): string => (b ? toHex(b) : 'n/a');

export const replyWithoutClientId = defineAssertion<TxAssertion>({
  id: 'RFC8415-18.3.6-reply-without-clientid',
  title: 'Server answers an Information-request that has no Client Identifier',
  level: 'SHOULD',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '18.3.6', digest: 'DHCP-10', url: URL('18.3.6'),
    quote: "If the Information-request message received from the client did not include a Client Identifier option, the server SHOULD respond with a Reply message containing any configuration parameters that are not determined by the client's identity." },
  looksAt: 'an otherwise valid Information-request without OPTION_CLIENTID: is it answered?',
  applies(tx: DTx) {
    const req = received(tx);
    return irExchange(tx) && !!req && !findOption(req.msg, OPT.CLIENTID) && !discardReason(tx, req);
  },
  check(tx: DTx): Check {
    const req = received(tx)!;
    return answered(tx)
      ? v.pass('Information-request without CLIENTID was answered', ev([req.carrier]))
      : v.fail('Information-request without CLIENTID got no Reply', ev([req.carrier], { path: 'reply', expected: 'a Reply', actual: 'none' }));
  },
});

/** options of a code anywhere in a message: the top level, inside containers, and in relay layers */
function everywhere(m: Dhcpv6Message, code: number): { o: Dhcpv6Option; top: boolean }[] {
  const out: { o: Dhcpv6Option; top: boolean }[] = [];
  for (const relay of relayChain(m)) walkOptions(relay, (o) => o.code === code && out.push({ o, top: false }));
  const inner = innermostOf(m);
  if (inner) walkOptions(inner, (o, parent) => o.code === code && out.push({ o, top: parent === undefined }));
  return out;
}

function innermostOf(m: Dhcpv6Message): Dhcpv6Message | undefined {
  let cur: Dhcpv6Message | undefined = m;
  while (cur && cur.kind === 'relay') {
    const rm = findOption(cur, OPT.RELAY_MSG);
    cur = rm?.kind === 'relayMsg' ? rm.message : undefined;
  }
  return cur;
}

export const irtRequested = defineAssertion<TxAssertion>({
  id: 'RFC8415-21.23-reply-irt-requested',
  title: 'Reply includes Information Refresh Time when the client asked for it',
  level: 'SHOULD',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '21.23', digest: 'DHCP-12', url: URL('21.23'),
    quote: 'A server sending a Reply to an Information-request message SHOULD include this option if it is requested in the Option Request option of the Information-request.' },
  looksAt: 'ORO of the Information-request lists 32 → OPTION_INFORMATION_REFRESH_TIME at the top level of the Reply',
  applies: (tx: DTx) => irExchange(tx) && oroCodes(received(tx)!.msg).includes(OPT.INFORMATION_REFRESH_TIME),
  check(tx: DTx): Check {
    const req = received(tx)!;
    const r = replyOrMissing(tx, req);
    if ('check' in r) return r.check;
    const irt = findOption(r.reply.msg, OPT.INFORMATION_REFRESH_TIME);
    const status = findKind(r.reply.msg, 'statusCode');
    if (!irt && status && status.status !== 0) return v.na(`Reply carries status ${status.status}, not configuration`, pairEv(req, r.reply));
    return irt
      ? v.pass('requested Information Refresh Time is in the Reply', pairEv(req, r.reply, { path: 'reply.INFORMATION_REFRESH_TIME', offset: irt.offset }))
      : v.fail('Information Refresh Time was requested (ORO) but the Reply has none', pairEv(req, r.reply, { path: 'reply.INFORMATION_REFRESH_TIME', expected: 'present', actual: 'absent' }));
  },
});

/** server-sent messages: Reply/Advertise/..., Relay-repl, Reconfigure */
const fromServer = (m: DMsg): boolean => m.proto === 'dhcpv6' && SERVER_SENT.has(m.value.msgType);

export const irtMinimum = defineAssertion<MsgAssertion>({
  id: 'RFC8415-21.23-reply-irt-minimum',
  title: 'Information Refresh Time is not below IRT_MINIMUM (600 s)',
  level: 'MUST NOT',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'message',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '21.23', digest: 'DHCP-12', url: URL('21.23'), quote: 'The option value MUST NOT be smaller than IRT_MINIMUM.' },
  looksAt: 'every OPTION_INFORMATION_REFRESH_TIME in a server message: seconds ≥ 600 (0xffffffff = infinity)',
  applies: (m: DMsg) => fromServer(m) && everywhere(m.value, OPT.INFORMATION_REFRESH_TIME).length > 0,
  check(m: DMsg): Check {
    for (const { o } of everywhere(m.value, OPT.INFORMATION_REFRESH_TIME)) {
      if (o.kind === 'informationRefreshTime' && o.seconds < IRT_MINIMUM) {
        return v.fail(`Information Refresh Time ${o.seconds} s < IRT_MINIMUM ${IRT_MINIMUM} s`, ev([m], { path: 'INFORMATION_REFRESH_TIME', expected: `>= ${IRT_MINIMUM}`, actual: o.seconds, offset: o.offset }));
      }
    }
    return v.pass(`Information Refresh Time ≥ ${IRT_MINIMUM} s`, ev([m]));
  },
});

export const irtTopLevel = defineAssertion<MsgAssertion>({
  id: 'RFC8415-21.23-reply-irt-top-level',
  title: 'Information Refresh Time appears only at the top level of the Reply',
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'message',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '21.23', digest: 'DHCP-12', url: URL('21.23'), quote: 'This option MUST only appear in the top-level options area of Reply messages.' },
  looksAt: 'OPTION_INFORMATION_REFRESH_TIME inside a container or a Relay-repl layer, or in a message that is not a Reply',
  applies: (m: DMsg) => fromServer(m) && everywhere(m.value, OPT.INFORMATION_REFRESH_TIME).length > 0,
  check(m: DMsg): Check {
    const inner = innermostOf(m.value);
    for (const { o, top } of everywhere(m.value, OPT.INFORMATION_REFRESH_TIME)) {
      if (!top || inner?.msgType !== MSG.REPLY) {
        return v.fail('Information Refresh Time outside the top-level options of a Reply', ev([m], { path: 'INFORMATION_REFRESH_TIME', expected: 'top level of a Reply', actual: top ? `msg-type ${inner?.msgType}` : 'encapsulated', offset: o.offset }));
      }
    }
    return v.pass('Information Refresh Time only at the top level of the Reply', ev([m]));
  },
});

export const infMaxRtRange = defineAssertion<MsgAssertion>({
  id: 'RFC8415-21.25-reply-inf-max-rt-range',
  title: 'INF_MAX_RT value is within 60..86400 s',
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'message',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '21.25', digest: 'DHCP-13', url: URL('21.25'),
    quote: 'INF_MAX_RT value: Overriding value for INF_MAX_RT in seconds; MUST be in this range: 60 <= "value" <= 86400 (1 day).' },
  looksAt: 'every OPTION_INF_MAX_RT (83) in a server message',
  applies: (m: DMsg) => fromServer(m) && everywhere(m.value, OPT.INF_MAX_RT).length > 0,
  check(m: DMsg): Check {
    for (const { o } of everywhere(m.value, OPT.INF_MAX_RT)) {
      if (o.kind === 'infMaxRt' && (o.seconds < MAX_RT_RANGE.min || o.seconds > MAX_RT_RANGE.max)) {
        return v.fail(`INF_MAX_RT ${o.seconds} s outside ${MAX_RT_RANGE.min}..${MAX_RT_RANGE.max}`, ev([m], { path: 'INF_MAX_RT', expected: `${MAX_RT_RANGE.min}..${MAX_RT_RANGE.max}`, actual: o.seconds, offset: o.offset }));
      }
    }
    return v.pass('INF_MAX_RT within 60..86400 s', ev([m]));
  },
});

/** every option list of a message: relay layers, the inner message, each container */
function scopes(m: Dhcpv6Message): { name: string; options: readonly Dhcpv6Option[] }[] {
  const out: { name: string; options: readonly Dhcpv6Option[] }[] = [];
  const add = (name: string, list: readonly Dhcpv6Option[]): void => {
    out.push({ name, options: list });
    for (const o of list) if ('options' in o) add(`${name}.${optionName(o.code)}`, o.options);
  };
  relayChain(m).forEach((r, i) => add(`relay[${i}]`, r.options));
  const inner = innermostOf(m);
  if (inner && inner.kind === 'message') add('message', inner.options);
  return out;
}

export const singletons = defineAssertion<MsgAssertion>({
  id: 'RFC8415-21-server-singletons',
  title: 'Singleton options appear at most once per options area',
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'message',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '21', digest: 'DHCP-14', url: URL('21'),
    quote: 'Unless otherwise noted, each option may appear only in the options area of a DHCP message and may appear only once.' },
  looksAt: 'each options area (relay layers, message, containers) of a server message: a singleton code (SINGLETON table) twice',
  applies: fromServer,
  check(m: DMsg): Check {
    for (const s of scopes(m.value)) {
      const seen = new Set<number>();
      for (const o of s.options) {
        if (!SINGLETON.has(o.code)) continue;
        if (seen.has(o.code)) {
          return v.fail(`${optionName(o.code)} appears more than once in ${s.name}`, ev([m], { path: `${s.name}.${optionName(o.code)}`, expected: 'at most once', actual: s.options.filter((x) => x.code === o.code).length, offset: o.offset }));
        }
        seen.add(o.code);
      }
    }
    return v.pass('no singleton option repeated', ev([m]));
  },
});

export const duidLength = defineAssertion<MsgAssertion>({
  id: 'RFC8415-11-server-duid-length',
  title: 'DUIDs in server messages are 1..128 octets after the type',
  level: 'INFO',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'message',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '11', digest: 'DHCP-15', url: URL('11'),
    quote: 'DUID length 1..128 after type (option-len 3..130). (DIGEST §1.4 wording)' },
  looksAt: 'option-len of OPTION_CLIENTID / OPTION_SERVERID at the top level of a server message',
  applies: (m: DMsg) => fromServer(m) && duidOptions(m.value).length > 0,
  check(m: DMsg): Check {
    for (const o of duidOptions(m.value)) {
      const len = o.length === undefined ? undefined : o.length - 4;
      if (len !== undefined && (len < 3 || len > 130)) {
        return v.fail(`${optionName(o.code)} DUID is ${len} octets`, ev([m], { path: optionName(o.code), expected: '3..130', actual: len, offset: o.offset }));
      }
    }
    return v.pass('DUID lengths within 3..130 octets', ev([m]));
  },
});

function duidOptions(m: Dhcpv6Message): Dhcpv6Option[] {
  const inner = innermostOf(m);
  return inner ? inner.options.filter((o) => o.code === OPT.CLIENTID || o.code === OPT.SERVERID) : [];
}

export const statusMessage = defineAssertion<MsgAssertion>({
  id: 'RFC8415-21.13-server-status-message',
  title: 'Status message is UTF-8 and not NUL-terminated',
  level: 'MUST NOT',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'message',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '21.13', digest: 'DHCP-16', url: URL('21.13'),
    quote: 'status-message: A UTF-8 encoded [RFC3629] text string suitable for display to an end user. MUST NOT be null-terminated.' },
  looksAt: 'every OPTION_STATUS_CODE in a server message: last octet of status-message, UTF-8 validity',
  applies: (m: DMsg) => fromServer(m) && everywhere(m.value, OPT.STATUS_CODE).length > 0,
  check(m: DMsg): Check {
    for (const { o } of everywhere(m.value, OPT.STATUS_CODE)) {
      if (o.kind !== 'statusCode') continue;
      const at = o.offset === undefined || o.length === undefined ? undefined : o.offset + o.length - 1;
      if (o.message.endsWith('\u0000')) return v.fail('status-message is NUL-terminated', ev([m], { path: 'STATUS_CODE.status-message', expected: 'no trailing NUL', actual: JSON.stringify(o.message), offset: at }));
      if (o.messageBytes) return v.fail('status-message is not valid UTF-8', ev([m], { path: 'STATUS_CODE.status-message', expected: 'UTF-8', actual: hexOf(o.messageBytes), offset: o.offset }));
    }
    return v.pass('status messages are UTF-8 without a trailing NUL', ev([m]));
  },
});

export const wellFormed = defineAssertion<MsgAssertion>({
  id: 'RFC8415-21.1-server-well-formed',
  title: 'Server messages decode without errors',
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'message',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '21.1', url: URL('21.1'),
    quote: 'Option TLV (R8415 §21.1): option-code(2) | option-len(2) | option-data(option-len). Options may be nested (encapsulation) inside container options. (DIGEST §1.1 wording)' },
  looksAt: "decode issues of severity 'error' in a Reply / Relay-repl / other server message: frame, issue code, byte offset",
  applies: fromServer,
  check(m: DMsg): Check | Check[] {
    const errors = m.issues.filter((i) => i.severity === 'error');
    if (!errors.length) return v.pass('decodes without errors', ev([m]));
    return errors.map((i) => v.fail(`frame ${m.frame}: ${i.code}: ${i.message}`, ev([m], {
      path: i.path?.join('.') ?? i.code, expected: i.expected ?? 'well-formed', actual: i.actual ?? i.code, offset: i.offset,
    })));
  },
});

export const REPLY = [replyTypeTrid, replyServerId, replyClientId, replyWithoutClientId, irtRequested, irtMinimum, irtTopLevel, infMaxRtRange, singletons, duidLength, statusMessage, wellFormed];
