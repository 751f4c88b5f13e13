// The reference (foreign) home agent for Mobile IPv4 registrations (RFC 5944 §3.8, RFC 2794 dynamic home address,
// seed S003 bootstrapping data as NVSEs). `fhaAnswer` is the pure part: a received Registration Request (bytes) →
// the Registration Reply to send back, or null to discard. `startFha` is a small UDP server around it.
// Faults, when named, break exactly one rule each.
import dgram from 'node:dgram';
import net from 'node:net';
import type { Settings } from '../assert/profiles.js';
import { codepoint } from '../proto/codepoints.js';
import { mipv4Ext, rrp } from '../proto/mipv4/build.js';
import { decodeMipv4, encodeMipv4, type Mipv4Extension, type Mipv4Message } from '../proto/mipv4/message.js';
import { MIPV4_EXTENSIONS } from '../proto/mipv4/names.js';
import { checkMnHaAuth, DEFAULT_FHA_KEY_HEX, DEFAULT_FHA_SPI, MIPV4_NAI, NVSE, nowNtpSeconds, ntpSeconds, RRP_CODE, withMnHaAuth } from '../probe/scenarios/mipv4-kit.js';
import { plainAddr } from '../probe/transport/types.js';
import type { RunningServer } from './pana-paa.js';

export interface FhaConfig {
  /** mobility security associations: SPI → MN-HA key */
  keys: ReadonlyMap<number, Uint8Array>;
  /** the Home Agent field of replies; default: the address the server is bound to */
  address?: string;
  /** dynamic home addresses handed out per NAI (RFC 2794), in order */
  pool: readonly string[];
  maxLifetime: number;
  /** timestamp tolerance (RFC 5944 §5.7 default 7 s) */
  idWindowS: number;
  /** S003 §4.1.1 bootstrapping data */
  ha6: string;
  hoa6: string;
  coa6: string;
}

export const DEFAULT_FHA: FhaConfig = {
  keys: new Map([[DEFAULT_FHA_SPI, new Uint8Array(Buffer.from(DEFAULT_FHA_KEY_HEX, 'hex'))]]),
  pool: ['203.0.113.10', '203.0.113.11', '203.0.113.12', '203.0.113.13'],
  maxLifetime: 3600,
  idWindowS: 7,
  ha6: '2001:db8:10::1',
  hoa6: '2001:db8:10::100',
  coa6: '2001:db8:2::7',
};

export interface FhaState {
  /** NAI → assigned home address */
  bindings: Map<string, string>;
}

export const newFhaState = (): FhaState => ({ bindings: new Map() });

type S003Key = 'haAssignment' | 'ipv6Hoa' | 'thoav4' | 'ipv6Coa';

function s003Type(e: Mipv4Extension, s: Settings): S003Key | undefined {
  if (e.type !== NVSE || e.data.length < 8) return undefined;
  const dv = new DataView(e.data.buffer, e.data.byteOffset, e.data.byteLength);
  if (dv.getUint32(2) !== codepoint(s, 's003.nvse.vendorId')) return undefined;
  const t = dv.getUint16(6);
  return (['haAssignment', 'ipv6Hoa', 'thoav4', 'ipv6Coa'] as const).find((k) => codepoint(s, `s003.nvse.${k}`) === t);
}

/** extension types the reference understands (RFC 5944 §1.9: 0–127 unknown → reject, 128–255 unknown → skip) */
const understood = (t: number): boolean => MIPV4_EXTENSIONS.has(t);

export function fhaAnswer(
  st: FhaState, raw: Uint8Array, local: string, cfg: FhaConfig, faults: ReadonlySet<string>, settings: Settings, nowMs = Date.now(),
): Uint8Array | null {
  const d = decodeMipv4(raw, settings);
  const q = d.value;
  if (q.type !== 1 || q.truncated) return null; // not a Registration Request: discard
  const ha = cfg.address ?? (net.isIPv4(local) ? local : q.homeAgent);
  const auth = checkMnHaAuth(raw, q, (spi) => cfg.keys.get(spi));
  const key = auth.spi !== undefined ? cfg.keys.get(auth.spi) : undefined;
  const low = q.identification & 0xffffffffn;
  const wrongId = (id: bigint) => (faults.has('fha-wrong-identification') ? id ^ 0x5a5a5a5an : id);
  const reply = (code: number, extra: { homeAddress?: string; lifetime?: number; identification?: bigint; extensions?: Mipv4Extension[] } = {}): Uint8Array => {
    let m: Mipv4Message = rrp({
      code, lifetime: extra.lifetime ?? 0, homeAddress: extra.homeAddress ?? q.homeAddress, homeAgent: ha,
      identification: wrongId(extra.identification ?? q.identification), extensions: extra.extensions ?? [],
    });
    // RFC 5944 §3.4: the reply carries the MN-HA Authentication extension (when the SPI names a known association)
    if (key && auth.spi !== undefined && !faults.has('fha-no-reply-auth')) m = withMnHaAuth(m, auth.spi, key);
    return encodeMipv4(m);
  };
  // RFC 5944 §3.8.2.1: authenticate first; only the extensions before the MN-HA Authentication extension count
  if (auth.index < 0 || !key || (auth.valid !== true && !faults.has('fha-accepts-bad-auth'))) return reply(RRP_CODE.MN_FAILED_AUTH);
  if (d.issues.some((i) => i.severity === 'error')) return reply(RRP_CODE.POORLY_FORMED);
  const covered = q.extensions.slice(0, auth.index);
  if (covered.some((e) => e.type < 128 && !understood(e.type)) && !faults.has('fha-accepts-unknown-ext')) return reply(RRP_CODE.POORLY_FORMED);
  if (faults.has('fha-rejects-skippable-ext') && covered.some((e) => e.type >= 128 && !understood(e.type))) return reply(RRP_CODE.POORLY_FORMED);
  // RFC 5944 §5.7.1: a timestamp off by more than the window → 133, low-order 32 bits copied, high-order from our clock
  const now = nowNtpSeconds(nowMs);
  if (Math.abs(ntpSeconds(q.identification) - now) > cfg.idWindowS) return reply(RRP_CODE.ID_MISMATCH, { identification: (BigInt(now) << 32n) | low });
  // RFC 2794: Home Address 0.0.0.0 asks for a dynamic address, and then the NAI is required
  const naiExt = covered.find((e) => e.type === MIPV4_NAI);
  const nai = naiExt ? new TextDecoder().decode(naiExt.data) : undefined;
  let hoa = q.homeAddress;
  if (hoa === '0.0.0.0') {
    if (!nai) return reply(RRP_CODE.POORLY_FORMED);
    hoa = st.bindings.get(nai) ?? cfg.pool.find((a) => ![...st.bindings.values()].includes(a)) ?? '';
    if (!hoa) return reply(130); // insufficient resources
    st.bindings.set(nai, hoa);
  }
  // S003 §4.1.1: a request carrying S003 NVSEs gets the IPv6 HoA, the HA assignment, the THoAv4 and the IPv6 CoA
  const extensions: Mipv4Extension[] = [];
  if (covered.some((e) => s003Type(e, settings))) {
    if (!faults.has('fha-missing-s003-data')) extensions.push(mipv4Ext.s003('ipv6Hoa', cfg.hoa6, settings));
    extensions.push(mipv4Ext.s003('haAssignment', cfg.ha6, settings), mipv4Ext.s003('thoav4', hoa, settings), mipv4Ext.s003('ipv6Coa', cfg.coa6, settings));
  }
  return reply(RRP_CODE.ACCEPTED, { homeAddress: hoa, lifetime: Math.min(q.lifetime, cfg.maxLifetime), extensions });
}

export interface FhaServerOptions {
  /** an IPv4 address (Mobile IPv4) */
  bind: string;
  /** 0 = ephemeral */
  port: number;
  faults: ReadonlySet<string>;
  settings: Settings;
  config?: FhaConfig;
  log?: (line: string) => void;
}

export async function startFha(o: FhaServerOptions): Promise<RunningServer> {
  if (!net.isIPv4(o.bind)) throw new Error(`fha: Mobile IPv4 needs an IPv4 bind address, got '${o.bind}'`);
  const cfg = o.config ?? DEFAULT_FHA;
  const st = newFhaState();
  const log = o.log ?? (() => undefined);
  const sock = dgram.createSocket({ type: 'udp4', reuseAddr: false });
  sock.on('error', (e) => log(`fha: ${e.message}`));
  sock.on('message', (data, rinfo) => {
    const out = fhaAnswer(st, new Uint8Array(data), o.bind, cfg, o.faults, o.settings);
    if (out) sock.send(out, rinfo.port, rinfo.address, (e) => e && log(`fha: ${e.message}`)); // RFC 5944 §3.8.3: to the request's source
  });
  await new Promise<void>((res, rej) => {
    sock.once('error', rej);
    sock.bind({ address: o.bind, port: o.port, exclusive: true }, () => {
      sock.off('error', rej);
      res();
    });
  });
  const port = sock.address().port;
  log(`mipv4 fha on ${o.bind}:${port}`);
  return { addr: o.bind, port, stop: () => new Promise<void>((r) => sock.close(() => r())) };
}
