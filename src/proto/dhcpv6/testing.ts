// Test helpers shared by this module's tests (not used by production code).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fromHex } from '../../wire/codec.js';
import { decodeDhcpv6, encodeDhcpv6, type Dhcpv6Settings } from './message.js';
import type { Dhcpv6Message } from './types.js';

export const FIXTURES = fileURLToPath(new URL('../../../fixtures/messages/dhcpv6/', import.meta.url));

export function fixture(name: string): Uint8Array {
  return fromHex(readFileSync(FIXTURES + name, 'utf8'));
}

/** strips decode-only fields (spans) so a decoded value can be compared with a built one */
export function strip<T>(v: T): T {
  if (Array.isArray(v)) return v.map(strip) as T;
  if (v instanceof Uint8Array) return new Uint8Array(v) as T;
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (k !== 'offset' && k !== 'length') out[k] = strip(x);
    return out as T;
  }
  return v;
}

/** encode, decode the bytes, re-encode the decoded value */
export function roundTrip(m: Dhcpv6Message, settings?: Dhcpv6Settings): {
  bytes: Uint8Array;
  decoded: Dhcpv6Message;
  issues: unknown[];
  reencoded: Uint8Array;
} {
  const bytes = encodeDhcpv6(m, settings);
  const d = decodeDhcpv6(bytes, settings);
  return { bytes, decoded: d.value, issues: d.issues, reencoded: encodeDhcpv6(d.value, settings) };
}
