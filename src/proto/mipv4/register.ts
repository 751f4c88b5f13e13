// Mobile IPv4 protocol module: UDP 434 (RFC 5944 §3.1).
import type { Message } from '../../flow/message.js';
import { toJsonSafe } from '../../util/json.js';
import { flagNames } from '../pana/names.js';
import type { ProtocolModule } from '../module.js';
import { mipv4Matcher } from './match.js';
import { decodeMipv4, type Mipv4Message } from './message.js';
import { MIPV4_FLAGS, MIPV4_PORT, MIPV4_REPLY_CODES, MIPV4_TYPES } from './names.js';

export function describeMipv4(msg: Message<Mipv4Message>): Record<string, unknown> {
  const v = msg.value;
  const out: Record<string, unknown> = { msgType: MIPV4_TYPES.get(v.type) ?? `MIPv4-Type-${v.type}` };
  if (v.type === 1 || v.type === 3) {
    out.identification = v.identification.toString();
    out.homeAddress = v.homeAddress;
    out.homeAgent = v.homeAgent;
    out.lifetime = v.lifetime;
  }
  if (v.type === 1) {
    out.flags = flagNames(v.flags ?? 0, MIPV4_FLAGS);
    out.careOfAddress = v.careOfAddress;
  }
  if (v.type === 3) out.code = { value: v.code, name: MIPV4_REPLY_CODES.get(v.code ?? 0) ?? `code ${v.code}` };
  out.extensions = v.extensions.map((e) => e.name ?? `Extension-${e.type}`);
  out.tree = toJsonSafe(v);
  return out;
}

export const mipv4Module: ProtocolModule<Mipv4Message> = {
  name: 'mipv4',
  udpPorts: [MIPV4_PORT],
  decode: decodeMipv4,
  matcher: mipv4Matcher,
  describe: describeMipv4,
};

export default mipv4Module;
