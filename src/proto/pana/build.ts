// Builders for crafting PANA messages (probe/tests). Values become wire bytes here; encode writes them as is.
import type { Settings } from '../../assert/profiles.js';
import { codepoint } from '../codepoints.js';
import { ipBytes } from './addr.js';
import type { PanaAvp, PanaMessage } from './message.js';
import { PANA_FLAGS } from './names.js';

function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0);
  return b;
}

export const panaAvp = {
  raw: (code: number, data: Uint8Array, vendorId?: number): PanaAvp =>
    vendorId === undefined ? { code, flags: 0, data } : { code, flags: 0x8000, vendorId, data },
  auth: (data: Uint8Array): PanaAvp => ({ code: 1, flags: 0, data }),
  eapPayload: (eap: Uint8Array): PanaAvp => ({ code: 2, flags: 0, data: eap }),
  integrityAlgorithm: (v: number): PanaAvp => ({ code: 3, flags: 0, data: u32(v) }),
  keyId: (v: number): PanaAvp => ({ code: 4, flags: 0, data: u32(v) }),
  nonce: (data: Uint8Array): PanaAvp => ({ code: 5, flags: 0, data }),
  prfAlgorithm: (v: number): PanaAvp => ({ code: 6, flags: 0, data: u32(v) }),
  resultCode: (v: number): PanaAvp => ({ code: 7, flags: 0, data: u32(v) }),
  sessionLifetime: (s: number): PanaAvp => ({ code: 8, flags: 0, data: u32(s) }),
  terminationCause: (v: number): PanaAvp => ({ code: 9, flags: 0, data: u32(v) }),
  /** S002 Mobility-Capability (tester encoding: Unsigned32) */
  mobilityCapability: (v: number, s?: Settings): PanaAvp =>
    panaAvp.raw(codepoint(s, 'pana.avp.mobilityCapability'), u32(v), codepoint(s, 'pana.avp.mobilityCapability.vendor')),
  /** S002 HA address (tester encoding: bare 4- or 16-octet address) */
  haAddress: (addr: string, s?: Settings): PanaAvp =>
    panaAvp.raw(codepoint(s, 'pana.avp.haAddress'), ipBytes(addr, addr.includes(':') ? 16 : 4), codepoint(s, 'pana.avp.haAddress.vendor')),
  /** S002 testbed home address */
  hoa: (addr: string, s?: Settings): PanaAvp =>
    panaAvp.raw(codepoint(s, 'pana.avp.hoa'), ipBytes(addr, addr.includes(':') ? 16 : 4), codepoint(s, 'pana.avp.hoa.vendor')),
};

export interface PanaInit {
  type: number;
  flags?: (keyof typeof PANA_FLAGS)[];
  sessionId?: number;
  seq?: number;
  avps?: PanaAvp[];
}

export function panaMessage(i: PanaInit): PanaMessage {
  const flags = (i.flags ?? []).reduce((f, k) => f | PANA_FLAGS[k], 0);
  return { profile: 'rfc5191', reserved: 0, flags, type: i.type, sessionId: i.sessionId ?? 0, seq: i.seq ?? 0, avps: i.avps ?? [] };
}
