// RFC 5026 §6 (DIGEST §9.4 row MH-06): a home agent answering a Binding Update that carries the DNS Update
// mobility option (type 17) puts one in the Binding Acknowledgement with the result. Text not re-read: provisional.
import { defineAssertion, v, type Check, type TxAssertion } from '../../src/assert/types.js';
import type { Transaction } from '../../src/flow/transaction.js';
import type { MhMessage } from '../../src/proto/mh/message.js';
import { ev, type MhMsg } from '../s004/kit.js';

const DNS_UPDATE = 17;
const dnsOpt = (m: MhMessage) => m.options.find((o) => o.type === DNS_UPDATE);

export const haDnsUpdateStatus = defineAssertion<TxAssertion<MhMessage>>({
  id: 'RFC5026-6-ha-dns-update-status',
  title: 'a BA answering a BU with the DNS Update option carries the option with the update status',
  level: 'MUST',
  role: 'home-agent',
  proto: 'mh',
  scope: 'transaction',
  observe: 'cap',
  provisional: true,
  cite: {
    doc: 'RFC5026', section: '6', digest: 'MH-06', url: 'https://www.rfc-editor.org/rfc/rfc5026#section-6',
    quote: 'DIGEST paraphrase (RFC text not re-read): BU carrying DNS Update option → BA carries one with the result status.',
  },
  looksAt: 'DNS-UPDATE-TYPE option (17) in the BA answering a BU that carried one',
  applies: (tx: Transaction<MhMessage>) => tx.kind === 'mh.bu' && dnsOpt(tx.request.value) !== undefined,
  check(tx: Transaction<MhMessage>): Check {
    const q = tx.request as MhMsg;
    const a = tx.answers[0] as MhMsg | undefined;
    if (!a) return v.inconclusive(`no BA to BU frame ${q.frame} (DNS Update) was captured`, ev([q]));
    const o = dnsOpt(a.value);
    if (!o) return v.fail(`BA frame ${a.frame} answers BU frame ${q.frame} (DNS Update) without a DNS Update option`, ev([q, a], { path: 'ba.options.DNS-UPDATE-TYPE', expected: 'present', actual: 'absent' }));
    const st = (o.parsed as { status?: number; statusName?: string } | undefined) ?? {};
    return v.pass(`BA frame ${a.frame} reports DNS update status ${st.status ?? '?'} (${st.statusName ?? 'unknown'})`, ev([q, a], { path: 'ba.options.DNS-UPDATE-TYPE.status', actual: st.status }));
  },
});

export const RFC5026: readonly TxAssertion[] = [haDnsUpdateStatus];
