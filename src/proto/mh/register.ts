// Mobility Header module: IPv6 Next Header 135 (RFC 6275 §6.1), delivered as Datagram { transport: 'ip' }.
import type { Message } from '../../flow/message.js';
import { toJsonSafe } from '../../util/json.js';
import type { ProtocolModule } from '../module.js';
import { mhMatcher } from './match.js';
import { decodeMh, type MhMessage } from './message.js';
import { BA_FLAGS, BU_FLAGS, flagNames, IPPROTO_MH, MH_TYPES } from './names.js';

export function describeMh(msg: Message<MhMessage>): Record<string, unknown> {
  const v = msg.value;
  const b = v.body;
  const out: Record<string, unknown> = { msgType: MH_TYPES.get(v.type)?.[0] ?? `MH-Type-${v.type}`, mhType: v.type };
  if (b.kind === 'bu') Object.assign(out, { seq: b.seq, flags: flagNames(b.flags, BU_FLAGS), lifetimeS: b.lifetime * 4 });
  if (b.kind === 'ba') Object.assign(out, { seq: b.seq, status: b.status, statusName: b.statusName, flags: flagNames(b.flags, BA_FLAGS), lifetimeS: b.lifetime * 4 });
  if (b.kind === 'has') Object.assign(out, { count: b.count ?? b.addresses.length, b: (b.reserved & 0x80) !== 0, addresses: b.addresses });
  if (b.kind === 'be') Object.assign(out, { status: b.status, statusName: b.statusName, homeAddress: b.homeAddress });
  out.options = v.options.map((o) => o.name ?? `Option-${o.type}`);
  out.tree = toJsonSafe(v);
  return out;
}

export const mhModule: ProtocolModule<MhMessage> = {
  name: 'mh',
  ipProtos: [IPPROTO_MH],
  decode: decodeMh,
  matcher: mhMatcher,
  describe: describeMh,
};

export default mhModule;
