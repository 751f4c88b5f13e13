// Builders for crafting IKEv2 messages (probe/tests). Bodies are wire bytes; lengths and Next Payload are computed.
import type { IkeMessage, IkePayload } from './message.js';
import { IKE_FLAGS } from './names.js';

function cat(...parts: (Uint8Array | number[])[]): Uint8Array {
  const arrs = parts.map((p) => (p instanceof Uint8Array ? p : new Uint8Array(p)));
  const out = new Uint8Array(arrs.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of arrs) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
const u16 = (n: number): number[] => [(n >> 8) & 0xff, n & 0xff];

export const ikePayload = {
  raw: (type: number, body: Uint8Array, critical = false): IkePayload => ({ type, critical, body }),
  /** SA with one proposal (number 1, IKE) holding the given raw transform substructures */
  sa: (transforms: Uint8Array[] = []): IkePayload => {
    const t = cat(...transforms);
    return { type: 33, critical: false, body: cat([0, 0], u16(8 + t.length), [1, 1, 0, transforms.length], t) };
  },
  /** a transform substructure (§3.3.2); `last` marks the final one */
  transform: (type: number, id: number, last: boolean): Uint8Array => cat([last ? 0 : 3, 0], u16(8), [type, 0], u16(id)),
  ke: (group: number, data: Uint8Array): IkePayload => ({ type: 34, critical: false, body: cat(u16(group), [0, 0], data) }),
  nonce: (nonce: Uint8Array): IkePayload => ({ type: 40, critical: false, body: nonce }),
  notify: (notifyType: number, data: Uint8Array = new Uint8Array(0), protocolId = 0): IkePayload =>
    ({ type: 41, critical: false, body: cat([protocolId, 0], u16(notifyType), data) }),
  vendorId: (id: Uint8Array): IkePayload => ({ type: 43, critical: false, body: id }),
  certreq: (encoding: number, authority: Uint8Array): IkePayload => ({ type: 38, critical: false, body: cat([encoding], authority) }),
  /** Encrypted payload: IV + ciphertext + ICV as given; `firstInner` is the type of the first encrypted payload */
  sk: (firstInner: number, ciphertext: Uint8Array): IkePayload => ({ type: 46, critical: false, body: ciphertext, nextPayload: firstInner }),
};

export interface IkeInit {
  ispi: string;
  rspi?: string;
  exchangeType: number;
  flags?: (keyof typeof IKE_FLAGS)[];
  messageId?: number;
  payloads?: IkePayload[];
  nonEspMarker?: boolean;
}

export function ikeMessage(i: IkeInit): IkeMessage {
  const flags = (i.flags ?? []).reduce((f, k) => f | IKE_FLAGS[k], 0);
  return {
    kind: 'ike', nonEspMarker: i.nonEspMarker ?? false, ispi: i.ispi, rspi: i.rspi ?? '0000000000000000', majorVersion: 2,
    minorVersion: 0, exchangeType: i.exchangeType, flags, messageId: i.messageId ?? 0, payloads: i.payloads ?? [],
  };
}
