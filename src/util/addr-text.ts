// Address text for the decode path. Every frame needs the text of two addresses and captures repeat the same
// few, so the text is cached by address value in a direct-mapped table: a hit compares 1 or 4 words and
// allocates nothing. A miss formats directly (RFC 5952 §4 for IPv6; addr-text.test.ts checks it against ipaddr.js).
// ipToString (util/ip.ts) goes through a shared instance.

const BITS = 12;
const SIZE = 1 << BITS;
const MASK = SIZE - 1;

const rd32 = (b: Uint8Array, i: number): number => ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

export class AddrText {
  private readonly w6 = new Uint32Array(SIZE * 4);
  private readonly s6: (string | undefined)[] = new Array<string | undefined>(SIZE).fill(undefined);
  private readonly w4 = new Uint32Array(SIZE);
  private readonly s4: (string | undefined)[] = new Array<string | undefined>(SIZE).fill(undefined);

  /** text of the 4- or 16-byte address at b[off] */
  text(b: Uint8Array, off: number, len: 4 | 16): string {
    return len === 4 ? this.v4(b, off) : this.v6(b, off);
  }

  v4(b: Uint8Array, off: number): string {
    const a = rd32(b, off);
    const i = (Math.imul(a, 0x9e3779b1) >>> (32 - BITS)) & MASK;
    const s = this.s4[i];
    if (s !== undefined && this.w4[i] === a) return s;
    const t = `${b[off]}.${b[off + 1]}.${b[off + 2]}.${b[off + 3]}`;
    this.w4[i] = a;
    this.s4[i] = t;
    return t;
  }

  v6(b: Uint8Array, off: number): string {
    const a = rd32(b, off);
    const c = rd32(b, off + 4);
    const d = rd32(b, off + 8);
    const e = rd32(b, off + 12);
    // the interface identifier varies most; mix every word anyway (prefix-only differences must not collide)
    const h = Math.imul(a ^ Math.imul(c, 0x85ebca6b) ^ Math.imul(d, 0xc2b2ae35) ^ Math.imul(e, 0x27d4eb2f), 0x9e3779b1);
    const i = (h >>> (32 - BITS)) & MASK;
    const s = this.s6[i];
    const w = this.w6;
    const k = i * 4;
    if (s !== undefined && w[k] === a && w[k + 1] === c && w[k + 2] === d && w[k + 3] === e) return s;
    const t = formatV6(b, off);
    w[k] = a;
    w[k + 1] = c;
    w[k + 2] = d;
    w[k + 3] = e;
    this.s6[i] = t;
    return t;
  }
}

const HEX = Array.from({ length: 0x10000 }, (_, i) => i.toString(16));

/** RFC 5952 §4: lower-case hex, no leading zeros, the longest run of two or more zero groups (the first on a tie) as "::" */
export function formatV6(b: Uint8Array, off: number): string {
  let bestAt = -1;
  let bestLen = 1;
  let runAt = -1;
  for (let g = 0; g <= 8; g++) {
    const zero = g < 8 && b[off + 2 * g] === 0 && b[off + 2 * g + 1] === 0;
    if (zero) {
      if (runAt < 0) runAt = g;
    } else if (runAt >= 0) {
      if (g - runAt > bestLen) {
        bestLen = g - runAt;
        bestAt = runAt;
      }
      runAt = -1;
    }
  }
  let s = '';
  for (let g = 0; g < 8; g++) {
    if (g === bestAt) {
      s += '::';
      g += bestLen - 1;
      continue;
    }
    if (s.length && !s.endsWith(':')) s += ':';
    s += HEX[(b[off + 2 * g]! << 8) | b[off + 2 * g + 1]!]!;
  }
  return s;
}
