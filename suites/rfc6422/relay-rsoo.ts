// RFC 6422 (relay text UNVERIFIED, DIGEST §3 RSOO-03, RSOO-06): where a relay puts the Relay-Supplied Options
// option and what it carries. RFC 6611 relies on RFC 6610 options in RSOO; the IANA list permits only 65 — the
// 'dhcpv6.rsoo' setting decides which reading judges the contents (DIGEST §13 contradiction 3).
import type { TxAssertion } from '../../src/assert/types.js';
import { defineAssertion, v } from '../../src/assert/types.js';
import type { Dhcpv6Option } from '../../src/proto/dhcpv6/index.js';
import { findKind, innermost, MIP6_CODES, OPT, rsooEnabled, walkOptions } from '../../src/proto/dhcpv6/index.js';
import { clientCopies, codeList, shortName } from '../dhcpv6/client-relay-kit.js';
import { ev, legs, type DTx } from '../dhcpv6/kit.js';

const URL = 'https://www.rfc-editor.org/rfc/rfc6422';

function hasRsoo(list: { options: Dhcpv6Option[] }): boolean {
  let found = false;
  walkOptions(list, (o) => {
    if (o.code === OPT.RSOO) found = true;
  });
  return found;
}

export const rsooPlacement = defineAssertion<TxAssertion>({
  id: 'RFC6422-4-relay-rsoo-placement',
  title: "RSOO sits in the relay's own Relay-forw options only",
  level: 'INFO',
  role: 'relay',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  provisional: true,
  cite: {
    doc: 'RFC6422', section: '4', digest: 'RSOO-03', url: URL,
    quote:
      'DIGEST RSOO-03 (RFC 6422, text UNVERIFIED): RSOO is placed in the relay\'s own Relay-forward options (next to RELAY_MSG/Interface-Id), never inside the client message and never in Relay-reply.',
  },
  looksAt: 'OPTION_RSOO (66): at the top level of a Relay-forw layer → fine; inside the relayed client message (client sent none), nested in another option, or in the Reply the relay delivers → misplaced',
  applies: (tx) => legs(tx as DTx).relayForw.length > 0,
  check: (tx) => {
    const l = legs(tx as DTx);
    const own = clientCopies(tx as DTx).filter((c) => c.own);
    let seen = 0;
    for (const f of l.relayForw) {
      if (f.value.kind !== 'relay') continue;
      for (const o of f.value.options) {
        if (o.code === OPT.RSOO) seen++;
        else if ('options' in o && hasRsoo(o)) {
          return v.fail(`RSOO nested inside ${shortName(o.code)} instead of the Relay-forw options`, ev([f], { path: `relay-forw.options.${shortName(o.code)}.RSOO`, ...(o.offset !== undefined ? { offset: o.offset } : {}) }));
        }
      }
      const inner = innermost(f.value);
      if (inner.kind === 'message' && hasRsoo(inner) && own.length && !own.some((c) => hasRsoo(c.msg))) {
        return v.fail('RSOO placed inside the relayed client message', ev([own[0]!.carrier, f], { path: 'relay-forw.relay-msg.options.RSOO', expected: 'relay level', actual: 'client message' }));
      }
    }
    const replIn = l.relayRepl.some((r) => {
      const m = innermost(r.value);
      return m.kind === 'message' && hasRsoo(m);
    });
    for (const r of l.reply) {
      if (r.value.kind === 'message' && hasRsoo(r.value) && !replIn && l.relayRepl.length) {
        return v.fail('the relay added an RSOO to the Reply it delivered to the client', ev([l.relayRepl[0], r], { path: 'reply.options.RSOO', expected: 'absent', actual: 'present' }));
      }
    }
    return seen ? v.pass(`RSOO at the relay level (${seen}×)`, ev(l.relayForw)) : v.na('no RSOO in this exchange');
  },
});

export const rsooContents = defineAssertion<TxAssertion>({
  id: 'RFC6422-4-relay-rsoo-contents',
  title: 'RSOO carries only options the profile allows there',
  level: 'MAY',
  role: 'relay',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  provisional: true,
  profileKeys: ['dhcpv6.rsoo', 'dhcpv6.rsooEnabled'],
  cite: {
    doc: 'RFC6422', section: '4', digest: 'RSOO-06', url: URL,
    quote:
      'DIGEST RSOO-06 (RFC 6422, text UNVERIFIED): relays may insert RSOO; the IANA registry of options permitted in RSOO lists only 65, while RFC 6611 transports RFC 6610 home information in it.',
  },
  looksAt:
    "codes inside RSOO: 'dhcpv6.rsoo' = rfc6611 (default) allows RFC 6610 options (49..73) + RSOO-enabled codes (65 + 'dhcpv6.rsooEnabled'); iana-strict allows only the RSOO-enabled codes",
  applies: (tx) => legs(tx as DTx).relayForw.some((f) => f.value.kind === 'relay' && findKind(f.value, 'rsoo')),
  check: (tx, ctx) => {
    const enabled = rsooEnabled(ctx.settings);
    const strict = ctx.settings['dhcpv6.rsoo'] === 'iana-strict';
    for (const f of legs(tx as DTx).relayForw) {
      const rsoo = f.value.kind === 'relay' ? findKind(f.value, 'rsoo') : undefined;
      if (!rsoo) continue;
      const codes = rsoo.options.map((o) => o.code);
      const bad = codes.filter((c) => !enabled.has(c) && (strict || !MIP6_CODES.has(c)));
      const list = `${codeList(codes)} (${codes.map(shortName).join(', ')})`;
      if (bad.length) {
        const why = strict
          ? `not RSOO-enabled (IANA: 65; configured: ${codeList(ctx.settings['dhcpv6.rsooEnabled'])}; profile iana-rsoo)`
          : 'neither RSOO-enabled nor RFC 6610 home information';
        return v.fail(`RSOO carries ${list}: ${bad.map(shortName).join(', ')} ${why}`, ev([f], {
          path: 'relay-forw.options.RSOO', expected: strict ? [...enabled] : `RSOO-enabled or RFC 6610 codes`, actual: codes, ...(rsoo.offset !== undefined ? { offset: rsoo.offset } : {}),
        }));
      }
      return v.pass(strict ? `RSOO carries ${list}: all RSOO-enabled` : `RSOO carries ${list}: each RFC 6610 home information (as RFC 6611 expects) or RSOO-enabled`, ev([f], { actual: codes }));
    }
    return v.na('no RSOO');
  },
});

export const RELAY_RSOO = [rsooPlacement, rsooContents] as const;
