// Mobile IPv4 matcher: a Registration Request pairs with the Reply coming back on the same address pair whose
// Identification has the same low-order 32 bits (RFC 5944 §5.7: with timestamps the HA sets the high-order 32 bits
// from its own clock). Each answer's exactness is kept in `identification` on the transaction.
import type { Settings } from '../../assert/profiles.js';
import type { Message } from '../../flow/message.js';
import type { Matcher, Transaction } from '../../flow/transaction.js';
import { dirKey, pairMatcher, type Role } from '../pana/pair.js';
import type { Mipv4Message } from './message.js';

/** how each answer's Identification matched the request's: all 64 bits, or only the low-order 32 */
export type IdMatch = 'exact' | 'low32';
export interface Mipv4Transaction extends Transaction<Mipv4Message> {
  identification?: IdMatch[];
}

export function mipv4Classify(msg: Message): Role {
  const v = msg.value as Mipv4Message;
  if (v.truncated) return { role: 'single', kind: 'mipv4.malformed' };
  const low = (v.identification & 0xffffffffn).toString(16);
  if (v.type === 1) return { role: 'request', key: `${low}|${dirKey(msg.src, msg.dst)}`, kind: 'mipv4.registration', expectAnswer: true };
  if (v.type === 3) return { role: 'answer', key: `${low}|${dirKey(msg.dst, msg.src)}`, kind: 'mipv4.unmatched-reply' };
  return { role: 'single', kind: `mipv4.type-${v.type}` };
}

export function mipv4Matcher(settings: Settings): Matcher {
  return pairMatcher({
    proto: 'mipv4',
    windowS: settings['flow.window'],
    classify: mipv4Classify,
    onAnswer(tx: Mipv4Transaction, ans: Message) {
      const req = tx.request.value as Mipv4Message;
      const exact = (ans.value as Mipv4Message).identification === req.identification;
      (tx.identification ??= []).push(exact ? 'exact' : 'low32');
    },
  });
}
