// RFC 6611 across protocols: the home agent the AAA server allocated is the one the NAS/relay passes in RSOO,
// the one the server returns in IDINF, and the one the mobile node then signals with. Judged per bootstrap
// (src/correlate/bootstrap.ts ties them together and says how each link was made).
import { BootstrapCollector, MAX_KEPT, type Bootstrap } from '../../src/correlate/bootstrap.js';
import { defineAssertion, v, type Check, type RunAssertion, type RunContext } from '../../src/assert/types.js';
import type { Transaction } from '../../src/flow/transaction.js';

const URL = 'https://www.rfc-editor.org/rfc/rfc6611';

/** Judges every bootstrap; `needsAaa`: with no AAA answer in the whole run there is nothing to tie (not-applicable). */
function perBootstrap(judge: (b: Bootstrap) => Check | null, needsAaa = true): RunAssertion['start'] {
  return (ctx: RunContext) => {
    const c = new BootstrapCollector(ctx.settings);
    return {
      see: (tx: Transaction) => c.see(tx),
      end: () => {
        if (needsAaa && c.grantCount === 0) return [];
        const out = c.finish().map(judge).filter((x): x is Check => x !== null);
        if (c.dropped) out.push(v.inconclusive(`only the first ${MAX_KEPT} exchanges of each kind in this capture were correlated; ${c.dropped} more were not`, { frames: [] }));
        return out;
      },
    };
  };
}

const linkText = (b: Bootstrap) => b.links.filter((l) => l.from === 'aaa').map((l) => l.how).join('; ');

/** The AAA-to-DHCPv6 link, or an inconclusive check saying why there is none. */
function aaaLink(b: Bootstrap): { ok: true; aaa: NonNullable<Bootstrap['aaa']> } | { ok: false; check: Check } {
  const link = b.links.find((l) => l.from === 'aaa');
  if (!b.aaa || !link?.made) {
    return { ok: false, check: v.inconclusive(`no AAA answer could be tied to this exchange: ${link?.how ?? 'no link'}`, { frames: b.dhcp.frames }) };
  }
  if (link.ambiguous) return { ok: false, check: v.inconclusive(`the AAA link is ambiguous: ${link.how}`, { frames: [...b.aaa.frames, ...b.dhcp.frames] }) };
  return { ok: true, aaa: b.aaa };
}

export const nasRelaysAaaHa = defineAssertion<RunAssertion>({
  id: 'RFC6611-3-nas-relays-aaa-ha',
  title: 'the NAS/relay passes the home agent the AAA server allocated in RSOO',
  level: 'SHALL',
  role: 'relay',
  proto: 'dhcpv6',
  scope: 'run',
  observe: 'cap',
  cite: {
    doc: 'RFC6611', section: '3', digest: 'INT-01', url: `${URL}#section-3`,
    quote: 'if home agent assignment in the MSP is required by the deployment, an implementation conforming to this specification SHALL be able to transfer the information received from the AAA server to the NAS, and from the NAS to the DHCP relay function.',
  },
  looksAt: 'per bootstrap: MIP-Home-Agent-Address in the AAA/DEA answer vs the HAA inside RSOO of the Relay-forw that follows',
  start: perBootstrap((b) => {
    const l = aaaLink(b);
    if (!l.ok) return b.aaa || b.dhcp.rsooHomeAgents.length ? l.check : null;
    const want = l.aaa.homeAgents;
    const got = b.dhcp.rsooHomeAgents;
    const evidence = { frames: [...l.aaa.frames, ...(b.dhcp.rsooFrame ? [b.dhcp.rsooFrame] : [])], path: 'relayForw.options.RSOO.HAA', expected: want, actual: got };
    if (!got.length) return v.fail(`the AAA server allocated ${want.join(', ')} but the Relay-forw carries no home agent in RSOO (${linkText(b)})`, evidence);
    return got.some((h) => want.includes(h))
      ? v.pass(`RSOO carries ${got.join(', ')}, as the AAA server allocated (${linkText(b)})`, evidence)
      : v.fail(`RSOO carries ${got.join(', ')}, but the AAA server allocated ${want.join(', ')} (${linkText(b)})`, evidence);
  }),
});

export const serverReturnsAaaHa = defineAssertion<RunAssertion>({
  id: 'RFC6611-4.2.1-server-returns-aaa-ha',
  title: 'the home agent the client gets is the one the AAA server allocated',
  level: 'INFO',
  role: 'server',
  proto: 'dhcpv6',
  scope: 'run',
  observe: 'cap',
  cite: {
    doc: 'RFC6611', section: '4.2.1', digest: 'INT-07', url: `${URL}#section-4.2.1`,
    quote: 'extracts the allocated home agent information from the Relay-Supplied Options option and includes it in the Identified Home Network Information option [RFC6610] in the Reply Message.',
  },
  looksAt: 'per bootstrap: MIP-Home-Agent-Address in the AAA answer vs the HAA in the IDINF/VDINF/UDINF of the Reply',
  start: perBootstrap((b) => {
    if (!b.dhcp.askedMsp) return null; // the local (ASP) and unrestricted cases get other home agents by design
    const l = aaaLink(b);
    if (!l.ok) return b.aaa || b.dhcp.replyHomeAgents.length ? l.check : null;
    const want = l.aaa.homeAgents;
    const got = b.dhcp.replyHomeAgents;
    const evidence = { frames: [...l.aaa.frames, ...(b.dhcp.replyFrame ? [b.dhcp.replyFrame] : [])], path: 'reply.options.IDINF.HAA', expected: want, actual: got };
    if (!b.dhcp.replyFrame) return v.inconclusive('no Reply captured for this exchange', evidence);
    if (!got.length) return v.fail(`the AAA server allocated ${want.join(', ')} but the Reply carries no home agent (${linkText(b)})`, evidence);
    return got.some((h) => want.includes(h))
      ? v.pass(`the Reply gives ${got.join(', ')}, the home agent the AAA server allocated (${linkText(b)})`, evidence)
      : v.fail(`the Reply gives ${got.join(', ')}, not the home agent the AAA server allocated (${want.join(', ')}) (${linkText(b)})`, evidence);
  }),
});

export const mnUsesAssignedHa = defineAssertion<RunAssertion>({
  id: 'RFC6611-4.2.1-mn-uses-assigned-ha',
  title: 'the mobile node signals with the home agent it was given',
  level: 'INFO',
  role: 'mobile-node',
  proto: 'dhcpv6',
  scope: 'run',
  observe: 'cap',
  cite: {
    doc: 'RFC6611', section: '4.2.1', digest: 'INT-09', url: `${URL}#section-4.2.1`,
    quote: 'At this point, the mobile node has the home agent information that it requested.',
  },
  looksAt: 'per bootstrap: a Binding Update or IKE_SA_INIT after the Reply goes to the home agent the Reply named (not to another one)',
  start: perBootstrap((b) => {
    const ha = b.dhcp.replyHomeAgents[0];
    if (!ha) return null;
    const link = b.links.find((l) => l.to === 'signalling');
    if (b.signalling) return v.pass(link?.how ?? 'signalling with the assigned home agent', { frames: [b.dhcp.replyFrame ?? 0, b.signalling.frame].filter(Boolean), expected: ha, actual: b.signalling.homeAgent });
    if (b.strayed) {
      return v.fail(`after the Reply named ${ha}, the only mobile node in the window signalled with ${b.strayed.homeAgent} (frame ${b.strayed.frame})`, {
        frames: [b.dhcp.replyFrame ?? 0, b.strayed.frame].filter(Boolean), path: 'signalling.destination', expected: ha, actual: b.strayed.homeAgent,
      });
    }
    return v.inconclusive(link?.how ?? `no signalling with ${ha} seen`, { frames: b.dhcp.replyFrame ? [b.dhcp.replyFrame] : [], expected: ha });
  }, false),
});
