// Shared helpers for the PANA / Mobile IPv4 / MH / IKEv2 assertions, and the S004 view of a run: the IKE SAs,
// the Home Agent Switch messages and the Binding Updates, so run-level checks can ask "who initiated the IKE SA
// between these two", "what came after the HAS".
import { evidenceOf } from '../../src/assert/evidence.js';
import type { Check, Evidence, RunAssertion, RunContext } from '../../src/assert/types.js';
import type { Message, ProtoName } from '../../src/flow/message.js';
import type { Transaction } from '../../src/flow/transaction.js';
import type { IkeMessage } from '../../src/proto/ikev2/message.js';
import { IKE_FLAGS } from '../../src/proto/ikev2/names.js';
import type { MhMessage } from '../../src/proto/mh/message.js';
import { BU_FLAGS } from '../../src/proto/mh/names.js';

/** request, answers and retransmissions of a transaction */
export function txMessages<V>(tx: Transaction<V>): Message<V>[] {
  return [tx.request, ...tx.answers, ...((tx.legs?.retransmits ?? []) as Message<V>[])];
}

export function byTime(a: Message, b: Message): number {
  return a.ts - b.ts || a.frame - b.frame;
}

/** evidence over messages: their frames, sorted and unique */
/** evidence over messages (src/assert/evidence.ts) */
export const ev = (msgs: (Message | undefined)[], extra: Omit<Evidence, 'frames'> = {}): Evidence => evidenceOf(msgs, extra);

/** transactions a collecting assertion keeps per capture: memory stays bounded on large captures */
export const COLLECT_MAX = 50_000;

/**
 * A run-level assertion body that keeps the transactions of some protocols (up to COLLECT_MAX per capture) and
 * judges at the end; past the cap it says how many it could not look at.
 */
export function collect(
  protos: readonly ProtoName[],
  judge: (txs: Transaction[], ctx: RunContext) => Check[],
  /** keep only the transactions this accepts (the rest of the protocol's traffic is not held) */
  keep: (tx: Transaction) => boolean = () => true,
): RunAssertion['start'] {
  return (ctx: RunContext) => {
    const txs: Transaction[] = [];
    let over = 0;
    return {
      see: (tx: Transaction) => {
        if (!protos.includes(tx.proto) || !keep(tx)) return;
        if (txs.length < COLLECT_MAX) txs.push(tx);
        else over++;
      },
      end: () => {
        const out = judge(txs, ctx);
        if (over) out.push({ outcome: 'inconclusive', message: `only the first ${COLLECT_MAX} ${protos.join('/')} transactions of this capture were judged; ${over} more were not`, evidence: { frames: [] } });
        return out;
      },
    };
  };
}

/**
 * IPsec protection of a message, when the network layer reports it. Today it never does: AH is skipped without
 * a trace and ESP (50) is not delivered, so every MH message an assertion sees was sent in the clear. The
 * shared change that would set this is described in the bundle's report (Message.ipsec from the AH header).
 */
export function ipsecOf(m: Message): { ah?: number; esp?: number } | undefined {
  const x = (m as Message & { ipsec?: { ah?: number; esp?: number } }).ipsec;
  return x && (x.ah !== undefined || x.esp !== undefined) ? x : undefined;
}

// ------------------------------------------------------------------------------------------- the S004 view

export type IkeMsg = Message<IkeMessage>;
export type MhMsg = Message<MhMessage>;

export interface IkeSa {
  ispi: string;
  /** the IKE_SA_INIT request that opened it (Message ID 0, R clear), when captured */
  init?: IkeMsg;
  initiator?: string;
  responder?: string;
  /** every IKE message of the SA, in capture order */
  msgs: IkeMsg[];
}

export interface HasSeen {
  msg: MhMsg;
  b: boolean;
  addresses: string[];
}

export interface S004View {
  sas: IkeSa[];
  has: HasSeen[];
  /** Binding Updates (any), in capture order */
  bus: MhMsg[];
  /** Binding Acknowledgements (any), in capture order */
  bas: MhMsg[];
}

export const isResponse = (m: IkeMsg): boolean => (m.value.flags & IKE_FLAGS.R) !== 0;
export const isIke = (m: Message): m is IkeMsg => m.proto === 'ikev2' && (m.value as IkeMessage).kind === 'ike' && !(m.value as IkeMessage).truncated;

export function ikeSas(txs: readonly Transaction[]): IkeSa[] {
  const sas = new Map<string, IkeSa>();
  const all = txs.filter((t) => t.proto === 'ikev2').flatMap((t) => txMessages(t)).filter(isIke).sort(byTime);
  for (const m of all) {
    const v = m.value;
    let sa = sas.get(v.ispi);
    if (!sa) {
      sa = { ispi: v.ispi, msgs: [] };
      sas.set(v.ispi, sa);
    }
    sa.msgs.push(m);
    if (!sa.init && v.exchangeType === 34 && !isResponse(m) && v.messageId === 0) {
      sa.init = m;
      sa.initiator = m.src.addr;
      sa.responder = m.dst.addr;
    }
  }
  return [...sas.values()];
}

export function s004View(txs: readonly Transaction[]): S004View {
  const mh = txs.filter((t) => t.proto === 'mh').flatMap((t) => txMessages(t) as MhMsg[]).sort(byTime);
  const has: HasSeen[] = [];
  const bus: MhMsg[] = [];
  const bas: MhMsg[] = [];
  for (const m of mh) {
    const b = m.value.body;
    if (b.kind === 'has') has.push({ msg: m, b: b.b ?? false, addresses: b.addresses });
    if (b.kind === 'bu') bus.push(m);
    if (b.kind === 'ba') bas.push(m);
  }
  return { sas: ikeSas(txs), has, bus, bas };
}

/** the IKE SA opened between a and b (either way round) before `t`, the latest one */
export function saBetween(view: S004View, a: string, b: string, t: number): IkeSa | undefined {
  const fits = view.sas.filter((s) => s.init && s.init.ts <= t && ((s.initiator === a && s.responder === b) || (s.initiator === b && s.responder === a)));
  return fits.sort((x, y) => y.init!.ts - x.init!.ts)[0];
}

/** the first response of an exchange type in the SA */
export function firstResponse(sa: IkeSa, exchangeType: number): IkeMsg | undefined {
  return sa.msgs.find((m) => m.value.exchangeType === exchangeType && isResponse(m));
}

export const isHomeRegistration = (m: MhMsg): boolean => m.value.body.kind === 'bu' && (m.value.body.flags & BU_FLAGS.H) !== 0;
