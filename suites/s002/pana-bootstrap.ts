// Seed S002 (PANA-based MIPv6 bootstrapping paper, §4.2–4.3; DIGEST §11.2 rows PBS-01..05). The paper never got
// AVP codes: the decoder names the Mobility-Capability / Home-Agent-Address / Home-Address AVPs from the
// `codepoints` setting (src/proto/codepoints.ts), so every verdict here is provisional and depends on it.
// RFC 5191 mapping: PSR/PSA = the S-flag PAR/PAN, PBR = the C-flag PAR (DIGEST §11.2).
import { defineAssertion, v, type Check, type MsgAssertion, type RunAssertion, type TxAssertion } from '../../src/assert/types.js';
import type { Transaction } from '../../src/flow/transaction.js';
import { findAll } from '../../src/proto/diameter/index.js';
import type { DiameterAvp, DiameterMessage } from '../../src/proto/diameter/index.js';
import type { PanaMessage } from '../../src/proto/pana/message.js';
import { abbrev, AVP, findPanaAvp, flag, hasName, isRequest, isRfc, resultCode, type PMsg } from '../rfc5191/pana.js';
import { byTime, collect, ev, txMessages } from '../s004/kit.js';

const MC = 'Mobility-Capability';
const HA = 'Home-Agent-Address';
const HOA = 'Home-Address';
const KEYS = ['codepoints'];

type PTx = Transaction<PanaMessage>;
const isStartPar = (tx: PTx): boolean => tx.proto === 'pana' && isRfc(tx.request.value) && tx.request.value.type === 2 && isRequest(tx.request.value) && flag(tx.request.value, 'S');
const s002Avps = (m: PanaMessage) => m.avps.filter((a) => a.name === HA || a.name === HOA);

export const paaOffersCapability = defineAssertion<TxAssertion<PanaMessage>>({
  id: 'S002-4.2-paa-mobility-capability',
  title: 'the PAA offers Mobility-Capability in the first (S-flag) PANA-Auth-Request',
  level: 'INFO',
  role: 'paa',
  proto: 'pana',
  scope: 'transaction',
  observe: 'both',
  provisional: true,
  profileKeys: KEYS,
  cite: { doc: 'S002', section: '4.2', digest: 'PBS-01', quote: 'This AVP is sent in the first PANA-Start-Request message (PSR) as shown on Fig. 5.' },
  looksAt: 'the Mobility-Capability AVP (codepoints pana.avp.mobilityCapability[.vendor]) in the S-flag PAR',
  applies: isStartPar,
  check(tx): Check {
    const q = tx.request;
    return hasName(q.value, MC)
      ? v.pass(`S-flag PAR frame ${q.frame} offers Mobility-Capability`, ev([q], { path: 'par.avps.Mobility-Capability' }))
      : v.fail(`S-flag PAR frame ${q.frame} carries no Mobility-Capability AVP: the PAA does not offer S002 bootstrapping`, ev([q], { path: 'par.avps.Mobility-Capability', expected: 'present', actual: 'absent' }));
  },
});

export const pacEchoesCapability = defineAssertion<TxAssertion<PanaMessage>>({
  id: 'S002-4.2-pac-mobility-capability-echo',
  title: 'the PaC answers Mobility-Capability in the S-flag PAN only when the PAA offered it',
  level: 'INFO',
  role: 'pac',
  proto: 'pana',
  scope: 'transaction',
  observe: 'cap',
  provisional: true,
  profileKeys: KEYS,
  cite: {
    doc: 'S002', section: '4.2', digest: 'PBS-02',
    quote: 'If the Mobile Node supports our proposal and wants to bootstrap IPv6 Mobility service, it includes the Mobility Capability AVP indicating its willingness in the PANA-Start-Answer message (PSA).',
  },
  looksAt: 'Mobility-Capability in the S-flag PAN against the S-flag PAR it answers',
  applies: isStartPar,
  check(tx): Check {
    const q = tx.request;
    const a = tx.answers[0];
    const offered = hasName(q.value, MC) !== undefined;
    if (!a) return offered ? v.inconclusive(`no PAN to the S-flag PAR frame ${q.frame} was captured`, ev([q])) : v.na('the PAA offered no Mobility-Capability');
    const echoed = hasName(a.value, MC) !== undefined;
    if (echoed && !offered) return v.fail(`PAN frame ${a.frame} carries Mobility-Capability, but PAR frame ${q.frame} offered none`, ev([q, a], { path: 'pan.avps.Mobility-Capability', expected: 'absent', actual: 'present' }));
    if (!offered) return v.na('neither side uses Mobility-Capability');
    return v.pass(echoed ? `PAN frame ${a.frame} asks for bootstrapping` : `PAN frame ${a.frame} declines bootstrapping`, ev([q, a]));
  },
});

export const haAvpPlacement = defineAssertion<MsgAssertion<PanaMessage>>({
  id: 'S002-4.2-paa-ha-avp-placement',
  title: 'HA / HoA AVPs only in the C-flag PANA-Auth-Request, and only with Result-Code PANA_SUCCESS',
  level: 'INFO',
  role: 'paa',
  proto: 'pana',
  scope: 'message',
  observe: 'both',
  provisional: true,
  profileKeys: KEYS,
  cite: {
    doc: 'S002', section: '4.2', digest: 'PBS-03',
    quote: 'To deliver the HA to the MN, the PAA creates an AVP Home-Address (HoA) and puts it in the PANA-BindRequest message (PBR).',
  },
  looksAt: 'any PANA request carrying the S002 HA or HoA AVP: type 2, C flag, Result-Code 0',
  applies: (m) => isRfc(m.value) && isRequest(m.value) && s002Avps(m.value).length > 0,
  check(m): Check {
    const x = m.value;
    const names = s002Avps(x).map((a) => a.name).join(', ');
    if (x.type !== 2 || !flag(x, 'C')) return v.fail(`${abbrev(x)} frame ${m.frame} carries ${names} outside the C-flag PAR`, ev([m], { path: 'flags.C', expected: 'C-flag PANA-Auth-Request', actual: `${abbrev(x)} flags 0x${x.flags.toString(16)}` }));
    const rc = resultCode(x);
    if (rc !== 0) return v.fail(`C-flag PAR frame ${m.frame} carries ${names} with Result-Code ${rc ?? 'absent'}: no HA information after a failed authentication`, ev([m], { path: 'avps.Result-Code', expected: 0, actual: rc ?? 'absent' }));
    return v.pass(`${names} in the C-flag PAR with PANA_SUCCESS`, ev([m]));
  },
});

function agentAddresses(m: DiameterMessage): string[] {
  const out: string[] = [];
  for (const info of findAll(m, 'MIP6-Agent-Info')) {
    for (const a of findAll(info as DiameterAvp, 'MIP-Home-Agent-Address')) {
      const val = a.value as { ip?: string } | undefined;
      if (val && typeof val === 'object' && typeof val.ip === 'string') out.push(val.ip);
    }
  }
  return out;
}

interface Grant { nas: string; ha: string[]; frames: number[]; ts: number }

/** PBS-04: the C-flag PAR's HA against the AAA answer (DEA/AAA with 2001 and MIP6-Agent-Info) the PAA got just before */
/** the grant an AAR/AAA or DER/DEA exchange carries (2001 and MIP6-Agent-Info), or undefined */
function grantOf(t: Transaction): Grant | undefined {
  if (t.proto !== 'diameter') return undefined;
  const q = t.request.value as DiameterMessage;
  const a = t.answers[0];
  if (!a || (q.commandCode !== 265 && q.commandCode !== 268)) return undefined;
  const rc = findAll(a.value as DiameterMessage, 'Result-Code')[0]?.value;
  const ha = agentAddresses(a.value as DiameterMessage);
  return rc === 2001 && ha.length ? { nas: t.request.src.addr, ha, frames: [t.request.frame, a.frame], ts: a.ts } : undefined;
}

/** grants kept for PBS-04 per capture: compact records, not messages (past the cap the oldest are forgotten) */
const GRANTS_MAX = 100_000;

function haFromAaa(txs: Transaction[], ctx: { settings: { 'correlate.window': number; 'correlate.nas': Record<string, string> } }, grants: Grant[]): Check[] {
  const win = ctx.settings['correlate.window'];
  const map = ctx.settings['correlate.nas'];
  const pars = txs.filter((t) => t.proto === 'pana').flatMap((t) => txMessages(t) as PMsg[])
    .filter((m) => isRfc(m.value) && isRequest(m.value) && flag(m.value, 'C') && hasName(m.value, 'Home-Agent-Address')).sort(byTime);
  return pars.map((m) => {
    const ha = hasName(m.value, 'Home-Agent-Address')!;
    const sent = typeof ha.parsed === 'string' ? ha.parsed : undefined;
    const near = grants.filter((g) => g.ts <= m.ts && m.ts - g.ts <= win);
    const same = near.filter((g) => g.nas === m.src.addr || map[g.nas] === m.src.addr);
    const pick = same.length ? same : near.length === 1 ? near : [];
    const how = same.length ? 'the Diameter client is the PAA' : 'the only AAA answer in the window';
    if (!pick.length) return v.inconclusive(`no AAA answer with MIP6-Agent-Info within ${win} s before C-flag PAR frame ${m.frame}`, ev([m]));
    if (pick.length > 1) return v.inconclusive(`${pick.length} AAA answers could belong to C-flag PAR frame ${m.frame}`, { frames: [...pick.flatMap((g) => g.frames), m.frame].sort((a, b) => a - b) });
    const g = pick[0]!;
    const evidence = { frames: [...g.frames, m.frame].sort((a, b) => a - b), path: 'par.avps.Home-Agent-Address', expected: g.ha, actual: sent ?? 'undecodable' };
    return sent && g.ha.includes(sent)
      ? v.pass(`C-flag PAR frame ${m.frame} delivers ${sent}, as the AAA answer (frame ${g.frames[1]}) granted (${how})`, evidence)
      : v.fail(`C-flag PAR frame ${m.frame} delivers ${sent ?? 'an undecodable address'}, but the AAA answer (frame ${g.frames[1]}) granted ${g.ha.join(', ')} (${how})`, evidence);
  });
}

export const haMatchesAaa = defineAssertion<RunAssertion>({
  id: 'S002-4.2-paa-ha-matches-aaa',
  title: 'the HA the PAA delivers is the one the AAA answer granted',
  level: 'INFO',
  role: 'paa',
  proto: 'pana',
  scope: 'run',
  observe: 'cap',
  provisional: true,
  profileKeys: [...KEYS, 'correlate.window', 'correlate.nas'],
  cite: {
    doc: 'S002', section: '4.2', digest: 'PBS-04',
    quote: 'At the end of the authentication phase, the PAA obtains the HA information in the AAA message containing the result of the authentication.',
  },
  looksAt: "HA AVP of each C-flag PAR vs MIP-Home-Agent-Address of the DEA/AAA (Result-Code 2001) sent to the PAA's address (or the one mapped in correlate.nas, or the only one) within correlate.window",
  // of the Diameter traffic only the AAR/AAA and DER/DEA exchanges are kept
  start: (ctx) => {
    const grants: Grant[] = [];
    const pana = collect(['pana'], (txs, c) => haFromAaa(txs, c, grants))(ctx);
    return {
      see(tx: Transaction) {
        const g = grantOf(tx);
        if (g) {
          grants.push(g);
          if (grants.length > GRANTS_MAX) grants.splice(0, grants.length - GRANTS_MAX);
          return;
        }
        return pana.see(tx);
      },
      end: () => pana.end(),
    };
  },
});

export const haIntegrity = defineAssertion<MsgAssertion<PanaMessage>>({
  id: 'S002-4.3-paa-ha-integrity',
  title: 'the C-flag PANA-Auth-Request delivering the HA is integrity-protected (AUTH AVP)',
  level: 'INFO',
  role: 'paa',
  proto: 'pana',
  scope: 'message',
  observe: 'cap',
  provisional: true,
  profileKeys: KEYS,
  cite: {
    doc: 'S002', section: '4.3', digest: 'PBS-05',
    quote: 'Finally, our solution is naturally secured regarding the authentication and the integrity of the data because the security relies on PANA.',
  },
  looksAt: 'the AUTH AVP (code 1) in a C-flag PAR that carries the S002 HA AVP',
  applies: (m) => isRfc(m.value) && isRequest(m.value) && m.value.type === 2 && flag(m.value, 'C') && hasName(m.value, HA) !== undefined,
  check(m): Check {
    return findPanaAvp(m.value, AVP.AUTH)
      ? v.pass(`C-flag PAR frame ${m.frame} with the HA carries AUTH`, ev([m], { path: 'avps.AUTH' }))
      : v.fail(`C-flag PAR frame ${m.frame} delivers the HA without an AUTH AVP: the HA information is not integrity-protected`, ev([m], { path: 'avps.AUTH', expected: 'present', actual: 'absent' }));
  },
});

export const S002: readonly (MsgAssertion | TxAssertion | RunAssertion)[] = [paaOffersCapability, pacEchoesCapability, haAvpPlacement, haMatchesAaa, haIntegrity];
