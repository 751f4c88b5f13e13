// Helpers both ends of a PANA exchange share (the probe's PaC and the reference PAA in src/serve/pana-paa.ts):
// minimal EAP packets (RFC 3748 §4, kept as bytes in EAP-Payload), PANA_AUTH_KEY derivation and the AUTH AVP
// value (RFC 5191 §5.3), with PRF_HMAC_SHA1 (2) and AUTH_HMAC_SHA1_160 (7), the algorithms RFC 5191 §10 mandates.
import { createHmac } from 'node:crypto';
import type { Settings } from '../../assert/profiles.js';
import { codepoint } from '../../proto/codepoints.js';
import { encodePana, type PanaAvp, type PanaMessage } from '../../proto/pana/message.js';
import { PANA_FLAGS } from '../../proto/pana/names.js';

/** AVP codes (RFC 5191 §8) */
export const PANA_AVP = { AUTH: 1, EAP_PAYLOAD: 2, INTEGRITY_ALGORITHM: 3, KEY_ID: 4, NONCE: 5, PRF_ALGORITHM: 6, RESULT_CODE: 7, SESSION_LIFETIME: 8 } as const;
/** IKEv2 transform ids RFC 5191 uses: PRF (type 2) and integrity (type 3) */
export const PRF_HMAC_SHA1 = 2;
export const AUTH_HMAC_SHA1_160 = 7;
export const PANA_SUCCESS = 0;
export const PANA_AUTHENTICATION_REJECTED = 1;

/** MSK of the reference PAA's dummy EAP method (src/serve/pana-paa.ts): a fixed, documented test key, so the
 *  probe can compute AUTH against it; `--opt msk=HEX` gives another. 64 octets (RFC 3748 §7.10). */
export const DEFAULT_MSK_HEX = Buffer.from('mip6-conform dummy EAP method MSK, for testing only. 01234567890').toString('hex');

/** EAP codes and the Identity / Nak types (RFC 3748 §4, §5.1, §5.3.1) */
export const EAP = { REQUEST: 1, RESPONSE: 2, SUCCESS: 3, FAILURE: 4, IDENTITY: 1, NAK: 3 } as const;

export function eapPacket(code: number, id: number, type?: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const len = 4 + (type === undefined ? 0 : 1 + data.length);
  const b = new Uint8Array(len);
  b[0] = code;
  b[1] = id & 0xff;
  new DataView(b.buffer).setUint16(2, len);
  if (type !== undefined) {
    b[4] = type;
    b.set(data, 5);
  }
  return b;
}

export interface EapView {
  code: number;
  id: number;
  type?: number;
  data: Uint8Array;
}

/** reads an EAP header from EAP-Payload bytes; undefined when too short */
export function eapView(b: Uint8Array): EapView | undefined {
  if (b.length < 4) return undefined;
  const code = b[0]!;
  const id = b[1]!;
  if ((code === EAP.REQUEST || code === EAP.RESPONSE) && b.length >= 5) return { code, id, type: b[4]!, data: b.subarray(5) };
  return { code, id, data: b.subarray(4) };
}

export function u32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, n >>> 0);
  return b;
}

export function readU32(d: Uint8Array | undefined): number | undefined {
  return d && d.length === 4 ? new DataView(d.buffer, d.byteOffset, 4).getUint32(0) : undefined;
}

/** the RFC 5191 AVP (vendor 0) with this code */
export function avpOf(m: PanaMessage, code: number): PanaAvp | undefined {
  return m.avps.find((a) => a.vendorId === undefined && a.code === code);
}

type S002Key = 'pana.avp.mobilityCapability' | 'pana.avp.haAddress' | 'pana.avp.hoa';
/** the S002 vendor AVP named by a code-point key */
export function s002Of(m: PanaMessage, key: S002Key, s: Settings): PanaAvp | undefined {
  const code = codepoint(s, key);
  const vendor = codepoint(s, `${key}.vendor`);
  return m.avps.find((a) => a.vendorId === vendor && a.code === code);
}

export const hasFlag = (m: PanaMessage, f: keyof typeof PANA_FLAGS): boolean => (m.flags & PANA_FLAGS[f]) !== 0;

/** prf+ (RFC 7296 §2.13) with HMAC-SHA1, cut to `len` octets */
function prfPlus(key: Uint8Array, seed: Uint8Array, len: number): Uint8Array {
  const out: Buffer[] = [];
  let t: Buffer = Buffer.alloc(0);
  for (let i = 1; out.reduce((n, b) => n + b.length, 0) < len; i++) {
    t = createHmac('sha1', key).update(Buffer.concat([t, seed, Buffer.from([i])])).digest();
    out.push(t);
  }
  return new Uint8Array(Buffer.concat(out).subarray(0, len));
}

export interface AuthKeyInput {
  msk: Uint8Array;
  /** the initial PAR and PAN (S flag), whole messages as sent */
  iPar: Uint8Array;
  iPan: Uint8Array;
  pacNonce: Uint8Array;
  paaNonce: Uint8Array;
  keyId: number;
}

/** RFC 5191 §5.3: PANA_AUTH_KEY = prf+(MSK, "IETF PANA" | I_PAR | I_PAN | PaC_nonce | PAA_nonce | Key_ID); 20 octets for HMAC-SHA1-160 */
export function panaAuthKey(k: AuthKeyInput): Uint8Array {
  const seed = Buffer.concat([Buffer.from('IETF PANA'), k.iPar, k.iPan, k.pacNonce, k.paaNonce, u32(k.keyId)]);
  return prfPlus(k.msk, seed, 20);
}

/** Adds (or refills) the AUTH AVP: HMAC-SHA1-160 over the whole message with the AUTH value zeroed (RFC 5191 §5.3). */
export function withAuth(m: PanaMessage, authKey: Uint8Array): PanaMessage {
  const rest = m.avps.filter((a) => !(a.vendorId === undefined && a.code === PANA_AVP.AUTH));
  const zeroed: PanaMessage = { ...m, avps: [...rest, { code: PANA_AVP.AUTH, flags: 0, data: new Uint8Array(20) }] };
  const mac = createHmac('sha1', authKey).update(encodePana(zeroed)).digest();
  return { ...m, avps: [...rest, { code: PANA_AVP.AUTH, flags: 0, data: new Uint8Array(mac) }] };
}

/** true when the message's AUTH AVP verifies under authKey */
export function authValid(m: PanaMessage, authKey: Uint8Array): boolean {
  const got = avpOf(m, PANA_AVP.AUTH);
  if (!got || got.data.length !== 20) return false;
  const zeroed: PanaMessage = { ...m, avps: m.avps.map((a) => (a === got ? { ...a, data: new Uint8Array(20) } : a)) };
  const mac = createHmac('sha1', authKey).update(encodePana(zeroed)).digest();
  return Buffer.compare(mac, Buffer.from(got.data)) === 0;
}

export function parseHex(s: string): Uint8Array | undefined {
  const h = s.replace(/^0x/i, '').replace(/[\s:]/g, '');
  if (!h.length || h.length % 2 || /[^0-9a-f]/i.test(h)) return undefined;
  return new Uint8Array(Buffer.from(h, 'hex'));
}
