// RFC 6610 §4.1 (behaviour text UNVERIFIED, DIGEST §2.3): how a mobile node asks for home information
// (DIGEST MIPOPT-01, MIPOPT-02). The placement and code combination seen are reported in the message.
import type { TxAssertion } from '../../src/assert/types.js';
import { defineAssertion, v } from '../../src/assert/types.js';
import { findKind, MIP6_CODES, MIP6_CONTAINERS, OPT } from '../../src/proto/dhcpv6/index.js';
import { codeList, hnidfPlacement, homeInfoAsked, irCopies, malformedNote, shortName } from '../dhcpv6/client-relay-kit.js';
import { ev, type DMsg, type DTx } from '../dhcpv6/kit.js';

const URL = 'https://www.rfc-editor.org/rfc/rfc6610#section-4.1';

function oroOf(tx: DTx): { codes: number[]; carrier: DMsg } | undefined {
  const c = irCopies(tx)[0];
  const oro = c ? findKind(c.msg, 'oro') : undefined;
  return c && oro ? { codes: oro.codes, carrier: c.carrier } : undefined;
}

export const clientOroContainer = defineAssertion<TxAssertion>({
  id: 'RFC6610-4.1-client-oro-container',
  title: 'the MN asks for home information by a container code (50/69/70) in the ORO',
  level: 'MAY',
  role: 'client',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  provisional: true,
  cite: {
    doc: 'RFC6610', section: '4.1', digest: 'MIPOPT-01', url: URL,
    quote: 'DIGEST MIPOPT-01 (RFC 6610 §4.1, text UNVERIFIED): the MN asks for home information by listing 50/69/70 in the ORO.',
  },
  looksAt: 'an Information-request whose ORO asks for MIPv6 options (49..73): does it name a container (VDINF 50, IDINF 69, UDINF 70)?',
  applies: (tx) => (oroOf(tx as DTx)?.codes ?? []).some((c) => MIP6_CODES.has(c)),
  check: (tx) => {
    const o = oroOf(tx as DTx)!;
    const containers = o.codes.filter((c) => MIP6_CONTAINERS.has(c));
    return containers.length
      ? v.pass(`ORO ${codeList(o.codes)} asks for ${containers.map(shortName).join(' + ')}`, ev([o.carrier], { actual: o.codes }))
      : v.fail(`ORO ${codeList(o.codes)} asks for ${homeInfoAsked(o.codes)} but names no container (50/69/70)`, ev([o.carrier], {
        path: 'ir.options.ORO', expected: 'one of 50, 69, 70', actual: o.codes,
      }));
  },
});

export const clientHnidf = defineAssertion<TxAssertion>({
  id: 'RFC6610-4.1-client-hnidf',
  title: 'an IDINF request names the home network in an HNIDF option',
  level: 'SHALL',
  role: 'client',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'cap',
  provisional: true,
  cite: {
    doc: 'RFC6610', section: '4.1', digest: 'MIPOPT-02', url: URL,
    quote:
      'DIGEST MIPOPT-02 (RFC 6610 §4.1, text UNVERIFIED; SHALL per S000 §4.2.1): to obtain information for a named MSP, the MN supplies the MSP FQDN in HNIDF, at the top level (as RFC 6611 shows it) or inside IDINF.',
  },
  looksAt: 'an Information-request whose ORO lists IDINF (69): an HNIDF (49) with a non-empty FQDN, top level or inside IDINF (placement reported)',
  applies: (tx) => (oroOf(tx as DTx)?.codes ?? []).includes(OPT.MIP6_IDINF),
  check: (tx) => {
    const c = irCopies(tx as DTx)[0]!;
    const h = hnidfPlacement(c.msg);
    if (!h) return v.fail(`ORO asks for IDINF but the Information-request carries no HNIDF naming the home network${malformedNote(c.carrier)}`, ev([c.carrier], { path: 'ir.options.HNIDF', expected: 'present', actual: 'absent' }));
    const fqdn = h.option.kind === 'hnidf' ? h.option.fqdn : undefined;
    if (!fqdn) return v.fail(`HNIDF (${h.where}) does not decode to a non-empty FQDN`, ev([c.carrier], { path: 'ir.options.HNIDF', ...(h.option.offset !== undefined ? { offset: h.option.offset } : {}) }));
    return v.pass(`HNIDF '${fqdn}' ${h.where}`, ev([c.carrier], { actual: { fqdn, placement: h.where } }));
  },
});

export const CLIENT_HOME_INFO = [clientOroContainer, clientHnidf] as const;
