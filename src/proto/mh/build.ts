// Builders for crafting Mobility Header messages (probe/tests). Options are padded to 8 octets with Pad1/PadN.
import type { MhBody, MhMessage } from './message.js';
import { BA_FLAGS, BU_FLAGS, HAS_B_BIT, IPPROTO_NONE } from './names.js';
import { padTo8, type MhOption } from './options.js';

const FIXED: Record<MhBody['kind'], (b: MhBody) => number> = {
  brr: () => 2, hoti: () => 10, coti: () => 10, hot: () => 18, cot: () => 18, bu: () => 6, ba: () => 6, be: () => 18,
  has: (b) => 2 + 16 * (b as { addresses: string[] }).addresses.length,
  raw: (b) => (b as { data: Uint8Array }).data.length,
};
const TYPE: Record<Exclude<MhBody['kind'], 'raw'>, number> = { brr: 0, hoti: 1, coti: 2, hot: 3, cot: 4, bu: 5, ba: 6, be: 7, has: 12 };

function optLen(o: MhOption): number {
  return o.type === 0 ? 1 : 2 + o.data.length;
}

/** a message with Payload Proto 59, checksum 0 and options padded to a multiple of 8 */
export function mhMessage(body: MhBody, options: MhOption[] = [], type?: number): MhMessage {
  const used = 6 + FIXED[body.kind](body) + options.reduce((n, o) => n + optLen(o), 0);
  const t = type ?? (body.kind === 'raw' ? 255 : TYPE[body.kind]);
  return { payloadProto: IPPROTO_NONE, type: t, reserved: 0, checksum: 0, body, options: [...options, ...padTo8(used)] };
}

export function bu(i: { seq: number; flags?: (keyof typeof BU_FLAGS)[]; lifetimeS?: number; options?: MhOption[] }): MhMessage {
  const flags = (i.flags ?? []).reduce((f, k) => f | BU_FLAGS[k], 0);
  return mhMessage({ kind: 'bu', seq: i.seq, flags, lifetime: Math.floor((i.lifetimeS ?? 0) / 4) }, i.options);
}

export function ba(i: { seq: number; status?: number; flags?: (keyof typeof BA_FLAGS)[]; lifetimeS?: number; options?: MhOption[] }): MhMessage {
  const flags = (i.flags ?? []).reduce((f, k) => f | BA_FLAGS[k], 0);
  return mhMessage({ kind: 'ba', status: i.status ?? 0, flags, seq: i.seq, lifetime: Math.floor((i.lifetimeS ?? 0) / 4) }, i.options);
}

/** RFC 5142 Home Agent Switch; `b` sets S004's bootstrap bit */
export function has(i: { addresses: string[]; b?: boolean; options?: MhOption[] }): MhMessage {
  return mhMessage({ kind: 'has', reserved: i.b ? HAS_B_BIT : 0, addresses: i.addresses }, i.options);
}
