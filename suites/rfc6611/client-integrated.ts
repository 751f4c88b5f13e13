// RFC 6611 §4.2.1 step 2 and §4.2.2 step 2 (seed S000): the mobile node's Information-request in the integrated
// scenario (DIGEST INT-05, INT-10). Which ORO code asks for home information is the S000 inconsistency of DIGEST §4.3:
// 'rfc6611.oroCodes' = any accepts 49/50/69/70, rfc6610 requires a container (50/69/70); the combination seen is reported.
import type { Check, TxAssertion } from '../../src/assert/types.js';
import { defineAssertion, v } from '../../src/assert/types.js';
import { ALL_RELAYS_AND_SERVERS, findKind, findOption, MIP6_ORO_CODES, OPT } from '../../src/proto/dhcpv6/index.js';
import { codeList, hnidfPlacement, homeInfoAsked, homeInfoCodes, irCopies, malformedNote, type ClientCopy } from '../dhcpv6/client-relay-kit.js';
import { ev, type DTx } from '../dhcpv6/kit.js';

const URL1 = 'https://www.rfc-editor.org/rfc/rfc6611#section-4.2.1';
const QUOTE1 =
  'In this message, the mobile node (DHCP client) SHALL include the following: * the Option Code for the Visited Home Network Information option [RFC6610] in the OPTION_ORO. * Client Home Network ID FQDN option identifying the MSP. * the OPTION_CLIENTID to identify itself to the DHCP server';

/** the IR of the MSP case (§4.2.1): it names a home network (HNIDF) or asks for IDINF */
function mspRequest(tx: DTx): ClientCopy[] {
  const c = irCopies(tx);
  const first = c[0];
  if (!first) return [];
  const oro = findKind(first.msg, 'oro');
  return hnidfPlacement(first.msg) || oro?.codes.includes(OPT.MIP6_IDINF) ? c : [];
}

/** the IR of the ASP / local-HA case (§4.2.2): asks for home information without naming a home network */
function localHaRequest(tx: DTx): ClientCopy[] {
  const c = irCopies(tx);
  const first = c[0];
  if (!first || hnidfPlacement(first.msg)) return [];
  const codes = findKind(first.msg, 'oro')?.codes ?? [];
  return codes.some((x) => MIP6_ORO_CODES.has(x)) && !codes.includes(OPT.MIP6_IDINF) ? c : [];
}

function oroCheck(c: ClientCopy, mode: 'any' | 'rfc6610'): Check {
  const oro = findKind(c.msg, 'oro');
  if (!oro) return v.fail('Information-request carries no ORO, so it asks for no home information', ev([c.carrier], { path: 'ir.options.ORO', expected: 'present', actual: 'absent' }));
  const hit = homeInfoCodes(oro.codes, mode);
  const want = mode === 'rfc6610' ? 'a container code 50/69/70 (rfc6611.oroCodes = rfc6610)' : 'one of 49/50/69/70';
  return hit.length
    ? v.pass(`ORO ${codeList(oro.codes)} asks for ${homeInfoAsked(hit)}`, ev([c.carrier], { actual: oro.codes }))
    : v.fail(`ORO ${codeList(oro.codes)} asks for ${homeInfoAsked(oro.codes)}; expected ${want}`, ev([c.carrier], {
      path: 'ir.options.ORO', expected: want, actual: oro.codes, ...(oro.offset !== undefined ? { offset: oro.offset } : {}),
    }));
}

function clientIdCheck(c: ClientCopy): Check {
  return findOption(c.msg, OPT.CLIENTID)
    ? v.pass('Information-request carries OPTION_CLIENTID', ev([c.carrier]))
    : v.fail('Information-request carries no OPTION_CLIENTID', ev([c.carrier], { path: 'ir.options.CLIENTID', expected: 'present', actual: 'absent' }));
}

const base = {
  level: 'SHALL' as const,
  role: 'client' as const,
  proto: 'dhcpv6' as const,
  scope: 'transaction' as const,
  observe: 'cap' as const,
};

export const mspOro = defineAssertion<TxAssertion>({
  ...base,
  id: 'RFC6611-4.2.1-client-oro',
  title: 'MSP-case Information-request asks for home information in the ORO',
  profileKeys: ['rfc6611.oroCodes'],
  provisional: true,
  cite: { doc: 'RFC6611', section: '4.2.1', digest: 'INT-05', url: URL1, quote: QUOTE1 },
  looksAt: "ORO codes of an IR naming a home network (HNIDF) or asking IDINF: 'any' accepts 49/50/69/70, 'rfc6610' needs 50/69/70",
  applies: (tx) => mspRequest(tx as DTx).length > 0,
  check: (tx, ctx) => oroCheck(mspRequest(tx as DTx)[0]!, ctx.settings['rfc6611.oroCodes']),
});

export const mspHnidf = defineAssertion<TxAssertion>({
  ...base,
  id: 'RFC6611-4.2.1-client-hnidf',
  title: 'MSP-case Information-request carries an HNIDF naming the MSP',
  cite: { doc: 'RFC6611', section: '4.2.1', digest: 'INT-05', url: URL1, quote: QUOTE1 },
  looksAt: 'OPTION_MIP6_HNIDF (49) with a decodable, non-empty FQDN in an IR of the MSP case; placement (top level / inside IDINF) reported',
  applies: (tx) => mspRequest(tx as DTx).length > 0,
  check: (tx) => {
    const c = mspRequest(tx as DTx)[0]!;
    const h = hnidfPlacement(c.msg);
    if (!h) return v.fail(`Information-request asks for IDINF but names no MSP (no HNIDF)${malformedNote(c.carrier)}`, ev([c.carrier], { path: 'ir.options.HNIDF', expected: 'present', actual: 'absent' }));
    if (h.option.kind !== 'hnidf' || !h.option.fqdn) {
      return v.fail(`HNIDF (${h.where}) does not decode to an MSP name`, ev([c.carrier], { path: 'ir.options.HNIDF', ...(h.option.offset !== undefined ? { offset: h.option.offset } : {}) }));
    }
    return v.pass(`HNIDF names MSP '${h.option.fqdn}' (${h.where})`, ev([c.carrier], { actual: h.option.fqdn }));
  },
});

export const mspClientId = defineAssertion<TxAssertion>({
  ...base,
  id: 'RFC6611-4.2.1-client-clientid',
  title: 'MSP-case Information-request carries OPTION_CLIENTID',
  cite: { doc: 'RFC6611', section: '4.2.1', digest: 'INT-05', url: URL1, quote: QUOTE1 },
  looksAt: 'OPTION_CLIENTID (1) in an IR of the MSP case',
  applies: (tx) => mspRequest(tx as DTx).length > 0,
  check: (tx) => clientIdCheck(mspRequest(tx as DTx).find((c) => !findOption(c.msg, OPT.CLIENTID)) ?? mspRequest(tx as DTx)[0]!),
});

export const mspMulticast = defineAssertion<TxAssertion>({
  ...base,
  id: 'RFC6611-4.2.1-client-multicast',
  title: 'MSP-case Information-request goes to All_DHCP_Relay_Agents_and_Servers',
  cite: {
    doc: 'RFC6611', section: '4.2.1', digest: 'INT-05', url: URL1,
    quote: 'The mobile node sends a DHCPv6 Information-request message [RFC3315] to the All_DHCP_Relay_Agents_and_Servers multicast address.',
  },
  looksAt: "IPv6 destination of the MN's own IR (MSP case) = ff02::1:2",
  applies: (tx) => mspRequest(tx as DTx).length > 0,
  check: (tx) => {
    const all = mspRequest(tx as DTx);
    const own = all.filter((c) => c.own);
    if (!own.length) return v.inconclusive("only the relayed copy is captured: the MN's destination address is not visible", ev([all[0]?.carrier]));
    const bad = own.find((c) => c.carrier.dst.addr !== ALL_RELAYS_AND_SERVERS);
    return bad
      ? v.fail(`Information-request sent to ${bad.carrier.dst.addr}, not ${ALL_RELAYS_AND_SERVERS}`, ev([bad.carrier], { path: 'ip.dst', expected: ALL_RELAYS_AND_SERVERS, actual: bad.carrier.dst.addr }))
      : v.pass(`Information-request sent to ${ALL_RELAYS_AND_SERVERS}`, ev(own.map((c) => c.carrier)));
  },
});

export const localHa = defineAssertion<TxAssertion>({
  ...base,
  id: 'RFC6611-4.2.2-client-local-ha',
  title: 'local-HA Information-request: ORO asks for home information, CLIENTID present',
  profileKeys: ['rfc6611.oroCodes'],
  provisional: true,
  cite: {
    doc: 'RFC6611', section: '4.2.2', digest: 'INT-10', url: 'https://www.rfc-editor.org/rfc/rfc6611#section-4.2.2',
    quote:
      'In this message, the mobile node (DHCP client) SHALL include the following: * the Option Code for the Home Network Identifier Option [RFC6610] in the OPTION_ORO. * the OPTION_CLIENTID to identify itself to the DHCP server.',
  },
  looksAt: "an IR asking for home information without naming a network (no HNIDF, no IDINF): CLIENTID present; ORO 49/50/70 ('any') or VDINF 50 ('rfc6610')",
  applies: (tx) => localHaRequest(tx as DTx).length > 0,
  check: (tx, ctx) => {
    const c = localHaRequest(tx as DTx)[0]!;
    const id = clientIdCheck(c);
    if (id.outcome !== 'pass') return id;
    const codes = findKind(c.msg, 'oro')?.codes ?? [];
    if (ctx.settings['rfc6611.oroCodes'] === 'rfc6610' && !codes.includes(OPT.MIP6_VDINF)) {
      return v.fail(`ORO ${codeList(codes)} asks for ${homeInfoAsked(codes)}; a local-HA request names VDINF (50) (rfc6611.oroCodes = rfc6610)`, ev([c.carrier], {
        path: 'ir.options.ORO', expected: OPT.MIP6_VDINF, actual: codes,
      }));
    }
    return v.pass(`local-HA request: ORO ${codeList(codes)} asks for ${homeInfoAsked(codes)}, CLIENTID present`, ev([c.carrier], { actual: codes }));
  },
});

export const CLIENT_INTEGRATED = [mspOro, mspHnidf, mspClientId, mspMulticast, localHa] as const;
