// MH checksum (RFC 6275 §6.1.1): Internet checksum over the IPv6 pseudo-header (RFC 2460 §8.1: source,
// destination, upper-layer length, zero, Next Header 135) followed by the whole Mobility Header.
import { ipBytes } from '../pana/addr.js';
import { IPPROTO_MH } from './names.js';

type Addr = string | Uint8Array;
const bytes16 = (a: Addr): Uint8Array => (typeof a === 'string' ? ipBytes(a, 16) : a);

function sum16(b: Uint8Array, acc: number): number {
  for (let i = 0; i + 1 < b.length; i += 2) acc += (b[i]! << 8) | b[i + 1]!;
  if (b.length % 2) acc += b[b.length - 1]! << 8;
  return acc;
}

function pseudoSum(src: Addr, dst: Addr, len: number): number {
  let acc = sum16(bytes16(src), 0);
  acc = sum16(bytes16(dst), acc);
  return acc + (len >>> 16) + (len & 0xffff) + IPPROTO_MH;
}

function fold(acc: number): number {
  while (acc > 0xffff) acc = (acc & 0xffff) + Math.floor(acc / 0x10000);
  return acc;
}

/** the checksum the MH should carry (computed with its checksum field taken as zero) */
export function mhChecksum(mh: Uint8Array, src: Addr, dst: Addr): number {
  const copy = mh.slice();
  if (copy.length >= 6) copy[4] = copy[5] = 0;
  const c = ~fold(sum16(copy, pseudoSum(src, dst, mh.length))) & 0xffff;
  return c;
}

/** true when the checksum field is right */
export function verifyMhChecksum(mh: Uint8Array, src: Addr, dst: Addr): boolean {
  if (mh.length < 6) return false;
  return fold(sum16(mh, pseudoSum(src, dst, mh.length))) === 0xffff;
}

/** a copy of the MH with its checksum field set */
export function withMhChecksum(mh: Uint8Array, src: Addr, dst: Addr): Uint8Array {
  const out = mh.slice();
  const c = mhChecksum(mh, src, dst);
  out[4] = c >> 8;
  out[5] = c & 0xff;
  return out;
}
