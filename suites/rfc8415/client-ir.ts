// RFC 8415 §18.2.6, §21.7, §21.9, §21.18, §16.12: what a client's Information-request carries (DIGEST DHCP-20..23, DHCP-43).
// Each check reads every transmission of the client's message: its own datagrams when captured, else the relayed copy.
import type { Check, TxAssertion } from '../../src/assert/types.js';
import { defineAssertion, v } from '../../src/assert/types.js';
import {
  findOption, IA_CODES, IR_ORO_REQUIRED, OPT, ORO_EXCLUDED, type Dhcpv6ClientServerMessage,
} from '../../src/proto/dhcpv6/index.js';
import { clientCopies, codeList, irCopies, shortName, type ClientCopy } from '../dhcpv6/client-relay-kit.js';
import { ev, type DTx } from '../dhcpv6/kit.js';

const URL = 'https://www.rfc-editor.org/rfc/rfc8415';

/** Runs `bad` on each copy; the first copy it flags fails the check, else `ok` passes on all. */
function eachCopy(copies: ClientCopy[], bad: (m: Dhcpv6ClientServerMessage, c: ClientCopy) => Check | undefined, ok: string): Check {
  for (const c of copies) {
    const r = bad(c.msg, c);
    if (r) return r;
  }
  return v.pass(ok, ev(copies.map((c) => c.carrier)));
}

const hasIr = (tx: DTx): boolean => irCopies(tx).length > 0;

export const irClientId = defineAssertion<TxAssertion>({
  id: 'RFC8415-18.2.6-client-ir-clientid',
  title: 'Information-request carries a Client Identifier',
  level: 'SHOULD',
  role: 'client',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  cite: {
    doc: 'RFC8415', section: '18.2.6', digest: 'DHCP-20', url: `${URL}#section-18.2.6`,
    quote: 'The client SHOULD include a Client Identifier option (see Section 21.2) to identify itself to the server.',
  },
  looksAt: 'OPTION_CLIENTID (1) at the top level of every Information-request transmission',
  applies: hasIr,
  check: (tx) =>
    eachCopy(irCopies(tx), (m, c) => (findOption(m, OPT.CLIENTID)
      ? undefined
      : v.fail(`Information-request (trid 0x${m.transactionId.toString(16)}) carries no Client Identifier`, ev([c.carrier], { path: 'ir.options.CLIENTID', expected: 'present', actual: 'absent' }))),
    'every Information-request transmission carries a Client Identifier'),
});

export const irElapsedTime = defineAssertion<TxAssertion>({
  id: 'RFC8415-18.2.6-client-ir-elapsed-time',
  title: 'Information-request carries an Elapsed Time option',
  level: 'MUST',
  role: 'client',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  cite: {
    doc: 'RFC8415', section: '18.2.6', digest: 'DHCP-21', url: `${URL}#section-18.2.6`,
    quote: 'The client MUST include an Elapsed Time option (see Section 21.9) to indicate how long the client has been trying to complete the current DHCP message exchange.',
  },
  looksAt: 'OPTION_ELAPSED_TIME (8) in every Information-request transmission',
  applies: hasIr,
  check: (tx) =>
    eachCopy(irCopies(tx), (m, c) => (findOption(m, OPT.ELAPSED_TIME)
      ? undefined
      : v.fail('Information-request carries no Elapsed Time option', ev([c.carrier], { path: 'ir.options.ELAPSED_TIME', expected: 'present', actual: 'absent' }))),
    'every Information-request transmission carries an Elapsed Time option'),
});

export const irOro = defineAssertion<TxAssertion>({
  id: 'RFC8415-18.2.6-client-ir-oro',
  title: 'Information-request carries an ORO (listing 32 and 83 under RFC 8415)',
  level: 'MUST',
  role: 'client',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  profileKeys: ['dhcpv6.base'],
  cite: {
    doc: 'RFC8415', section: '18.2.6', digest: 'DHCP-22', url: `${URL}#section-18.2.6`,
    quote:
      'The client MUST include an Option Request option (see Section 21.7) to request the INF_MAX_RT option (see Section 21.25), the Information Refresh Time option (see Section 21.23), and any other options the client is interested in receiving.',
  },
  looksAt: "OPTION_ORO (6) present; under 'dhcpv6.base' = rfc8415 it lists 32 (IRT) and 83 (INF_MAX_RT), under rfc3315 presence is enough",
  applies: hasIr,
  check: (tx, ctx) => {
    const base = ctx.settings['dhcpv6.base'];
    let codes: number[] = [];
    const r = eachCopy(irCopies(tx), (m, c) => {
      const oro = findOption(m, OPT.ORO);
      if (!oro) return v.fail('Information-request carries no Option Request option', ev([c.carrier], { path: 'ir.options.ORO', expected: 'present', actual: 'absent' }));
      codes = oro.kind === 'oro' ? oro.codes : [];
      if (base === 'rfc3315') return undefined;
      const missing = [...IR_ORO_REQUIRED].filter((x) => !codes.includes(x));
      return missing.length
        ? v.fail(`ORO ${codeList(codes)} lacks ${missing.map((x) => `${x} (${shortName(x)})`).join(' and ')}, which RFC 8415 requires`, ev([c.carrier], {
          path: 'ir.options.ORO', expected: [...IR_ORO_REQUIRED], actual: codes, ...(oro.offset !== undefined ? { offset: oro.offset } : {}),
        }))
        : undefined;
    }, '');
    if (r.outcome !== 'pass') return r;
    return v.pass(base === 'rfc3315' ? `ORO ${codeList(codes)} present (RFC 3315 requires only its presence)` : `ORO ${codeList(codes)} lists 32 and 83`, r.evidence);
  },
});

export const oroExcluded = defineAssertion<TxAssertion>({
  id: 'RFC8415-21.7-client-oro-excluded',
  title: 'ORO lists no excluded option code',
  level: 'MUST NOT',
  role: 'client',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  cite: {
    doc: 'RFC8415', section: '21.7', digest: 'DHCP-23', url: `${URL}#section-21.7`,
    quote: 'DIGEST DHCP-23 (RFC 8415 §21.7): the ORO MUST NOT contain codes 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 18, 19, 20, 25, 26.',
  },
  looksAt: 'codes in the client ORO against the RFC 8415 §21.7 exclusion list',
  applies: (tx) => clientCopies(tx).some((c) => findOption(c.msg, OPT.ORO)?.kind === 'oro'),
  check: (tx) =>
    eachCopy(clientCopies(tx), (m, c) => {
      const oro = findOption(m, OPT.ORO);
      if (oro?.kind !== 'oro') return undefined;
      const bad = oro.codes.filter((x) => ORO_EXCLUDED.has(x));
      return bad.length
        ? v.fail(`ORO ${codeList(oro.codes)} lists excluded code(s) ${bad.map((x) => `${x} (${shortName(x)})`).join(', ')}`, ev([c.carrier], {
          path: 'request.options.ORO', expected: 'none of the §21.7 excluded codes', actual: bad, ...(oro.offset !== undefined ? { offset: oro.offset } : {}),
        }))
        : undefined;
    }, 'ORO lists no excluded code'),
});

export const irNoIa = defineAssertion<TxAssertion>({
  id: 'RFC8415-16.12-client-ir-no-ia',
  title: 'Information-request carries no IA option',
  level: 'INFO',
  role: 'client',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  cite: {
    doc: 'RFC8415', section: '16.12', digest: 'INT-05', url: `${URL}#section-16.12`,
    quote: 'Servers MUST discard any received Information-request message that meets any of the following conditions: ... the message includes an IA option.',
  },
  looksAt: 'IA_NA / IA_TA / IA_PD (3, 4, 25) in an Information-request: a server must drop such a request',
  applies: hasIr,
  check: (tx) =>
    eachCopy(irCopies(tx), (m, c) => {
      const ia = m.options.find((o) => IA_CODES.has(o.code));
      return ia
        ? v.fail(`Information-request carries ${shortName(ia.code)} (${ia.code}); servers discard such a request`, ev([c.carrier], {
          path: `ir.options.${shortName(ia.code)}`, expected: 'no IA option', actual: ia.code, ...(ia.offset !== undefined ? { offset: ia.offset } : {}),
        }))
        : undefined;
    }, 'Information-request carries no IA option'),
});

export const clientNoInterfaceId = defineAssertion<TxAssertion>({
  id: 'RFC8415-21.18-client-no-interface-id',
  title: 'client messages carry no Interface-Id',
  level: 'MUST NOT',
  role: 'client',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  cite: {
    doc: 'RFC8415', section: '21.18', digest: 'DHCP-43', url: `${URL}#section-21.18`,
    quote: 'This option MUST NOT appear in any message except a Relay-forward or Relay-reply message.',
  },
  looksAt: "OPTION_INTERFACE_ID (18) in the client's own transmissions",
  applies: (tx) => clientCopies(tx).some((c) => c.own),
  check: (tx) =>
    eachCopy(clientCopies(tx).filter((c) => c.own), (m, c) => {
      const o = findOption(m, OPT.INTERFACE_ID);
      return o
        ? v.fail(`client ${m.msgType === 11 ? 'Information-request' : 'message'} carries an Interface-Id option`, ev([c.carrier], {
          path: 'request.options.INTERFACE_ID', expected: 'absent', actual: 'present', ...(o.offset !== undefined ? { offset: o.offset } : {}),
        }))
        : undefined;
    }, 'client messages carry no Interface-Id'),
});

export const CLIENT_IR: readonly TxAssertion[] = [irClientId, irElapsedTime, irOro, oroExcluded, irNoIa, clientNoInterfaceId];
