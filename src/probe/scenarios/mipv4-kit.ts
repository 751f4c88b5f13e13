// Shared by the probe's mobile node and the reference FHA (src/serve/fha.ts): the MN-HA authenticator (RFC 5944
// §3.5.1: HMAC-MD5 keyed with the mobility security association's secret, over the registration message, all prior
// extensions and the Type, Length and SPI of the MN-HA Authentication extension) and timestamp Identifications (§5.7).
import { createHmac } from 'node:crypto';
import { mipv4Ext } from '../../proto/mipv4/build.js';
import { encodeMipv4, type Mipv4Message } from '../../proto/mipv4/message.js';

export const MN_HA_AUTH = 32;
export const MIPV4_NAI = 131;
export const NVSE = 134;
/** RFC 5944 §3.4 codes the reference and the probe use */
export const RRP_CODE = { ACCEPTED: 0, MN_FAILED_AUTH: 131, ID_MISMATCH: 133, POORLY_FORMED: 134 } as const;

/** The documented test key and SPI of the reference FHA's one security association (probe: --opt key=HEX spi=N). */
export const DEFAULT_FHA_KEY_HEX = Buffer.from('mip6-conform FHA').toString('hex');
export const DEFAULT_FHA_SPI = 256;

/** seconds between the NTP epoch (1900) and the Unix epoch (RFC 5905 §6) */
const NTP_OFFSET = 2208988800;

/** 64-bit timestamp Identification (RFC 5944 §5.7): NTP seconds in the high 32 bits, `low` in the low 32 bits */
export function ntpIdentification(low: number, nowMs = Date.now(), skewS = 0): bigint {
  const secs = BigInt((Math.floor(nowMs / 1000) + NTP_OFFSET + skewS) >>> 0);
  return (secs << 32n) | BigInt(low >>> 0);
}

export const ntpSeconds = (id: bigint): number => Number(id >> 32n);
export const nowNtpSeconds = (nowMs = Date.now()): number => (Math.floor(nowMs / 1000) + NTP_OFFSET) >>> 0;

/** HMAC-MD5 authenticator over `covered` */
export function mnHaAuthenticator(key: Uint8Array, covered: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac('md5', key).update(covered).digest());
}

/** Appends the MN-HA Authentication extension (last, as RFC 5944 §3.5.2 places it); `corrupt` zeroes the authenticator. */
export function withMnHaAuth(m: Mipv4Message, spi: number, key: Uint8Array, corrupt = false): Mipv4Message {
  const draft: Mipv4Message = { ...m, extensions: [...m.extensions, mipv4Ext.auth(MN_HA_AUTH, spi, new Uint8Array(16))] };
  const bytes = encodeMipv4(draft);
  const auth = mnHaAuthenticator(key, bytes.subarray(0, bytes.length - 16));
  if (corrupt) auth.fill(0); // visibly invalid, so a capture (without the key) can show the reply should be 131
  return { ...m, extensions: [...m.extensions, mipv4Ext.auth(MN_HA_AUTH, spi, auth)] };
}

export interface AuthCheck {
  /** index of the (first) MN-HA Authentication extension, -1 when absent */
  index: number;
  spi?: number;
  /** the authenticator verified with `key` (undefined: no key for that SPI) */
  valid?: boolean;
}

/** Checks the first MN-HA Authentication extension of a decoded message against its raw bytes. */
export function checkMnHaAuth(raw: Uint8Array, m: Mipv4Message, keyFor: (spi: number) => Uint8Array | undefined): AuthCheck {
  const index = m.extensions.findIndex((e) => e.type === MN_HA_AUTH);
  const e = m.extensions[index];
  if (!e || !e.raw || e.data.length < 4) return { index };
  const spi = new DataView(e.data.buffer, e.data.byteOffset, 4).getUint32(0);
  const key = keyFor(spi);
  if (!key) return { index, spi };
  const end = e.raw.offset + 2 + 4; // Type, Length, SPI
  if (end > raw.length) return { index, spi, valid: false };
  const want = mnHaAuthenticator(key, raw.subarray(0, end));
  const got = e.data.subarray(4);
  return { index, spi, valid: got.length === want.length && Buffer.compare(Buffer.from(got), Buffer.from(want)) === 0 };
}
