// Builders for crafting Mobile IPv4 registrations (probe/tests).
import { concatBytes } from '../../wire/codec.js';
import type { Settings } from '../../assert/profiles.js';
import { codepoint } from '../codepoints.js';
import { ipBytes } from '../pana/addr.js';
import type { Mipv4Extension, Mipv4Message } from './message.js';
import { MIPV4_FLAGS } from './names.js';

const cat = (...parts: Uint8Array[]): Uint8Array => concatBytes(parts);
function be(n: number, size: 2 | 4): Uint8Array {
  const b = new Uint8Array(size);
  const v = new DataView(b.buffer);
  if (size === 2) v.setUint16(0, n);
  else v.setUint32(0, n >>> 0);
  return b;
}

type S003Key = 'haAssignment' | 'ipv6Hoa' | 'thoav4' | 'ipv6Coa';

export const mipv4Ext = {
  raw: (type: number, data: Uint8Array, subtype?: number): Mipv4Extension => (subtype === undefined ? { type, data } : { type, subtype, data }),
  /** types 32 (MN-HA), 33 (MN-FA), 34 (FA-HA): SPI + authenticator (RFC 5944 §3.5) */
  auth: (type: 32 | 33 | 34, spi: number, authenticator: Uint8Array): Mipv4Extension => ({ type, data: cat(be(spi, 4), authenticator) }),
  nai: (nai: string): Mipv4Extension => ({ type: 131, data: new TextEncoder().encode(nai) }),
  nvse: (vendorId: number, vendorType: number, value: Uint8Array): Mipv4Extension => ({ type: 134, data: cat(be(0, 2), be(vendorId, 4), be(vendorType, 2), value) }),
  cvse: (vendorId: number, vendorType: number, value: Uint8Array): Mipv4Extension => ({ type: 38, subtype: 0, data: cat(be(vendorId, 4), be(vendorType, 2), value) }),
  /** S003 bootstrapping data as NVSE (code points from settings; see src/proto/codepoints.ts) */
  s003: (key: S003Key, addr: string, s?: Settings): Mipv4Extension =>
    mipv4Ext.nvse(codepoint(s, 's003.nvse.vendorId'), codepoint(s, `s003.nvse.${key}`), ipBytes(addr, key === 'thoav4' ? 4 : 16)),
};

export interface RrqInit {
  flags?: (keyof typeof MIPV4_FLAGS)[];
  lifetime?: number;
  homeAddress?: string;
  homeAgent: string;
  careOfAddress: string;
  identification: bigint;
  extensions?: Mipv4Extension[];
}

export function rrq(i: RrqInit): Mipv4Message {
  const flags = (i.flags ?? []).reduce((f, k) => f | MIPV4_FLAGS[k], 0);
  return { type: 1, flags, lifetime: i.lifetime ?? 1800, homeAddress: i.homeAddress ?? '0.0.0.0', homeAgent: i.homeAgent, careOfAddress: i.careOfAddress, identification: i.identification, extensions: i.extensions ?? [] };
}

export function rrp(i: { code: number; lifetime?: number; homeAddress: string; homeAgent: string; identification: bigint; extensions?: Mipv4Extension[] }): Mipv4Message {
  return { type: 3, code: i.code, lifetime: i.lifetime ?? 0, homeAddress: i.homeAddress, homeAgent: i.homeAgent, identification: i.identification, extensions: i.extensions ?? [] };
}
