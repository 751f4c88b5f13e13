import type { DecodeIssue } from './issue.js';

/** Result of decoding one unit of wire data: the value (as far as it could be read) and what was odd. */
export interface Decoded<T> {
  value: T;
  issues: DecodeIssue[];
}

/** Span of a decoded node inside its message buffer (no copy), so evidence can cite exact bytes. */
export interface Span {
  offset: number;
  length: number;
}

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/#.*$/gm, '').replace(/[^0-9a-fA-F]/g, '');
  return new Uint8Array(Buffer.from(clean, 'hex'));
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The parts, one after another, in a new buffer (exact size). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
