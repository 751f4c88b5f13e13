// Ties one bootstrap together across protocols (RFC 6611 §4.2.1): the AAA answer's MIP6-Agent-Info for a user,
// the RSOO the NAS/relay then supplies, the IDINF the server gives the client, and later signalling (Binding
// Update, IKE_SA_INIT) with that home agent. Every link says how it was made, or why it could not be.
// Keys: a configured NAS → relay mapping, the NAS address equal to the relay address, or a time window in
// which the pairing is the only candidate. The home agent itself is never used as a key: it is what is checked.
import type { Settings } from '../assert/profiles.js';
import type { Message } from '../flow/message.js';
import type { Transaction } from '../flow/transaction.js';
import { findAll, findAvp } from '../proto/diameter/index.js';
import type { DiameterAvp, DiameterMessage } from '../proto/diameter/index.js';
import { findAllKind, findKind, innermost } from '../proto/dhcpv6/index.js';
import type { Dhcpv6Message } from '../proto/dhcpv6/index.js';
import { toHex } from '../wire/codec.js';

export type Lane = 'mn' | 'relay' | 'server' | 'aaa' | 'ha';
export const LANES: readonly { id: Lane; title: string }[] = [
  { id: 'mn', title: 'Mobile node' },
  { id: 'relay', title: 'Relay / NAS' },
  { id: 'server', title: 'DHCPv6 server' },
  { id: 'aaa', title: 'AAA server' },
  { id: 'ha', title: 'Home agent' },
];

export interface LadderStep {
  frame: number;
  ts: number;
  from: Lane;
  to: Lane;
  label: string;
}

export interface Link {
  from: 'aaa' | 'dhcpv6';
  to: 'dhcpv6' | 'signalling';
  made: boolean;
  /** how the link was made, or why not */
  how: string;
  /** more than one candidate fitted: the link is a guess and checks on it are inconclusive */
  ambiguous?: boolean;
}

export interface AaaGrant {
  user?: string;
  /** link-layer addresses the NAS names for the user (Calling-Station-Id, or a User-Name that is one), lower-case hex */
  macs: string[];
  nasHost?: string;
  nasAddr: string;
  homeAgents: string[];
  ts: number;
  frames: number[];
  steps: LadderStep[];
}

export interface DhcpBootstrap {
  clientDuid?: string;
  /** link-layer address inside a DUID-LL / DUID-LLT, lower-case hex */
  clientMac?: string;
  clientAddr?: string;
  relayAddr?: string;
  rsooHomeAgents: string[];
  /** home agents in the Reply's IDINF */
  replyHomeAgents: string[];
  /** the client asked for the MSP's home agent: ORO names IDINF, or an HNIDF came with a home-information code */
  askedMsp: boolean;
  ts: number;
  frames: number[];
  rsooFrame?: number;
  replyFrame?: number;
  steps: LadderStep[];
}

export interface Signalling {
  kind: 'binding-update' | 'ike-sa-init';
  peer: string;
  homeAgent: string;
  frame: number;
  ts: number;
}

export interface Bootstrap {
  id: number;
  aaa?: AaaGrant;
  dhcp: DhcpBootstrap;
  signalling?: Signalling;
  /** signalling after the Reply with another home agent, when this was the only bootstrap in the window */
  strayed?: Signalling;
  links: Link[];
  steps: LadderStep[];
}

/** records kept per capture (AAA answers, DHCPv6 exchanges, signalling each): correlation memory stays bounded */
export const MAX_KEPT = 2_000;

/** Sees transactions as they complete; `finish()` pairs them into bootstraps. Memory: compact records, capped. */
export class BootstrapCollector {
  private readonly grants: AaaGrant[] = [];
  private readonly dhcp: DhcpBootstrap[] = [];
  private readonly signalling: Signalling[] = [];
  dropped = 0;

  /** AAA answers with home-agent information seen so far */
  get grantCount(): number {
    return this.grants.length;
  }

  constructor(private readonly settings: Settings) {}

  see(tx: Transaction): void {
    if (tx.proto === 'diameter') this.seeDiameter(tx as Transaction<DiameterMessage>);
    else if (tx.proto === 'dhcpv6') this.seeDhcp(tx as Transaction<Dhcpv6Message>);
    else if (tx.proto === 'mh') this.seeMh(tx.request);
    else if (tx.proto === 'ikev2') this.seeIke(tx.request);
  }

  private keep<T>(list: T[], x: T): void {
    if (list.length >= MAX_KEPT) this.dropped++;
    else list.push(x);
  }

  private seeDiameter(tx: Transaction<DiameterMessage>): void {
    if (this.grants.length >= MAX_KEPT) {
      this.dropped++;
      return;
    }
    const req = tx.request.value;
    const ans = tx.answers[0];
    if (!ans || !(req.commandCode === 265 || req.commandCode === 268)) return;
    const rc = findAvp(ans.value, 'Result-Code')?.value;
    if (rc !== 2001) return;
    const homeAgents = agentAddresses(ans.value);
    if (!homeAgents.length) return;
    const user = str(findAvp(req, 'User-Name')?.value);
    const nasHost = str(findAvp(req, 'Origin-Host')?.value);
    const macs = [str(findAvp(req, 'Calling-Station-Id')?.value), user?.split('@')[0]].map(macHex).filter((x): x is string => Boolean(x));
    const name = req.commandCode === 265 ? ['AAR', 'AAA'] : ['DER', 'DEA'];
    this.keep(this.grants, {
      ...(user ? { user } : {}),
      ...(nasHost ? { nasHost } : {}),
      macs,
      nasAddr: tx.request.src.addr,
      homeAgents,
      ts: ans.ts,
      frames: [tx.request.frame, ans.frame],
      steps: [
        { frame: tx.request.frame, ts: tx.request.ts, from: 'relay', to: 'aaa', label: `${name[0]}${user ? ` ${user}` : ''}` },
        { frame: ans.frame, ts: ans.ts, from: 'aaa', to: 'relay', label: `${name[1]} 2001 HA ${homeAgents.join(', ')}` },
      ],
    });
  }

  private seeDhcp(tx: Transaction<Dhcpv6Message>): void {
    if (this.dhcp.length >= MAX_KEPT) {
      this.dropped++; // capped: nothing more is built
      return;
    }
    const l = tx.legs ?? {};
    const client = l.client?.[0] as Message<Dhcpv6Message> | undefined;
    const fw = l.relayForw?.[0] as Message<Dhcpv6Message> | undefined;
    const rp = l.relayRepl?.[0] as Message<Dhcpv6Message> | undefined;
    const reply = l.reply?.[0] as Message<Dhcpv6Message> | undefined;
    const inner = client?.value ?? (fw ? innermost(fw.value) : undefined);
    if (!inner || inner.kind !== 'message' || inner.msgType !== 11) return;
    const rsooHomeAgents: string[] = [];
    if (fw && fw.value.kind === 'relay') {
      for (const r of findAllKind(fw.value.options, 'rsoo')) for (const h of findAllKind(r.options, 'haa')) rsooHomeAgents.push(h.address);
    }
    const answer = reply?.value ?? (rp ? innermost(rp.value) : undefined);
    const replyHomeAgents: string[] = [];
    if (answer && answer.kind === 'message') {
      // the MSP case (RFC 6611 §4.2.1): the home agent the AAA server allocated comes back in IDINF
      for (const c of findAllKind(answer.options, 'idinf')) {
        for (const h of findAllKind(c.options, 'haa')) replyHomeAgents.push(h.address);
      }
    }
    const cid = findKind(inner.options, 'clientId');
    const oro = findKind(inner.options, 'oro')?.codes ?? [];
    const askedMsp = oro.includes(69) || (Boolean(findKind(inner.options, 'hnidf')) && (oro.includes(49) || oro.includes(50)));
    const steps: LadderStep[] = [];
    if (client) steps.push({ frame: client.frame, ts: client.ts, from: 'mn', to: 'relay', label: 'Information-request' });
    if (fw) steps.push({ frame: fw.frame, ts: fw.ts, from: 'relay', to: 'server', label: `Relay-forw${rsooHomeAgents.length ? ` RSOO HA ${rsooHomeAgents.join(', ')}` : ''}` });
    if (rp) steps.push({ frame: rp.frame, ts: rp.ts, from: 'server', to: 'relay', label: `Relay-repl${replyHomeAgents.length ? ` HA ${replyHomeAgents.join(', ')}` : ''}` });
    if (reply) steps.push({ frame: reply.frame, ts: reply.ts, from: 'relay', to: 'mn', label: `Reply${replyHomeAgents.length ? ` HA ${replyHomeAgents.join(', ')}` : ''}` });
    const frames = steps.map((s) => s.frame);
    const clientAddr = client?.src.addr ?? (fw && fw.value.kind === 'relay' ? fw.value.peerAddress : undefined);
    this.keep(this.dhcp, {
      ...(cid ? { clientDuid: duidHex(cid.duid) } : {}),
      ...(cid && (cid.duid.kind === 'll' || cid.duid.kind === 'llt') && cid.duid.linkLayer.length === 6 ? { clientMac: toHex(cid.duid.linkLayer) } : {}),
      ...(clientAddr ? { clientAddr } : {}),
      ...(fw ? { relayAddr: fw.src.addr, rsooFrame: fw.frame } : {}),
      ...(reply ? { replyFrame: reply.frame } : rp ? { replyFrame: rp.frame } : {}),
      rsooHomeAgents,
      replyHomeAgents,
      askedMsp,
      ts: (fw ?? client ?? rp ?? reply)!.ts,
      frames,
      steps,
    });
  }

  private seeMh(m: Message): void {
    const v = m.value as { type?: number };
    if (v.type === 5) this.keep(this.signalling, { kind: 'binding-update', peer: m.src.addr, homeAgent: m.dst.addr, frame: m.frame, ts: m.ts });
  }

  private seeIke(m: Message): void {
    const v = m.value as { exchangeType?: number; flags?: number };
    if (v.exchangeType === 34 && ((v.flags ?? 0) & 0x20) === 0) {
      this.keep(this.signalling, { kind: 'ike-sa-init', peer: m.src.addr, homeAgent: m.dst.addr, frame: m.frame, ts: m.ts });
      this.keep(this.signalling, { kind: 'ike-sa-init', peer: m.dst.addr, homeAgent: m.src.addr, frame: m.frame, ts: m.ts });
    }
  }

  finish(): Bootstrap[] {
    const window = this.settings['correlate.window'];
    const map = this.settings['correlate.nas'];
    const out: Bootstrap[] = [];
    // time-sorted views (stable: ties keep arrival order) so each window is a binary search, not a scan
    const byTs = <T extends { ts: number }>(xs: T[]) => xs.map((x, i) => ({ x, i })).sort((a, b) => a.x.ts - b.x.ts || a.i - b.i);
    const lower = (xs: { x: { ts: number } }[], t: number) => {
      let lo = 0, hi = xs.length;
      while (lo < hi) { const m = (lo + hi) >> 1; if (xs[m]!.x.ts < t) lo = m + 1; else hi = m; }
      return lo;
    };
    const upper = (xs: { x: { ts: number } }[], t: number) => {
      let lo = 0, hi = xs.length;
      while (lo < hi) { const m = (lo + hi) >> 1; if (xs[m]!.x.ts <= t) lo = m + 1; else hi = m; }
      return lo;
    };
    const grantsS = byTs(this.grants);
    const dhcpS = byTs(this.dhcp);
    const sigS = byTs(this.signalling);
    const dhcpInWindow = (t: number) => upper(dhcpS, t + window) - lower(dhcpS, t - window);
    /** first signalling in arrival order with ts in [t, t + span] that satisfies ok */
    const firstSig = (t: number, span: number, ok: (s: Signalling) => boolean) => {
      let best: { x: Signalling; i: number } | undefined;
      for (let k = lower(sigS, t); k < sigS.length && sigS[k]!.x.ts - t <= span; k++) {
        const c = sigS[k]!;
        if (ok(c.x) && (!best || c.i < best.i)) best = c;
      }
      return best?.x;
    };
    for (const d of this.dhcp) {
      const links: Link[] = [];
      const before = grantsS.slice(lower(grantsS, d.ts - window), upper(grantsS, d.ts + 0.001))
        .filter((c) => c.x.ts <= d.ts + 0.001 && d.ts - c.x.ts <= window).sort((a, b) => a.i - b.i).map((c) => c.x);
      let aaa: AaaGrant | undefined;
      if (!d.relayAddr) {
        links.push({ from: 'aaa', to: 'dhcpv6', made: false, how: 'no Relay-forw captured: the relay address is unknown' });
      } else {
        const mapped = before.filter((g) => (g.nasHost && map[g.nasHost] === d.relayAddr) || map[g.nasAddr] === d.relayAddr);
        const sameAddr = before.filter((g) => g.nasAddr === d.relayAddr);
        const pick = (cands: AaaGrant[], how: string): void => {
          aaa = cands.reduce((a, b) => (b.ts > a.ts ? b : a));
          const amb = cands.length > 1;
          links.push({ from: 'aaa', to: 'dhcpv6', made: true, how: amb ? `${how}; nearest in time of ${cands.length} candidates (ambiguous)` : how, ...(amb ? { ambiguous: true } : {}) });
        };
        const byMac = d.clientMac ? before.filter((g) => g.macs.includes(d.clientMac!)) : [];
        if (mapped.length) pick(mapped, `configured NAS mapping (correlate.nas) to relay ${d.relayAddr}`);
        else if (byMac.length) pick(byMac, `the user's link-layer address (Calling-Station-Id / User-Name) is the one in the client's DUID (${d.clientMac})`);
        else if (sameAddr.length) pick(sameAddr, `the NAS address ${d.relayAddr} is the relay's address`);
        else if (before.length === 1 && dhcpInWindow(d.ts) === 1) {
          pick(before, `time window: the only AAA answer and the only DHCPv6 exchange within ${window} s`);
        } else {
          links.push({
            from: 'aaa', to: 'dhcpv6', made: false,
            how: before.length
              ? `${before.length} AAA answers within ${window} s and no key ties one to relay ${d.relayAddr} (set correlate.nas)`
              : `no AAA answer with MIP6-Agent-Info within ${window} s before the Relay-forw`,
          });
        }
      }
      let sig: Signalling | undefined;
      let strayed: Signalling | undefined;
      const ha = d.replyHomeAgents[0];
      if (ha) {
        const alone = dhcpInWindow(d.ts) === 1;
        strayed = alone ? firstSig(d.ts, window * 10, (s) => !d.replyHomeAgents.includes(s.homeAgent)) : undefined;
        sig = firstSig(d.ts, window * 10, (s) => s.homeAgent === ha);
        links.push(
          sig
            ? { from: 'dhcpv6', to: 'signalling', made: true, how: `${sig.kind === 'binding-update' ? 'Binding Update' : 'IKE_SA_INIT'} with the assigned home agent ${ha} (frame ${sig.frame})` }
            : { from: 'dhcpv6', to: 'signalling', made: false, how: `no Binding Update or IKE_SA_INIT with ${ha} after the Reply` },
        );
      }
      const steps = [...(aaa?.steps ?? []), ...d.steps];
      if (sig) steps.push({ frame: sig.frame, ts: sig.ts, from: 'mn', to: 'ha', label: sig.kind === 'binding-update' ? 'Binding Update' : 'IKE_SA_INIT' });
      if (!sig && strayed) steps.push({ frame: strayed.frame, ts: strayed.ts, from: 'mn', to: 'ha', label: `${strayed.kind === 'binding-update' ? 'Binding Update' : 'IKE_SA_INIT'} to ${strayed.homeAgent}` });
      steps.sort((a, b) => a.ts - b.ts || a.frame - b.frame);
      out.push({ id: out.length + 1, ...(aaa ? { aaa } : {}), dhcp: d, ...(sig ? { signalling: sig } : {}), ...(!sig && strayed ? { strayed } : {}), links, steps });
    }
    return out;
  }
}

function agentAddresses(m: DiameterMessage): string[] {
  const out: string[] = [];
  for (const info of findAll(m, 'MIP6-Agent-Info')) {
    for (const a of findAll(info as DiameterAvp, 'MIP-Home-Agent-Address')) {
      const v = a.value as { ip?: string } | undefined;
      if (v && typeof v === 'object' && typeof v.ip === 'string') out.push(v.ip);
    }
  }
  return out;
}

/** '02-00-00-00-5e-01', '02:00:00:00:5e:01', '0200.0000.5e01' or '020000005e01' → '020000005e01' */
function macHex(v: string | undefined): string | undefined {
  if (!v) return undefined;
  const h = v.toLowerCase().replace(/[-:.]/g, '');
  return /^[0-9a-f]{12}$/.test(h) ? h : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function duidHex(d: unknown): string {
  const x = d as { linkLayer?: Uint8Array; identifier?: Uint8Array; uuid?: Uint8Array; data?: Uint8Array; type?: number };
  const b = x.linkLayer ?? x.identifier ?? x.uuid ?? x.data;
  return `${x.type ?? 0}:${b ? toHex(b) : ''}`;
}
