// Seed S003 (draft-qin-mip6-dsbootstrapping-00, DIGEST §12.2 rows DSB-03..05): a dual-stack MN bootstraps MIPv6
// through a Mobile IPv4 registration with a foreign home agent. The draft assigns no extension codes: the
// bootstrap data travels in NVSEs whose Vendor/Org-ID and types come from the `codepoints` setting, so the
// verdicts that read them are provisional.
import { defineAssertion, v, type Check, type MsgAssertion, type RunAssertion, type TxAssertion } from '../../src/assert/types.js';
import type { Transaction } from '../../src/flow/transaction.js';
import type { Mipv4Message } from '../../src/proto/mipv4/message.js';
import { accepted, EXT, exts, hex64, isRrp, isRrq, type M4Msg, type M4Tx } from '../rfc5944/registration.js';
import { collect, ev } from '../s004/kit.js';

const S003 = ['S003-HA-Assignment', 'S003-IPv6-Home-Address', 'S003-Temporary-IPv4-Home-Address', 'S003-IPv6-Care-of-Address'] as const;
const s003Exts = (m: Mipv4Message) => m.extensions.filter((e) => typeof e.name === 'string' && e.name.startsWith('S003-'));
const nai = (m: Mipv4Message): string | undefined => {
  const p = exts(m, EXT.NAI)[0]?.parsed;
  return typeof p === 'string' ? p : undefined;
};

export const mnRrqDynamic = defineAssertion<TxAssertion<Mipv4Message>>({
  id: 'S003-4.1.1-mn-rrq-dynamic-hoa',
  title: 'the dual-stack MN registers with Home Address 0.0.0.0 and its NAI (RFC 2794)',
  level: 'INFO',
  role: 'mobile-node',
  proto: 'mipv4',
  scope: 'transaction',
  observe: 'cap',
  provisional: true,
  profileKeys: ['codepoints'],
  cite: {
    doc: 'S003', section: '4.1.1', digest: 'DSB-03',
    quote: 'The temporary IPv4 home address packed in RRQ is not available, the procedure of getting the temporary IPv4 home address is depicted in [RFC2794].',
  },
  looksAt: 'RRQ of a registration whose Reply carries S003 NVSEs: Home Address 0.0.0.0 and an MN NAI extension (131)',
  applies: (tx) => tx.kind === 'mipv4.registration' && tx.answers.some((a) => s003Exts(a.value).length > 0),
  check(tx): Check {
    const q = tx.request;
    if (q.value.homeAddress !== '0.0.0.0') return v.fail(`RRQ frame ${q.frame} names Home Address ${q.value.homeAddress}, but the MN has no temporary IPv4 home address yet`, ev([q], { path: 'rrq.homeAddress', expected: '0.0.0.0', actual: q.value.homeAddress, offset: 4 }));
    if (!nai(q.value)) return v.fail(`RRQ frame ${q.frame} asks for a home address without an MN NAI extension`, ev([q], { path: 'rrq.extensions.MN-NAI', expected: 'present', actual: 'absent' }));
    return v.pass(`RRQ frame ${q.frame} to ${q.dst.addr}: Home Address 0.0.0.0, NAI ${nai(q.value)}`, ev([q]));
  },
});

export const fhaRrpData = defineAssertion<MsgAssertion<Mipv4Message>>({
  id: 'S003-4.1.1-fha-rrp-bootstrap-data',
  title: 'the accepting RRP carries the IPv6 HoA, HA assignment, THoAv4 (= Home Address) and IPv6 CoA',
  level: 'SHOULD',
  role: 'fha',
  proto: 'mipv4',
  scope: 'message',
  observe: 'cap',
  provisional: true,
  profileKeys: ['codepoints'],
  cite: {
    doc: 'S003', section: '4.1.1', digest: 'DSB-04',
    quote: 'After the mobile node is authenticated by the FHA and AAAH, the IPv6 HoA, HA assignment, temporary IPv4 home address and IPv6 care-of address should be appended in mobile IPv4 registration reply(RRP).',
  },
  looksAt: 'accepting Registration Replies (code 0/1) with any S003 NVSE: all four NVSEs present, Home Address non-zero and equal to the THoAv4 NVSE',
  applies: (m) => isRrp(m.value) && accepted(m.value) && s003Exts(m.value).length > 0,
  check(m): Check {
    const got = s003Exts(m.value);
    const names = got.map((e) => e.name);
    const missing = S003.filter((n) => !names.includes(n));
    if (missing.length) return v.fail(`RRP frame ${m.frame} lacks ${missing.join(', ')}`, ev([m], { path: 'rrp.extensions.NVSE', expected: [...S003], actual: names }));
    const thoa = (got.find((e) => e.name === 'S003-Temporary-IPv4-Home-Address')?.parsed as { address?: string } | undefined)?.address;
    if (m.value.homeAddress === '0.0.0.0' || thoa !== m.value.homeAddress) {
      return v.fail(`RRP frame ${m.frame}: Home Address ${m.value.homeAddress} is not the THoAv4 ${thoa ?? '(undecodable)'} it delivers`, ev([m], { path: 'rrp.homeAddress', expected: thoa, actual: m.value.homeAddress, offset: 4 }));
    }
    return v.pass(`RRP frame ${m.frame} delivers all four bootstrap items, THoAv4 ${thoa}`, ev([m]));
  },
});

/** DSB-05: an FA-relayed registration keeps the Identification on both legs, both ways */
function relayed(txs: Transaction[], ctx: { settings: { 'flow.window': number } }): Check[] {
  const regs = (txs.filter((t) => t.kind === 'mipv4.registration') as M4Tx[]).filter((t) => isRrq(t.request.value));
  const win = ctx.settings['flow.window'];
  const out: Check[] = [];
  for (const a of regs) {
    const qa = a.request;
    const b = regs.find((t) => t !== a && t.request.src.addr === qa.dst.addr && t.request.ts >= qa.ts && t.request.ts - qa.ts <= win
      && t.request.value.careOfAddress === qa.value.careOfAddress && t.request.value.homeAgent === qa.value.homeAgent
      && t.request.value.homeAddress === qa.value.homeAddress && nai(t.request.value) === nai(qa.value));
    if (!b) continue;
    const qb = b.request;
    const legs = `MN→FA frame ${qa.frame}, FA→FHA frame ${qb.frame}`;
    if (qa.value.identification !== qb.value.identification) {
      out.push(v.fail(`the FA changed the RRQ Identification (${legs}): ${hex64(qa.value.identification)} → ${hex64(qb.value.identification)}`, ev([qa, qb], { path: 'rrq.identification', expected: hex64(qa.value.identification), actual: hex64(qb.value.identification), offset: 16 })));
      continue;
    }
    const ra = a.answers[0] as M4Msg | undefined;
    const rb = b.answers[0] as M4Msg | undefined;
    if (!ra || !rb) {
      out.push(v.inconclusive(`relayed RRQ (${legs}) but the Reply on ${ra ? 'the FHA' : 'the MN'} leg was not captured`, ev([qa, qb, ra, rb])));
      continue;
    }
    if (ra.value.identification !== rb.value.identification) {
      out.push(v.fail(`the FA changed the RRP Identification (FHA→FA frame ${rb.frame}, FA→MN frame ${ra.frame})`, ev([rb, ra], { path: 'rrp.identification', expected: hex64(rb.value.identification), actual: hex64(ra.value.identification), offset: 12 })));
      continue;
    }
    out.push(v.pass(`the FA relays RRQ and RRP with Identification ${hex64(qa.value.identification)} on both legs`, ev([qa, qb, rb, ra])));
  }
  return out;
}

export const faRelays = defineAssertion<RunAssertion>({
  id: 'S003-4.1.2-fa-relays-registration',
  title: 'a foreign agent relays the registration to and from the FHA unchanged in Identification',
  level: 'INFO',
  role: 'any',
  proto: 'mipv4',
  scope: 'run',
  observe: 'cap',
  provisional: true,
  profileKeys: ['flow.window'],
  cite: {
    doc: 'S003', section: '4.1.2', digest: 'DSB-05',
    quote: 'When the MN uses FA based CoA or CcoA with R-bit set, it needs to send its registration request to the FA. The registration procedure is defined in [RFC3344].',
  },
  looksAt: 'pairs of RRQs MN→FA and FA→FHA with the same CoA/HA/HoA/NAI: Identification equal on both legs, and on both Replies',
  start: collect(['mipv4'], relayed),
});

export const S003_ASSERTIONS: readonly (MsgAssertion | TxAssertion | RunAssertion)[] = [mnRrqDynamic, fhaRrpData, faRelays];
