// PANA matcher (RFC 5191 §4): a request (R=1) pairs with the answer of the same type, Session Identifier and
// Sequence Number coming back the other way. PCI has no answer. Retransmissions join the open request.
import type { Settings } from '../../assert/profiles.js';
import type { Message } from '../../flow/message.js';
import type { Matcher } from '../../flow/transaction.js';
import type { PanaMessage } from './message.js';
import { PANA_FLAGS, PANA_TYPES } from './names.js';
import { dirKey, pairMatcher, type Role } from './pair.js';

function kindOf(type: number): string {
  const t = PANA_TYPES.get(type);
  return t ? `pana.${t[0].slice(5).toLowerCase()}` : `pana.type-${type}`;
}

export function panaClassify(msg: Message): Role {
  const v = msg.value as PanaMessage;
  const session = v.profile === 'draft' ? undefined : `pana:${v.sessionId}`;
  const s = session !== undefined ? { session } : {};
  if (v.truncated) return { role: 'single', kind: 'pana.malformed', ...s };
  if (v.profile !== 'draft' && v.type === 1) return { role: 'single', kind: 'pana.client-initiation', ...s };
  const id = `${v.profile}|${v.type}|${v.sessionId}|${v.seq}`;
  if (v.flags & PANA_FLAGS.R) return { role: 'request', key: `${id}|${dirKey(msg.src, msg.dst)}`, kind: kindOf(v.type), expectAnswer: true, ...s };
  return { role: 'answer', key: `${id}|${dirKey(msg.dst, msg.src)}`, kind: 'pana.unmatched-answer', ...s };
}

export function panaMatcher(settings: Settings): Matcher {
  return pairMatcher({ proto: 'pana', windowS: settings['flow.window'], classify: panaClassify });
}
