// RFC 6422 Relay-Supplied Options (RSOO, 66) as the server handles them (DIGEST §3, RSOO-01/02/04/05). Only
// the RSOO-01 sentence is verified (quoted in Kea's source); the rest is provisional (DIGEST §13 item 3).
import { defineAssertion, v, type Check, type TxAssertion } from '../../src/assert/types.js';
import { MIP6_CONTAINERS, MIP6_HOME_INFO, OPT, optionName, relayChain, rsooEnabled, walkOptions } from '../../src/proto/dhcpv6/index.js';
import type { Dhcpv6Option } from '../../src/proto/dhcpv6/index.js';
import { ev, type DMsg, type DTx } from '../dhcpv6/kit.js';
import { answered, dataHex, isExchange, optCodes, received, replyOrMissing, rsooLayers, sameData, serverForw, serverRepl, type Side } from '../dhcpv6/server-kit.js';

const URL6 = 'https://www.rfc-editor.org/rfc/rfc6422#section-6';
const NOTE = ' (DIGEST paraphrase; RFC 6422 text not re-read)';

/** answered relayed exchanges whose Relay-forw carries an RSOO */
const withRsoo = (tx: DTx): boolean => isExchange(tx) && !!serverForw(tx) && rsooLayers(serverForw(tx)!).length > 0 && answered(tx);

function setup(tx: DTx): { fw: DMsg; reply: Side } | { check: Check } {
  const fw = serverForw(tx)!;
  const req = received(tx);
  if (!req) return { check: v.inconclusive('request inside the Relay-forw not readable', ev([fw])) };
  const r = replyOrMissing(tx, req);
  return 'check' in r ? r : { fw, reply: r.reply };
}

export const serverDiscardDup = defineAssertion<TxAssertion>({
  id: 'RFC6422-6-server-discard-dup',
  title: 'Server drops RSOO options it already has its own value for',
  level: 'SHOULD',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  cite: { doc: 'RFC6422', section: '6', digest: 'RSOO-01', url: URL6,
    quote: 'The server SHOULD discard any options that appear in the RSOO for which it already has one or more candidates.' },
  looksAt: "top-level Reply options whose code is in the RSOO: the relay's copy next to the server's own value fails; the server's value alone passes",
  applies: withRsoo,
  check(tx: DTx): Check {
    const s = setup(tx);
    if ('check' in s) return s.check;
    const { fw, reply } = s;
    let own: Dhcpv6Option | undefined;
    const supplied = rsooLayers(fw).flatMap((l) => l.options);
    for (const { options } of rsooLayers(fw)) {
      for (const ro of options) {
        if (MIP6_HOME_INFO.has(ro.code)) continue; // RFC 6611 material: judged by RFC6611-4.2.1-server-idinf-from-rsoo
        const same = reply.msg.options.filter((o) => o.code === ro.code);
        const fromRelay = (o: Dhcpv6Option): boolean => supplied.some((x) => sameData(reply.carrier, o, fw, x));
        const echoed = same.filter(fromRelay);
        const other = same.filter((o) => !fromRelay(o));
        if (echoed.length && other.length) {
          return v.fail(`Reply carries the relay's ${optionName(ro.code)} next to the server's own`, ev([fw, reply.carrier], {
            path: `reply.${optionName(ro.code)}`, expected: 'only the server candidate', actual: same.map((o) => dataHex(reply.carrier, o)), offset: echoed[0]!.offset,
          }));
        }
        if (other.length && !own) own = other[0];
      }
    }
    if (own) return v.pass(`server used its own ${optionName(own.code)}, not the relay's`, ev([fw, reply.carrier], { path: `reply.${optionName(own.code)}`, offset: own.offset }));
    return v.na('no RSOO option for which the Reply shows a server candidate', ev([fw, reply.carrier]));
  },
});

export const rsooEnabledOnly = defineAssertion<TxAssertion>({
  id: 'RFC6422-6-rsoo-enabled-only',
  title: 'Only RSOO-enabled options from the RSOO reach the client',
  level: 'INFO',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  provisional: true,
  profileKeys: ['dhcpv6.rsooEnabled'],
  cite: { doc: 'RFC6422', section: '6', digest: 'RSOO-02', url: URL6,
    quote: 'Only RSOO-enabled options (IANA list + local policy) are copied to the client; others are ignored (not an error).' + NOTE },
  looksAt: "RSOO options not in the RSOO-enabled set (65 + 'dhcpv6.rsooEnabled') copied byte for byte to the top level of the Reply",
  applies: withRsoo,
  check(tx: DTx, ctx): Check {
    const s = setup(tx);
    if ('check' in s) return s.check;
    const { fw, reply } = s;
    const enabled = rsooEnabled(ctx.settings);
    for (const { options } of rsooLayers(fw)) {
      for (const ro of options) {
        if (enabled.has(ro.code)) continue;
        const copy = reply.msg.options.find((o) => sameData(reply.carrier, o, fw, ro));
        if (copy) {
          return v.fail(`${optionName(ro.code)} from the RSOO, not RSOO-enabled, copied to the client`, ev([fw, reply.carrier], {
            path: `reply.${optionName(ro.code)}`, expected: `only codes ${[...enabled].join(', ')} passed on`, actual: ro.code, offset: copy.offset,
          }));
        }
      }
    }
    return v.pass('no RSOO option outside the RSOO-enabled set reached the client', ev([fw, reply.carrier]));
  },
});

/** values of a code in the Reply: top level, and inside RFC 6610 containers for HNP/HAA/HAF */
function replyValues(reply: Side, code: number): Dhcpv6Option[] {
  const out: Dhcpv6Option[] = [];
  walkOptions(reply.msg, (o, parent) => {
    if (o.code !== code) return;
    if (!parent || MIP6_CONTAINERS.has(parent.code)) out.push(o);
  });
  return out;
}

export const closestRelayWins = defineAssertion<TxAssertion>({
  id: 'RFC6422-6-closest-relay-wins',
  title: 'With several RSOOs, the value from the relay nearest the client is used',
  level: 'INFO',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC6422', section: '6', digest: 'RSOO-04', url: URL6,
    quote: 'With several relays, Kea walks from the relay closest to the client outward and keeps the first occurrence (closest-to-client wins).' + NOTE },
  looksAt: 'an option code supplied with different values in two RSOO layers: the Reply value must be the innermost layer’s',
  applies: (tx: DTx) => withRsoo(tx) && rsooLayers(serverForw(tx)!).length > 1,
  check(tx: DTx): Check {
    const s = setup(tx);
    if ('check' in s) return s.check;
    const { fw, reply } = s;
    const all = rsooLayers(fw);
    const inner = all[all.length - 1]!;
    let judged = 0;
    for (const ro of inner.options) {
      const others = all.slice(0, -1).flatMap((l) => l.options.filter((x) => x.code === ro.code && !sameData(fw, x, fw, ro)));
      if (!others.length) continue;
      for (const got of replyValues(reply, ro.code)) {
        if (sameData(reply.carrier, got, fw, ro)) judged++;
        else if (others.some((x) => sameData(reply.carrier, got, fw, x))) {
          return v.fail(`${optionName(ro.code)} taken from an outer relay's RSOO, not the one nearest the client`, ev([fw, reply.carrier], {
            path: `reply.${optionName(ro.code)}`, expected: dataHex(fw, ro), actual: dataHex(reply.carrier, got), offset: got.offset,
          }));
        }
      }
    }
    return judged
      ? v.pass('values from the RSOO nearest the client were used', ev([fw, reply.carrier]))
      : v.na('no competing RSOO value reached the Reply', ev([fw, reply.carrier]));
  },
});

export const rsooNotToClient = defineAssertion<TxAssertion>({
  id: 'RFC6422-6-rsoo-not-to-client',
  title: 'The RSOO container never reaches the client',
  level: 'INFO',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC6422', section: '6', digest: 'RSOO-05', url: URL6,
    quote: 'The RSOO container itself never reaches the client; only echoed inner options appear top-level in the Reply.' + NOTE },
  looksAt: 'OPTION_RSOO (66) anywhere in the Reply or in a layer of the Relay-repl',
  applies: withRsoo,
  check(tx: DTx): Check {
    const s = setup(tx);
    if ('check' in s) return s.check;
    const { fw, reply } = s;
    let hit: Dhcpv6Option | undefined;
    walkOptions(reply.msg, (o) => {
      if (o.code === OPT.RSOO && !hit) hit = o;
    });
    const rp = serverRepl(tx);
    if (!hit && rp) for (const r of relayChain(rp.value)) hit ??= r.options.find((o) => o.code === OPT.RSOO);
    return hit
      ? v.fail('RSOO sent back toward the client', ev([fw, reply.carrier], { path: 'reply.RSOO', expected: 'absent', actual: optCodes('options' in hit ? hit.options : []), offset: hit.offset }))
      : v.pass('no RSOO in the Reply or the Relay-repl', ev([fw, reply.carrier]));
  },
});

export const RSOO = [serverDiscardDup, rsooEnabledOnly, closestRelayWins, rsooNotToClient];
