// RFC 6733 §6.2: an answer reuses its request's Hop-by-Hop and End-to-End Identifiers. An answer whose identifiers
// match no request is only visible across transactions: the matcher leaves its request unanswered and the answer
// orphaned, so this is judged over the run.
import { defineAssertion, v, type Check, type RunAssertion } from '../../src/assert/types.js';
import type { Message } from '../../src/flow/message.js';
import type { Transaction } from '../../src/flow/transaction.js';
import type { DiameterMessage } from '../../src/proto/diameter/index.js';

type DMsg = Message<DiameterMessage>;
const ep = (e: { addr: string; port: number }) => `${e.addr}|${e.port}`;
const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

export const answerIdentifiers = defineAssertion<RunAssertion>({
  id: 'RFC6733-6.2-answer-identifiers',
  title: "An answer carries its request's Hop-by-Hop and End-to-End Identifiers",
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'run',
  observe: 'both',
  cite: {
    doc: 'RFC6733', section: '6.2', digest: 'DIA-01', url: 'https://www.rfc-editor.org/rfc/rfc6733#section-6.2',
    quote: 'The same Hop-by-Hop Identifier in the request is used in the answer.',
  },
  looksAt: 'answers the matcher could not pair: the unanswered request of the same command on the same connection, in the other direction, and the identifiers each carries',
  start: () => {
    const pending: DMsg[] = [];
    const orphans: DMsg[] = [];
    return {
      see(tx: Transaction): Check | void {
        if (tx.proto !== 'diameter') return;
        const t = tx as Transaction<DiameterMessage>;
        if (t.kind === 'diameter.orphan-answer') {
          if (!t.request.sentByTester && orphans.length < 10_000) orphans.push(t.request);
        } else if (t.kind === 'diameter.exchange') {
          const a = t.answers[0];
          if (!a) pending.push(t.request);
          if (pending.length > 10_000) pending.splice(0, pending.length - 10_000);
          // paired by the matcher: the identifiers are the request's by construction
          if (a && !a.sentByTester) return v.pass(`answer at frame ${a.frame} reuses the identifiers of frame ${t.request.frame}`, { frames: [t.request.frame, a.frame] });
        }
      },
      end(): Check[] {
        const out: Check[] = [];
        for (const o of orphans) {
          const req = pending.find(
            (r) => r.conn === o.conn && ep(r.src) === ep(o.dst) && ep(r.dst) === ep(o.src) && r.value.commandCode === o.value.commandCode && r.ts <= o.ts,
          );
          if (!req) continue; // an answer nobody asked for: DIA-24 is about the receiver, not judged here
          const ids = (m: DMsg) => `hop-by-hop ${hex(m.value.hopByHop)}, end-to-end ${hex(m.value.endToEnd)}`;
          out.push(v.fail(`the answer (frame ${o.frame}) to the request at frame ${req.frame} carries ${ids(o)}; the request had ${ids(req)}`, {
            frames: [req.frame, o.frame], path: 'header.hop-by-hop/end-to-end', expected: ids(req), actual: ids(o),
          }));
        }
        return out;
      },
    };
  },
});
