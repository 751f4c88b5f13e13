// RFC 8415 §16 message validation as seen from the server: what it must discard and what it must not.
// A discard is visible as a request whose transaction has no answer (answers [] and a timeout).
import { defineAssertion, v, type Check, type RunAssertion, type TxAssertion } from '../../src/assert/types.js';
import { IA_CODES, MSG, OPT, findKind, findOption } from '../../src/proto/dhcpv6/index.js';
import { ev, legs, type DTx } from '../dhcpv6/kit.js';
import {
  STATUS, answered, dataHex, discardReason, isExchange, isIr, isUnknownMsgType, optCodes, pairEv, received, sent, serverForw,
  unicastDirect, type Side,
} from '../dhcpv6/server-kit.js';

const URL16 = 'https://www.rfc-editor.org/rfc/rfc8415#section-16';

export const unknownMsgType = defineAssertion<TxAssertion>({
  id: 'RFC8415-16-server-unknown-msg-type',
  title: 'Server discards a message of unknown type',
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '16', digest: 'DHCP-01', url: URL16,
    quote: 'A client or server MUST discard any received DHCP messages with an unknown message type.' },
  looksAt: 'a request whose msg-type is unassigned (e.g. 200): any Relay-repl or Reply in its transaction is a fail',
  applies: (tx: DTx) => isExchange(tx) && !!received(tx) && isUnknownMsgType(received(tx)!.msg.msgType),
  check(tx: DTx): Check {
    const req = received(tx)!;
    const l = legs(tx);
    const answers = [...l.relayRepl, ...l.reply];
    if (answers.length) {
      return v.fail(`message of unknown type ${req.msg.msgType} was answered`, ev([req.carrier, ...answers], {
        path: 'answers', expected: 'no answer', actual: answers.map((a) => a.value.msgType),
      }));
    }
    return v.pass(`message of unknown type ${req.msg.msgType} got no answer (${tx.timeout?.afterMs ?? 0} ms)`, ev([req.carrier]));
  },
});

export const unknownOptions = defineAssertion<TxAssertion>({
  id: 'RFC8415-16-server-unknown-options',
  title: 'Server does not discard a message because it carries unknown options',
  level: 'MUST NOT',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '16', digest: 'DHCP-03', url: URL16,
    quote: 'Clients, relay agents, and servers MUST NOT discard messages that contain unknown options (or instances of vendor options with unknown enterprise-number values).' },
  looksAt: 'an otherwise valid Information-request with an unknown top-level option: it must still get a Reply',
  applies(tx: DTx) {
    const req = received(tx);
    return isExchange(tx) && isIr(req) && req.msg.options.some((o) => o.kind === 'unknown') && !discardReason(tx, req);
  },
  check(tx: DTx): Check {
    const req = received(tx)!;
    const unknown = req.msg.options.filter((o) => o.kind === 'unknown');
    const e = { path: 'request.options', actual: optCodes(unknown), offset: unknown[0]?.offset };
    if (answered(tx)) return v.pass(`Information-request with unknown option(s) ${optCodes(unknown).join(', ')} was answered`, pairEv(req, sent(tx), e));
    return v.fail(`Information-request with unknown option(s) ${optCodes(unknown).join(', ')} got no Reply`, ev([req.carrier], { ...e, expected: 'a Reply' }));
  },
});

export const irIaOption = defineAssertion<TxAssertion>({
  id: 'RFC8415-16.12-ir-ia-option',
  title: 'Server discards an Information-request that carries an IA option',
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  profileKeys: ['dhcpv6.base'],
  cite: { doc: 'RFC8415', section: '16.12', digest: 'DHCP-05', url: 'https://www.rfc-editor.org/rfc/rfc8415#section-16.12',
    quote: 'Servers MUST discard any received Information-request message that meets any of the following conditions: [...] the message includes an IA option.' },
  looksAt: 'an Information-request with IA_NA/IA_TA/IA_PD: silence passes; a Reply with UnspecFail only warns (RFC 8415 §16 MAY), under rfc3315 it fails',
  applies(tx: DTx) {
    const req = received(tx);
    return isExchange(tx) && isIr(req) && req.msg.options.some((o) => IA_CODES.has(o.code));
  },
  check(tx: DTx, ctx): Check {
    const req = received(tx)!;
    const ia = req.msg.options.filter((o) => IA_CODES.has(o.code));
    if (!answered(tx)) return v.pass(`Information-request with IA option(s) ${optCodes(ia).join(', ')} was discarded`, ev([req.carrier]));
    const ans = sent(tx);
    const status = ans ? findKind(ans.msg, 'statusCode') : undefined;
    const e = pairEv(req, ans, { path: 'reply', expected: 'no answer', actual: ans ? optCodes(ans.msg.options) : 'unreadable answer' });
    if (ans?.msg.msgType === MSG.REPLY && status?.status === STATUS.UNSPEC_FAIL) {
      if (ctx.settings['dhcpv6.base'] === 'rfc3315') return v.fail('Information-request with an IA option answered with UnspecFail; RFC 3315 §15.12 requires a discard', e);
      return v.warn('Information-request with an IA option answered with UnspecFail (RFC 8415 §16 lets a server answer an invalid message this way; §16.12 says discard)', e);
    }
    return v.fail('Information-request with an IA option was answered', e);
  },
});

export const unicastIr = defineAssertion<TxAssertion>({
  id: 'RFC8415-16-unicast-ir',
  title: 'Server discards a unicast Information-request (or answers only UseMulticast)',
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  provisional: true,
  profileKeys: ['dhcpv6.unicastIr'],
  cite: { doc: 'RFC8415', section: '16', digest: 'DHCP-06', url: URL16,
    quote: 'A server MUST discard any Solicit, Confirm, Rebind, or Information-request messages it receives with a Layer 3 unicast destination address.' },
  looksAt: "a directly sent Information-request to a unicast address: silence; under 'either' also a Reply with only UseMulticast + SERVERID + CLIENTID (RFC 8415 §18.4)",
  applies(tx: DTx) {
    return isExchange(tx) && isIr(received(tx)) && !!unicastDirect(tx);
  },
  check(tx: DTx, ctx): Check {
    const req = received(tx)!;
    const dst = req.carrier.dst.addr;
    if (!answered(tx)) return v.pass(`unicast Information-request to ${dst} was discarded`, ev([req.carrier]));
    const ans = sent(tx);
    const e = pairEv(req, ans, { path: 'reply.options', actual: ans ? optCodes(ans.msg.options) : 'unreadable answer' });
    if (ctx.settings['dhcpv6.unicastIr'] === 'discard') return v.fail(`unicast Information-request to ${dst} was answered ('dhcpv6.unicastIr' = discard)`, { ...e, expected: 'no answer' });
    const why = ans ? useMulticastProblem(req, ans) : 'answer unreadable';
    const expected = 'silence, or a Reply with exactly STATUS_CODE(UseMulticast), SERVERID and the CLIENTID (if any)';
    return why
      ? v.fail(`unicast Information-request answered, but not with a bare UseMulticast Reply: ${why}`, { ...e, expected })
      : v.pass('unicast Information-request answered with a UseMulticast Reply (RFC 8415 §18.4)', e);
  },
});

function useMulticastProblem(req: Side, ans: Side): string | undefined {
  if (ans.msg.msgType !== MSG.REPLY) return `msg-type ${ans.msg.msgType}, not Reply`;
  const status = findKind(ans.msg, 'statusCode');
  if (status?.status !== STATUS.USE_MULTICAST) return 'no UseMulticast (5) status';
  if (!findOption(ans.msg, OPT.SERVERID)) return 'no SERVERID';
  const hadClientId = !!findOption(req.msg, OPT.CLIENTID);
  if (hadClientId !== !!findOption(ans.msg, OPT.CLIENTID)) return hadClientId ? 'CLIENTID not copied' : 'CLIENTID the request did not carry';
  const allowed = new Set<number>([OPT.STATUS_CODE, OPT.SERVERID, OPT.CLIENTID]);
  const extra = ans.msg.options.filter((o) => !allowed.has(o.code));
  if (extra.length) return `other options present: ${optCodes(extra).join(', ')}`;
  return undefined;
}

/** serverid data hex of an answer side, keyed by the address that sent it */
function learnServer(tx: DTx, known: Map<string, Set<string>>): void {
  const s = sent(tx);
  const sid = s ? findOption(s.msg, OPT.SERVERID) : undefined;
  if (!s || !sid) return;
  const hex = dataHex(s.carrier, sid);
  const addr = s.carrier.src.addr;
  const set = known.get(addr) ?? new Set<string>();
  set.add(hex);
  known.set(addr, set);
}

export const irForeignServerId = defineAssertion<RunAssertion>({
  id: 'RFC8415-16.12-ir-foreign-serverid',
  title: "Server discards an Information-request naming another server's DUID",
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'run',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '16.12', digest: 'DHCP-04', url: 'https://www.rfc-editor.org/rfc/rfc8415#section-16.12',
    quote: "Servers MUST discard any received Information-request message that meets any of the following conditions: the message includes a Server Identifier option (see Section 21.3), and the DUID in the option does not match the server's DUID." },
  looksAt: "an IR with SERVERID: a Reply whose SERVERID differs fails; silence passes when the server's DUID (learnt from its other Replies in the run) differs",
  start() {
    const known = new Map<string, Set<string>>();
    const pending: DTx[] = [];
    return {
      see(tx: DTx) {
        if (!isExchange(tx)) return;
        learnServer(tx, known);
        const req = received(tx);
        if (isIr(req) && findOption(req.msg, OPT.SERVERID)) pending.push(tx);
      },
      end(): Check[] {
        return pending.map((tx) => judgeForeign(tx, known));
      },
    };
  },
});

function judgeForeign(tx: DTx, known: Map<string, Set<string>>): Check {
  const req = received(tx)!;
  const named = dataHex(req.carrier, findOption(req.msg, OPT.SERVERID)!);
  const ans = sent(tx);
  if (answered(tx)) {
    const own = ans ? findOption(ans.msg, OPT.SERVERID) : undefined;
    const ownHex = ans && own ? dataHex(ans.carrier, own) : undefined;
    const e = pairEv(req, ans, { path: 'request.SERVERID', expected: ownHex ?? 'the server DUID', actual: named });
    if (ownHex === undefined) return v.inconclusive('IR with SERVERID was answered, but the answer shows no server DUID to compare', e);
    if (ownHex === named) return v.na('the IR named this server', e);
    return v.fail(`server (DUID ${ownHex}) answered an Information-request naming DUID ${named}`, e);
  }
  const forw = serverForw(tx);
  const target = forw?.dst.addr;
  const candidates = target && known.has(target) ? known.get(target)! : forw ? new Set<string>() : new Set([...known.values()].flatMap((s) => [...s]));
  const e = ev([req.carrier], { path: 'request.SERVERID', actual: named, expected: [...candidates] });
  if (!candidates.size) return v.inconclusive("IR with SERVERID got no answer, but no Reply in the capture shows the server's own DUID", e);
  if (candidates.has(named)) return v.na('the IR named this server; its silence is judged elsewhere', e);
  return v.pass(`Information-request naming foreign DUID ${named} was discarded`, e);
}

export const serverDiscardsRelayReply = defineAssertion<RunAssertion>({
  id: 'RFC8415-16.14-server-relay-reply-discard',
  title: 'Server discards a Relay-reply sent to it',
  level: 'MUST',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'run',
  observe: 'both',
  cite: { doc: 'RFC8415', section: '16.14', digest: 'DHCP-37', url: 'https://www.rfc-editor.org/rfc/rfc8415#section-16.14',
    quote: 'Clients and servers MUST discard any received Relay-reply messages.' },
  looksAt: 'a Relay-repl sent to an address known as a server in the run (or by the tester): anything that server sends back in the same transaction fails',
  start() {
    const servers = new Set<string>();
    const pending: DTx[] = [];
    return {
      see(tx: DTx) {
        if (tx.proto !== 'dhcpv6') return;
        const l = legs(tx);
        if (isExchange(tx)) {
          if (l.relayForw.length) for (const m of l.relayRepl) servers.add(m.src.addr);
          else for (const m of l.reply) servers.add(m.src.addr);
        }
        if (tx.kind === 'dhcpv6.orphan' && tx.request.value.msgType === MSG.RELAY_REPL) pending.push(tx);
      },
      end(): Check[] {
        const out: Check[] = [];
        for (const tx of pending) {
          const req = tx.request;
          const to = req.dst.addr;
          if (!servers.has(to) && !req.sentByTester) continue;
          const back = tx.answers.filter((a) => a.src.addr === to);
          out.push(back.length
            ? v.fail(`server ${to} answered a Relay-reply sent to it`, ev([req, ...back], { path: 'answers', expected: 'no answer', actual: back.map((b) => b.value.msgType) }))
            : v.pass(`server ${to} sent nothing back for a Relay-reply sent to it`, ev([req])));
        }
        return out;
      },
    };
  },
});

export const VALIDATION = [unknownMsgType, unknownOptions, irIaOption, unicastIr, irForeignServerId, serverDiscardsRelayReply];
