// RFC 6610 home-information options in the server's Reply (DIGEST §2.3, MIPOPT-03..09). RFC 6610's behaviour
// text was not re-read (DIGEST §13 item 1): quotes are DIGEST paraphrases and the verdicts are provisional.
import { defineAssertion, v, type Check, type TxAssertion } from '../../src/assert/types.js';
import {
  MIP6_CODES, MIP6_CONTAINERS, MIP6_HOME_INFO, MIP6_ORO_CODES, OPT, findAllKind, ipv6Bytes, nameToWire, optionName, walkOptions,
} from '../../src/proto/dhcpv6/index.js';
import type { Dhcpv6Option } from '../../src/proto/dhcpv6/index.js';
import { type DTx } from '../dhcpv6/kit.js';
import {
  answered, containers, discardReason, homeInfoRequested, isExchange, isIr, optCodes, oroCodes, pairEv, received, replyOrMissing,
  requestHnidf, type Side,
} from '../dhcpv6/server-kit.js';

const URL = (s: string): string => `https://www.rfc-editor.org/rfc/rfc6610#section-${s}`;
const NOTE = ' (DIGEST paraphrase; RFC 6610 text not re-read)';

/** IR exchanges whose ORO asks for home information (49/50/69/70) */
const homeInfoIr = (tx: DTx): boolean => {
  const req = received(tx);
  return isExchange(tx) && isIr(req) && homeInfoRequested(req.msg);
};

/** answered IR exchanges whose Reply holds some RFC 6610 option at the top level, or whose IR asked for them */
const mip6Reply = (tx: DTx): boolean => {
  const req = received(tx);
  return isExchange(tx) && isIr(req) && answered(tx) && homeInfoRequested(req.msg);
};

/**
 * Which containers answer the request. RFC 6610: ORO 50 → VDINF, 69 → IDINF, 70 → UDINF. Under
 * 'rfc6611.oroCodes' = 'any' the RFC 6611 combinations are accepted too (DIGEST §4.3): ORO 49/50 with an HNIDF
 * → IDINF (S000 §4.2.1), ORO 49 → VDINF (S000 §4.2.2).
 */
function acceptable(req: Side, mode: 'any' | 'rfc6610'): { direct: Set<number>; seed: Set<number> } {
  const oro = new Set(oroCodes(req.msg));
  const direct = new Set([...MIP6_CONTAINERS].filter((c) => oro.has(c)));
  const seed = new Set<number>();
  if (mode === 'any') {
    if (requestHnidf(req.msg) !== undefined && (oro.has(OPT.MIP6_HNIDF) || oro.has(OPT.MIP6_VDINF))) seed.add(OPT.MIP6_IDINF);
    if (oro.has(OPT.MIP6_HNIDF)) seed.add(OPT.MIP6_VDINF);
  }
  return { direct, seed };
}

export const replyContainer = defineAssertion<TxAssertion>({
  id: 'RFC6610-4.3-reply-container',
  title: 'Server answers with the home-information container the client asked for',
  level: 'INFO',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  provisional: true,
  profileKeys: ['rfc6611.oroCodes'],
  cite: { doc: 'RFC6610', section: '4.3', digest: 'MIPOPT-03', url: URL('4.3'),
    quote: 'The server answers with the matching container: VDINF for the visited/ASP case, IDINF for the identified network (echoing the HNIDF inside, R), UDINF for no preference.' + NOTE },
  looksAt: 'ORO codes (49/50/69/70) and HNIDF of the Information-request vs the VDINF/IDINF/UDINF in the Reply; reports the combination seen',
  applies: homeInfoIr,
  check(tx: DTx, ctx): Check {
    const req = received(tx)!;
    const r = replyOrMissing(tx, req);
    if ('check' in r) return r.check;
    const got = containers(r.reply.msg);
    const combo = `ORO {${oroCodes(req.msg).filter((c) => MIP6_ORO_CODES.has(c)).join(',')}}${requestHnidf(req.msg) !== undefined ? ' + HNIDF' : ''} → ${got.map((o) => optionName(o.code)).join(', ') || 'no container'}`;
    if (!got.length) return v.na(`${combo}: information unavailable (see RFC6610-4.3-unavailable-reply)`, pairEv(req, r.reply));
    const { direct, seed } = acceptable(req, ctx.settings['rfc6611.oroCodes']);
    const wrong = got.filter((o) => !direct.has(o.code) && !seed.has(o.code));
    const e = pairEv(req, r.reply, { path: 'reply.options', expected: [...direct, ...seed], actual: optCodes(got), offset: wrong[0]?.offset ?? got[0]?.offset });
    if (wrong.length) return v.fail(`container not asked for: ${combo}`, e);
    if (got.some((o) => !direct.has(o.code))) return v.pass(`${combo} (RFC 6611 combination, accepted with rfc6611.oroCodes=any)`, e);
    return v.pass(combo, e);
  },
});

export const idinfHnidf = defineAssertion<TxAssertion>({
  id: 'RFC6610-4.3-idinf-hnidf',
  title: 'IDINF in the Reply echoes the Home Network ID FQDN the client sent',
  level: 'INFO',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC6610', section: '4.3', digest: 'MIPOPT-03', url: URL('4.3'),
    quote: 'IDINF for the identified network (echoing the HNIDF inside, R).' + NOTE },
  looksAt: 'HNIDF of the Information-request vs the HNIDF inside the IDINF of the Reply',
  applies: (tx: DTx) => homeInfoIr(tx) && requestHnidf(received(tx)!.msg) !== undefined,
  check(tx: DTx): Check {
    const req = received(tx)!;
    const r = replyOrMissing(tx, req);
    if ('check' in r) return r.check;
    const idinf = findAllKind(r.reply.msg, 'idinf')[0];
    if (!idinf) return v.na('no IDINF in the Reply', pairEv(req, r.reply));
    const want = requestHnidf(req.msg)!;
    const got = findAllKind(idinf.options, 'hnidf')[0];
    const e = pairEv(req, r.reply, { path: 'reply.IDINF.HNIDF', expected: want, actual: got?.fqdn ?? 'absent', offset: got?.offset ?? idinf.offset });
    if (!got) return v.fail('IDINF does not carry the HNIDF', e);
    return got.fqdn.toLowerCase() === want.toLowerCase() ? v.pass(`IDINF echoes HNIDF ${want}`, e) : v.fail('IDINF carries a different HNIDF', e);
  },
});

export const containerNotEmpty = defineAssertion<TxAssertion>({
  id: 'RFC6610-3-container-not-empty',
  title: 'A returned home-information container holds HNP, HAA or HAF',
  level: 'INFO',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC6610', section: '3', digest: 'MIPOPT-04', url: URL('3'),
    quote: 'A returned container holds at least one of HNP / HAA / HAF. Empty container → WARN.' + NOTE },
  looksAt: 'each VDINF/IDINF/UDINF in the Reply: at least one OPTION_MIP6_HNP/HAA/HAF inside',
  applies: (tx: DTx) => isExchange(tx) && isIr(received(tx)) && answered(tx),
  check(tx: DTx): Check {
    const req = received(tx)!;
    const r = replyOrMissing(tx, req);
    if ('check' in r) return r.check;
    const got = containers(r.reply.msg);
    if (!got.length) return v.na('no home-information container in the Reply', pairEv(req, r.reply));
    for (const c of got) {
      const inner = 'options' in c ? c.options : [];
      if (!inner.some((o) => MIP6_HOME_INFO.has(o.code))) {
        return v.fail(`${optionName(c.code)} holds no HNP/HAA/HAF`, pairEv(req, r.reply, { path: `reply.${optionName(c.code)}`, expected: 'HNP, HAA or HAF inside', actual: optCodes(inner), offset: c.offset }));
      }
    }
    return v.pass('every container holds home information', pairEv(req, r.reply));
  },
});

export const unavailableReply = defineAssertion<TxAssertion>({
  id: 'RFC6610-4.3-unavailable-reply',
  title: 'Without the requested home information the server still replies, leaving the container out',
  level: 'INFO',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC6610', section: '4.3', digest: 'MIPOPT-05', url: URL('4.3'),
    quote: 'When the requested information is not available, the server does not return that container (the Reply itself is still sent, with SERVERID/CLIENTID).' + NOTE },
  looksAt: 'an otherwise valid IR asking for home information: a Reply without a container passes, no Reply fails',
  applies: (tx: DTx) => homeInfoIr(tx) && !discardReason(tx, received(tx)),
  check(tx: DTx): Check {
    const req = received(tx)!;
    if (!answered(tx)) return v.fail('Information-request asking for home information got no Reply', pairEv(req, undefined, { path: 'reply', expected: 'a Reply (without the container if unavailable)', actual: 'none' }));
    const r = replyOrMissing(tx, req);
    if ('check' in r) return r.check;
    return containers(r.reply.msg).length
      ? v.na('home information was available (container present)', pairEv(req, r.reply))
      : v.pass('Reply sent without a home-information container', pairEv(req, r.reply));
  },
});

export const homeInfoEncapsulated = defineAssertion<TxAssertion>({
  id: 'RFC6610-3-home-info-encapsulated',
  title: 'HNP, HAA and HAF appear only inside a container',
  level: 'INFO',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  provisional: true,
  cite: { doc: 'RFC6610', section: '3', digest: 'MIPOPT-06', url: URL('3'),
    quote: 'HNP/HAA/HAF appear only encapsulated, not top-level. Top-level instance → WARN (IANA ORO column says "Yes", so not a hard fail).' + NOTE },
  looksAt: 'OPTION_MIP6_HNP/HAA/HAF at the top level of the Reply',
  applies: (tx: DTx) => mip6Reply(tx) || (isExchange(tx) && isIr(received(tx)) && answered(tx) && topMip6(tx)),
  check(tx: DTx): Check {
    const req = received(tx)!;
    const r = replyOrMissing(tx, req);
    if ('check' in r) return r.check;
    const top = r.reply.msg.options.filter((o) => MIP6_HOME_INFO.has(o.code));
    return top.length
      ? v.fail(`${top.map((o) => optionName(o.code)).join(', ')} at the top level of the Reply`, pairEv(req, r.reply, { path: 'reply.options', expected: 'inside VDINF/IDINF/UDINF', actual: optCodes(top), offset: top[0]!.offset }))
      : v.pass('no HNP/HAA/HAF at the top level', pairEv(req, r.reply));
  },
});

function topMip6(tx: DTx): boolean {
  const r = replyOrMissing(tx, received(tx)!);
  return 'reply' in r && r.reply.msg.options.some((o) => MIP6_CODES.has(o.code));
}

export const containerOnce = defineAssertion<TxAssertion>({
  id: 'RFC6610-4.3-container-once',
  title: 'HNIDF, VDINF, IDINF and UDINF each appear at most once at the top level of the Reply',
  level: 'INFO',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  cite: { doc: 'RFC6610', section: '4.3', digest: 'MIPOPT-08', url: URL('4.3'),
    quote: 'Each of 49/50/69/70 at most once at top level of a Reply. (DIGEST MIPOPT-08; IANA singleton column)' },
  looksAt: 'count of options 49/50/69/70 at the top level of the Reply',
  applies: (tx: DTx) => mip6Reply(tx) || (isExchange(tx) && isIr(received(tx)) && answered(tx) && topMip6(tx)),
  check(tx: DTx): Check {
    const req = received(tx)!;
    const r = replyOrMissing(tx, req);
    if ('check' in r) return r.check;
    for (const code of MIP6_ORO_CODES) {
      const all = r.reply.msg.options.filter((o) => o.code === code);
      if (all.length > 1) return v.fail(`${optionName(code)} appears ${all.length} times`, pairEv(req, r.reply, { path: `reply.${optionName(code)}`, expected: 'at most once', actual: all.length, offset: all[1]!.offset }));
    }
    return v.pass('home-information options at most once each', pairEv(req, r.reply));
  },
});

/** what is wrong with one RFC 6610 value, if anything (DIGEST MIPOPT-09) */
function insane(o: Dhcpv6Option): string | undefined {
  if (o.kind === 'hnp') {
    if (o.prefixLength > 128) return `prefix-len ${o.prefixLength} > 128`;
    const b = ipv6Bytes(o.prefix);
    for (let bit = o.prefixLength; bit < 128; bit++) if (b[bit >> 3]! & (0x80 >> (bit & 7))) return `bits set beyond /${o.prefixLength} in ${o.prefix}`;
  }
  if (o.kind === 'haa') {
    const b = ipv6Bytes(o.address);
    if (b.every((x) => x === 0)) return 'home agent address is unspecified (::)';
    if (b[0] === 0xff) return `home agent address ${o.address} is multicast`;
  }
  if (o.kind === 'haf' || o.kind === 'hnidf') {
    let wire: Uint8Array;
    try {
      wire = nameToWire(o.fqdn);
    } catch {
      return `label over 63 octets in ${o.fqdn}`;
    }
    if (wire.length > 255) return `name of ${wire.length} octets > 255`;
  }
  return undefined;
}

export const homeInfoSanity = defineAssertion<TxAssertion>({
  id: 'RFC6610-3-home-info-sanity',
  title: 'Home network prefix, home agent address and FQDNs are sane',
  level: 'INFO',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'transaction',
  observe: 'both',
  cite: { doc: 'RFC6610', section: '3', digest: 'MIPOPT-09', url: URL('3'),
    quote: 'HNP prefix-len ≤ 128 and bits beyond it zero (same rule as RFC 5447 MIP6-Home-Link-Prefix); HAA not unspecified/multicast; FQDN labels ≤ 63, name ≤ 255. (DIGEST derived codec sanity)' },
  looksAt: 'every HNP/HAA/HAF/HNIDF in the Reply, top level and inside containers',
  applies: (tx: DTx) => isExchange(tx) && isIr(received(tx)) && answered(tx),
  check(tx: DTx): Check {
    const req = received(tx)!;
    const r = replyOrMissing(tx, req);
    if ('check' in r) return r.check;
    let seen = 0;
    let bad: { o: Dhcpv6Option; why: string } | undefined;
    walkOptions(r.reply.msg, (o) => {
      if (!MIP6_CODES.has(o.code) || MIP6_CONTAINERS.has(o.code)) return;
      seen++;
      const why = insane(o);
      if (why && !bad) bad = { o, why };
    });
    if (bad) return v.fail(`${optionName(bad.o.code)}: ${bad.why}`, pairEv(req, r.reply, { path: `reply.${optionName(bad.o.code)}`, actual: bad.why, offset: bad.o.offset }));
    return seen ? v.pass(`${seen} home-information value(s) sane`, pairEv(req, r.reply)) : v.na('no home-information values in the Reply', pairEv(req, r.reply));
  },
});

export const HOME_INFO = [replyContainer, idinfHnidf, containerNotEmpty, unavailableReply, homeInfoEncapsulated, containerOnce, homeInfoSanity];
