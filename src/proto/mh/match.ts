// Mobility Header matcher: a Binding Update pairs with the Binding Acknowledgement carrying its Sequence Number on
// the reversed address pair (RFC 6275 §6.1.8); a BU without the A flag expects no BA. Every other MH message is a
// transaction of its own (kind 'mh.has', 'mh.be', ...).
import type { Settings } from '../../assert/profiles.js';
import type { Message } from '../../flow/message.js';
import type { Matcher } from '../../flow/transaction.js';
import { dirKey, pairMatcher, type Role } from '../pana/pair.js';
import type { MhMessage } from './message.js';
import { BU_FLAGS, MH_TYPES } from './names.js';

export function mhClassify(msg: Message): Role {
  const v = msg.value as MhMessage;
  const b = v.body;
  if (v.truncated) return { role: 'single', kind: 'mh.malformed' };
  if (b.kind === 'bu') return { role: 'request', key: `${b.seq}|${dirKey(msg.src, msg.dst)}`, kind: 'mh.bu', expectAnswer: (b.flags & BU_FLAGS.A) !== 0 };
  if (b.kind === 'ba') return { role: 'answer', key: `${b.seq}|${dirKey(msg.dst, msg.src)}`, kind: 'mh.unmatched-ba' };
  return { role: 'single', kind: `mh.${MH_TYPES.get(v.type)?.[1] ?? `type-${v.type}`}` };
}

export function mhMatcher(settings: Settings): Matcher {
  return pairMatcher({ proto: 'mh', windowS: settings['flow.window'], classify: mhClassify });
}
