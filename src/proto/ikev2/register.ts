// IKEv2 module: UDP 500 and 4500 (RFC 7296 §2, §2.23); decoded only as far as the cleartext goes.
import type { Message } from '../../flow/message.js';
import { toJsonSafe } from '../../util/json.js';
import type { ProtocolModule } from '../module.js';
import { ikeMatcher } from './match.js';
import { decodeIke, type IkeMessage } from './message.js';
import { EXCHANGE_TYPES, flagNames, IKE_NATT_PORT, IKE_PORT } from './names.js';

export function describeIke(msg: Message<IkeMessage>): Record<string, unknown> {
  const v = msg.value;
  if (v.kind === 'nat-keepalive') return { msgType: 'NAT-Keepalive' };
  if (v.kind === 'esp') return { msgType: 'ESP-in-UDP', spi: v.esp?.spi, seq: v.esp?.seq };
  const ex = EXCHANGE_TYPES.get(v.exchangeType) ?? `EXCHANGE_${v.exchangeType}`;
  const resp = (v.flags & 0x20) !== 0;
  return {
    msgType: `${ex} ${resp ? 'response' : 'request'}`,
    exchangeType: v.exchangeType,
    ispi: v.ispi,
    rspi: v.rspi,
    messageId: v.messageId,
    flags: flagNames(v.flags),
    version: `${v.majorVersion}.${v.minorVersion}`,
    nonEspMarker: v.nonEspMarker,
    payloads: v.payloads.map((p) => (p.encrypted ? `${p.name} (encrypted)` : p.name)),
    tree: toJsonSafe(v),
  };
}

export const ikev2Module: ProtocolModule<IkeMessage> = {
  name: 'ikev2',
  udpPorts: [IKE_PORT, IKE_NATT_PORT],
  decode: decodeIke,
  matcher: ikeMatcher,
  describe: describeIke,
};

export default ikev2Module;
