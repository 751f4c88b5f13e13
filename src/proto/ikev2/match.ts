// IKEv2 matcher: a request (R=0) pairs with the response (R=1) carrying the same initiator SPI and Message ID on
// the reversed address pair (RFC 7296 §2.1–2.2). The responder SPI is zero in the first IKE_SA_INIT request, so
// it is checked only when the request had one. `session` is the initiator SPI.
import type { Settings } from '../../assert/profiles.js';
import type { Message } from '../../flow/message.js';
import type { Matcher } from '../../flow/transaction.js';
import { dirKey, pairMatcher, type Role } from '../pana/pair.js';
import type { IkeMessage } from './message.js';
import { EXCHANGE_TYPES, IKE_FLAGS } from './names.js';

const ZERO_SPI = '0000000000000000';

export function ikeClassify(msg: Message): Role {
  const v = msg.value as IkeMessage;
  if (v.kind === 'nat-keepalive') return { role: 'single', kind: 'ikev2.nat-keepalive' };
  if (v.kind === 'esp') return { role: 'single', kind: 'ikev2.esp-in-udp' };
  if (v.truncated) return { role: 'single', kind: 'ikev2.malformed' };
  const session = `ike:${v.ispi}`;
  const id = `${v.ispi}|${v.messageId}`;
  if (v.flags & IKE_FLAGS.R) return { role: 'answer', key: `${id}|${dirKey(msg.dst, msg.src)}`, kind: 'ikev2.unmatched-response', session };
  const name = EXCHANGE_TYPES.get(v.exchangeType)?.toLowerCase() ?? `exchange-${v.exchangeType}`;
  return { role: 'request', key: `${id}|${dirKey(msg.src, msg.dst)}`, kind: `ikev2.${name}`, expectAnswer: true, session };
}

export function ikeMatcher(settings: Settings): Matcher {
  return pairMatcher({
    proto: 'ikev2',
    windowS: settings['flow.window'],
    classify: ikeClassify,
    accepts(req, ans) {
      const q = req.value as IkeMessage;
      const a = ans.value as IkeMessage;
      return q.exchangeType === a.exchangeType && (q.rspi === ZERO_SPI || q.rspi === a.rspi);
    },
  });
}
