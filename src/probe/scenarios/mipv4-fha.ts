// probe fha: the tester is a dual-stack mobile node with a co-located care-of address (D flag) registering directly
// with a (foreign) home agent on UDP 434 (RFC 5944 §3.3). Every request asks for a dynamic home address (RFC 2794:
// Home Address 0.0.0.0 + NAI) and carries the MN-HA Authentication extension (HMAC-MD5, key/SPI from --opt).
// Cases vary one thing each; all are sent, then the replies are collected for the timeout and judged.
import type { Settings } from '../../assert/profiles.js';
import { mipv4Ext, rrq } from '../../proto/mipv4/build.js';
import { decodeMipv4, encodeMipv4, type Mipv4Extension, type Mipv4Message } from '../../proto/mipv4/message.js';
import { ProbeTargetError } from '../../util/errors.js';
import type { Target } from '../target.js';
import type { Tap } from '../transport/types.js';
import { openUdp } from '../transport/udp.js';
import { checkMnHaAuth, ntpIdentification, RRP_CODE, withMnHaAuth } from './mipv4-kit.js';

export interface FhaProbe {
  target: Target;
  bind?: string;
  timeoutMs: number;
  settings: Settings;
  nai: string;
  spi: number;
  key: Uint8Array;
  /** care-of address in the request (default: the local address the probe sends from) */
  coa?: string;
  cases?: string[];
  tap: Tap;
}

interface Built {
  extensions: Mipv4Extension[];
  corruptAuth?: boolean;
  /** seconds added to the timestamp Identification */
  skewS?: number;
}

export interface FhaCase {
  name: string;
  what: string;
  /** reply codes a conformant home agent answers with ('accept' = 0 or 1) */
  expect: 'accept' | number;
  build(c: { settings: Settings }): Built;
}

/** extension types no registry assigns: one in the non-skippable range (0–127), one in the skippable range (128–255) */
export const UNKNOWN_EXT_LOW = 100;
export const UNKNOWN_EXT_HIGH = 200;

/** The cases, as data. The NAI extension comes first; MN-HA Authentication is always appended last. */
export const FHA_CASES: readonly FhaCase[] = [
  { name: 'dynamic-hoa', what: 'RFC 2794: Home Address 0.0.0.0 with the NAI; the reply assigns a home address', expect: 'accept', build: () => ({ extensions: [] }) },
  {
    name: 's003-bootstrap', what: 'S003 §4.1.1: the request carries the S003 NVSEs asking for the HA assignment and IPv6 HoA (unspecified ::); the reply should carry all four items',
    expect: 'accept', build: (c) => ({ extensions: [mipv4Ext.s003('haAssignment', '::', c.settings), mipv4Ext.s003('ipv6Hoa', '::', c.settings)] }),
  },
  {
    name: 'unknown-ext-low', what: `RFC 5944 §1.9: unrecognised extension type ${UNKNOWN_EXT_LOW} (0–127): the request must be rejected (134)`,
    expect: RRP_CODE.POORLY_FORMED, build: () => ({ extensions: [mipv4Ext.raw(UNKNOWN_EXT_LOW, Uint8Array.of(0x6d, 0x36))] }),
  },
  {
    name: 'unknown-ext-high', what: `RFC 5944 §1.9: unrecognised extension type ${UNKNOWN_EXT_HIGH} (128–255): skipped, the registration goes on`,
    expect: 'accept', build: () => ({ extensions: [mipv4Ext.raw(UNKNOWN_EXT_HIGH, Uint8Array.of(0x6d, 0x36))] }),
  },
  { name: 'wrong-auth', what: 'RFC 5944 §3.8.2.1: a wrong MN-HA authenticator: rejected with 131', expect: RRP_CODE.MN_FAILED_AUTH, build: () => ({ extensions: [], corruptAuth: true }) },
  {
    name: 'stale-identification', what: 'RFC 5944 §5.7.1: a timestamp an hour old: 133, low-order 32 bits of the Identification copied, high-order from the HA clock',
    expect: RRP_CODE.ID_MISMATCH, build: () => ({ extensions: [], skewS: -3600 }),
  },
];

export interface FhaCaseResult {
  name: string;
  what: string;
  expect: 'accept' | number;
  identification: bigint;
  answered: boolean;
  code?: number;
  homeAddress?: string;
  /** how the reply's Identification relates to the request's */
  idMatch?: 'exact' | 'low32';
  /** names of the S003 NVSEs in the reply */
  s003: string[];
  /** the reply's MN-HA authenticator verified with the key (undefined: none or another SPI) */
  replyAuthValid?: boolean;
}

export async function probeFha(p: FhaProbe): Promise<FhaCaseResult[]> {
  const cases = FHA_CASES.filter((c) => !p.cases?.length || p.cases.includes(c.name));
  const loop = p.target.addr.startsWith('127.');
  const sock = await openUdp({ bind: p.bind ?? (loop ? '127.0.0.1' : '0.0.0.0'), port: 0, family: 4, tap: p.tap });
  if (sock.kind === 'error') throw new ProbeTargetError(`cannot open a UDP socket: ${sock.code} ${sock.message}`);
  try {
    const coa = p.coa ?? (sock.local.addr === '0.0.0.0' ? '192.0.2.100' : sock.local.addr);
    const base = (Date.now() * 7919) >>> 0;
    const sent: { c: FhaCase; id: bigint }[] = [];
    let i = 0;
    for (const c of cases) {
      const b = c.build({ settings: p.settings });
      const id = ntpIdentification(base + i++, Date.now(), b.skewS ?? 0);
      const m: Mipv4Message = rrq({
        flags: ['D'], lifetime: 1800, homeAddress: '0.0.0.0', homeAgent: p.target.addr, careOfAddress: coa, identification: id,
        extensions: [mipv4Ext.nai(p.nai), ...b.extensions],
      });
      const r = await sock.send(encodeMipv4(withMnHaAuth(m, p.spi, p.key, b.corruptAuth)), { addr: p.target.addr, port: p.target.port });
      if (r.kind === 'error') throw new ProbeTargetError(`cannot send to ${p.target.addr}:${p.target.port}: ${r.code} ${r.message}`);
      sent.push({ c, id });
      await new Promise((res) => setTimeout(res, 5));
    }
    const got = await sock.collect(p.timeoutMs, (d) => d.from.addr === p.target.addr && d.from.port === p.target.port);
    const replies = got.map((d) => ({ raw: d.data, m: decodeMipv4(d.data, p.settings).value })).filter((x) => x.m.type === 3 && !x.m.truncated);
    const results = sent.map(({ c, id }): FhaCaseResult => {
      const exact = replies.find((x) => x.m.identification === id);
      const hit = exact ?? replies.find((x) => (x.m.identification & 0xffffffffn) === (id & 0xffffffffn));
      const base = { name: c.name, what: c.what, expect: c.expect, identification: id, s003: [] as string[] };
      if (!hit) return { ...base, answered: false };
      const auth = checkMnHaAuth(hit.raw, hit.m, (spi) => (spi === p.spi ? p.key : undefined));
      return {
        ...base, answered: true, code: hit.m.code ?? 0, homeAddress: hit.m.homeAddress, idMatch: exact ? 'exact' : 'low32',
        s003: hit.m.extensions.map((e) => e.name ?? '').filter((n) => n.startsWith('S003-')),
        ...(auth.valid !== undefined ? { replyAuthValid: auth.valid } : {}),
      };
    });
    if (!got.length) { // a reply that matches no request still shows the target is there (and is judged)
      throw new ProbeTargetError(`no Registration Reply from ${p.target.addr}:${p.target.port} to ${results.length} requests within ${p.timeoutMs} ms (is a home agent listening?)`);
    }
    return results;
  } finally {
    await sock.close();
  }
}
