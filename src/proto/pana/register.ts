// PANA protocol module: UDP 716 (RFC 5191 §10); 3001 for pre-RFC captures (decoded per 'pana.profile').
import type { Message } from '../../flow/message.js';
import { toJsonSafe } from '../../util/json.js';
import type { ProtocolModule } from '../module.js';
import { panaMatcher } from './match.js';
import { decodePana, type PanaMessage } from './message.js';
import {
  flagNames, PANA_DRAFT_FLAGS, PANA_DRAFT_PORT, PANA_DRAFT_TYPES, PANA_FLAGS, PANA_PORT, panaAbbrev, panaTypeName,
} from './names.js';

export function describePana(msg: Message<PanaMessage>): Record<string, unknown> {
  const v = msg.value;
  const draft = v.profile === 'draft';
  const req = (v.flags & PANA_FLAGS.R) !== 0;
  const msgType = draft
    ? `${PANA_DRAFT_TYPES.get(v.type) ?? `PANA-Type-${v.type}`}-${req ? 'Request' : 'Answer'}`
    : panaTypeName(v.type, req);
  return {
    msgType,
    ...(draft ? { profile: 'draft' } : { abbrev: panaAbbrev(v.type, req), sessionId: v.sessionId }),
    seq: v.seq,
    flags: flagNames(v.flags, draft ? PANA_DRAFT_FLAGS : PANA_FLAGS),
    avps: v.avps.map((a) => a.name ?? `AVP-${a.code}`),
    tree: toJsonSafe(v),
  };
}

export const panaModule: ProtocolModule<PanaMessage> = {
  name: 'pana',
  udpPorts: [PANA_PORT, PANA_DRAFT_PORT],
  decode: decodePana,
  matcher: panaMatcher,
  describe: describePana,
};

export default panaModule;
