// The reference Diameter home AAA server (RFC 6733 base + error handling, NASREQ/EAP with RFC 5447 MIP6 AVPs,
// RFC 5778 MIR/MIA, the S001 draft's MBR/MHR): a pure function from a received message to the answer (or to
// closing the connection). Errors are found in RFC 6733 §7 order and only the first is reported.
import type { Settings } from '../assert/profiles.js';
import { avp, checkGrammar, decodeDiameter, diameterMessage, dictionaryFor, findAll, findAvp, walkAvps } from '../proto/diameter/index.js';
import type { DiameterAvp, DiameterMessage, Dictionary } from '../proto/diameter/index.js';
import type { DecodeIssue } from '../wire/issue.js';
import { parseIp } from '../util/ip.js';

export interface AaaConfig {
  originHost: string;
  originRealm: string;
  hostIp: string;
  /** application ids the server supports (CER/CEA, and 3007 for the rest) */
  apps: number[];
  /** the home agent allocated to every user (RFC 5447 MIP6-Agent-Info) */
  ha: string;
  hnp: { len: number; prefix: string };
  mnAddress: string;
}

export const DEFAULT_AAA: AaaConfig = {
  originHost: 'aaa.msp.example',
  originRealm: 'msp.example',
  hostIp: '::1',
  apps: [1, 5, 7, 8],
  ha: '2001:db8:10::1',
  hnp: { len: 64, prefix: '2001:db8:10::' },
  mnAddress: '2001:db8:10::100',
};

export type AaaAction = { answer: DiameterMessage } | { close: true } | { ignore: true };

export interface ConnState {
  /** a CER was answered with success on this connection */
  open: boolean;
}

const R = 0x80;
const P = 0x40;
const E = 0x20;

/** What the server does with one message received on a connection. */
export function aaaHandle(bytes: Uint8Array, conn: ConnState, cfg: AaaConfig, faults: ReadonlySet<string>, settings: Settings): AaaAction {
  const dict = dictionaryFor(settings);
  const dec = decodeDiameter(bytes, dict);
  const m = dec.value;
  if (!(m.flags & R)) return { ignore: true }; // an answer: nothing to answer (RFC 6733 §6.2.1)
  const s001App = settings.codepoints['s001.appId'] ?? 4294967294;
  const apps = [...cfg.apps, s001App];
  const appAvps = (): DiameterAvp[] => {
    if (m.commandCode === 257) {
      return [avp('Host-IP-Address', cfg.hostIp, { dict }), avp('Vendor-Id', 32473, { dict }), avp('Product-Name', 'mip6-conform reference', { dict })];
    }
    if ([265, 268, 325].includes(m.commandCode)) {
      const art = findAvp(m, 'Auth-Request-Type');
      return [avp('Auth-Application-Id', m.applicationId, { dict }), avp('Auth-Request-Type', typeof art?.value === 'number' && art.value >= 1 && art.value <= 3 ? art.value : 3, { dict })];
    }
    return [];
  };
  const ans = (rc: number, extra: DiameterAvp[] = [], e = false): AaaAction => {
    const base = rc === 2001 || rc === 5041 || rc >= 3000 && rc < 4000 ? [] : appAvps();
    return { answer: answerFor(m, rc, [...base, ...extra], e, cfg, faults, dict) };
  };

  // RFC 6733 §7.1.5 / §3: header problems first
  if (m.version !== 1) return ans(5011);
  const lenIssue = dec.issues.find((i) => i.code.includes('length') && i.path?.[0] !== 'avps');
  if (lenIssue && bytes.length !== m.length) return ans(5015);
  if (m.flags & E) return ans(3008, [], true); // R and E together
  const badAvp = firstAvpLengthIssue(dec.issues, m);
  if (badAvp) return ans(5014, failed([badAvp], faults));
  const command = dict.command(m.commandCode, m.applicationId);
  if (!command) return ans(3001, [], true);
  if (command.appId !== undefined && command.appId !== 0 && !apps.includes(m.applicationId)) return ans(3007, [], true);
  if (m.commandCode !== 257 && !conn.open) return { close: true }; // §5.6.1: the first message must be a CER

  // unknown AVP with the M bit (§4.1)
  for (const a of m.avps) if (!a.name && (a.flags & 0x40)) return ans(5001, failed([a], faults));
  const problems = checkGrammar(m, dict);
  const missing = problems.find((p) => p.kind === 'missing');
  if (missing) return ans(5005, failed([exampleAvp(missing.avp, dict)], faults));
  const many = problems.find((p) => p.kind === 'too-many');
  if (many) return ans(5009, failed([avpAt(m, many.path)].filter((x): x is DiameterAvp => Boolean(x)), faults));
  const notAllowed = problems.find((p) => p.kind === 'not-allowed');
  if (notAllowed) return ans(5008, failed([avpAt(m, notAllowed.path)].filter((x): x is DiameterAvp => Boolean(x)), faults));
  const badEnum = firstBadEnum(m, dict);
  if (badEnum) return ans(5004, failed([badEnum], faults));

  switch (m.commandCode) {
    case 257: {
      const offered = [...findAll(m, 'Auth-Application-Id'), ...findAll(m, 'Acct-Application-Id'), ...findAll(m, 'Vendor-Specific-Application-Id/Auth-Application-Id')]
        .map((a) => Number(a.value));
      const common = offered.filter((x) => apps.includes(x) || x === 0xffffffff);
      if (!common.length) return ans(5010);
      conn.open = true;
      return ans(2001, [
        avp('Host-IP-Address', cfg.hostIp, { dict }), avp('Vendor-Id', 32473, { dict }), avp('Product-Name', 'mip6-conform reference', { dict }),
        ...cfg.apps.map((x) => avp('Auth-Application-Id', x, { dict })),
        avp('Vendor-Specific-Application-Id', [avp('Vendor-Id', 32473, { dict }), avp('Auth-Application-Id', s001App, { dict })], { dict }),
      ]);
    }
    case 280:
      return ans(2001);
    case 282:
      return ans(2001);
    case 265:
    case 268: {
      const info = faults.has('aaa-no-agent-info') ? [] : [agentInfo(cfg, dict)];
      const fv = findAvp(m, 'MIP6-Feature-Vector');
      const bits = typeof fv?.value === 'bigint' ? fv.value & 0x1n : 0n; // answer with the subset the server supports
      return ans(2001, [
        avp('Auth-Application-Id', m.applicationId, { dict }), avp('Auth-Request-Type', Number(findAvp(m, 'Auth-Request-Type')?.value ?? 3), { dict }),
        ...info, ...(fv ? [avp('MIP6-Feature-Vector', bits, { dict })] : []),
        ...(m.commandCode === 268 ? [avp('EAP-Payload', Uint8Array.of(3, 1, 0, 4), { dict })] : []),
      ]);
    }
    case 325: {
      const mode = Number(findAvp(m, 'MIP6-Auth-Mode')?.value ?? 1);
      if (mode !== 1) return ans(5041, [avp('Auth-Application-Id', 8, { dict }), avp('Auth-Request-Type', 3, { dict })]);
      return ans(2001, [
        avp('Auth-Application-Id', 8, { dict }), avp('Auth-Request-Type', Number(findAvp(m, 'Auth-Request-Type')?.value ?? 3), { dict }),
        avp('MIP-Mobile-Node-Address', cfg.mnAddress, { dict }), agentInfo(cfg, dict),
      ]);
    }
    default: {
      // S001 MBR/MHR: echo the DNS Update Mobility Option (S001 §4.7.5), return the home agent
      const mbr = settings.codepoints['s001.mbr.command'] ?? 16777214;
      const dns = findAll(m, 'DNS-Update-Mobility-Option');
      if (m.commandCode === mbr) {
        return ans(2001, [
          avp('Auth-Application-Id', s001App, { dict }), avp('Auth-Request-Type', Number(findAvp(m, 'Auth-Request-Type')?.value ?? 3), { dict }),
          ...dns, avp('Home-Agent-Address', prefixed(cfg.hnp.len, cfg.ha), { dict }),
        ]);
      }
      return ans(2001, [avp('Auth-Application-Id', s001App, { dict })]);
    }
  }
}

function answerFor(req: DiameterMessage, rc: number, extra: DiameterAvp[], e: boolean, cfg: AaaConfig, faults: ReadonlySet<string>, dict: Dictionary): DiameterMessage {
  const sid = findAvp(req, 'Session-Id');
  const protocolError = rc >= 3000 && rc < 4000;
  const flags = (req.flags & P) | ((e || protocolError) && !faults.has('aaa-no-e-bit') ? E : 0) | (faults.has('aaa-r-bit-in-answer') ? R : 0);
  const avps: DiameterAvp[] = [
    ...(sid ? [sid] : []),
    avp('Result-Code', rc, { dict }),
    avp('Origin-Host', cfg.originHost, { dict }),
    avp('Origin-Realm', cfg.originRealm, { dict }),
    ...(protocolError ? extra.filter((a) => a.name === 'Failed-AVP') : extra),
    ...findAll(req, 'Proxy-Info'),
    ...(faults.has('aaa-destination-in-answer') ? [avp('Destination-Realm', 'access.example', { dict })] : []),
  ];
  const a = diameterMessage(req.commandCode, avps, {
    request: false, flags, applicationId: req.applicationId, dict,
    hopByHop: faults.has('aaa-wrong-hop-by-hop') ? (req.hopByHop ^ 0x1) >>> 0 : req.hopByHop,
    endToEnd: req.endToEnd,
  });
  return a;
}

function failed(avps: DiameterAvp[], faults: ReadonlySet<string>): DiameterAvp[] {
  if (faults.has('aaa-no-failed-avp') || !avps.length) return [];
  return [avp('Failed-AVP', avps.map(stripForFailed))];
}

/** A copy fit to re-encode inside Failed-AVP: computed length, raw bytes kept for undecodable values. */
function stripForFailed(a: DiameterAvp): DiameterAvp {
  const { raw: _r, data: _d, lengthOverride: _l, ...rest } = a;
  if (a.data && a.type === undefined) return { ...rest, value: a.data };
  return rest;
}

/** RFC 6733 §7.5: "an example of the missing AVP complete with the Vendor-Id if applicable" with a zero-filled payload */
function exampleAvp(name: string, dict: Dictionary): DiameterAvp {
  const def = dict.avpByName(name);
  if (!def) return { code: 0, flags: 0, length: 0, value: new Uint8Array(0) };
  const size: Record<string, number> = { Integer32: 4, Unsigned32: 4, Enumerated: 4, Float32: 4, Time: 4, Integer64: 8, Unsigned64: 8, Float64: 8, Address: 6 };
  const node: DiameterAvp = { code: def.code, flags: def.vendorId ? 0xc0 : 0x40, length: 0, value: new Uint8Array(size[def.type] ?? 0) };
  if (def.vendorId) node.vendorId = def.vendorId;
  return node;
}

function avpAt(m: DiameterMessage, path: (string | number)[]): DiameterAvp | undefined {
  let list: DiameterAvp[] | undefined = m.avps;
  let cur: DiameterAvp | undefined;
  for (let i = 0; i < path.length; i += 2) {
    cur = list?.[path[i + 1] as number];
    list = cur?.avps;
  }
  return cur;
}

function firstAvpLengthIssue(issues: DecodeIssue[], m: DiameterMessage): DiameterAvp | undefined {
  const i = issues.find((x) => x.code === 'diameter.avp.bad-length' || x.code === 'diameter.avp.length-overrun');
  if (!i) return undefined;
  let hit: DiameterAvp | undefined;
  walkAvps(m, (a) => {
    if (!hit && a.raw && a.raw.offset === i.offset) hit = a;
  });
  return hit ?? m.avps.find((a) => a.raw && i.offset >= a.raw.offset && i.offset < a.raw.offset + a.raw.length);
}

function firstBadEnum(m: DiameterMessage, dict: Dictionary): DiameterAvp | undefined {
  for (const a of m.avps) {
    const def = dict.avp(a.code, a.vendorId ?? 0);
    if (def?.type === 'Enumerated' && def.enums && typeof a.value === 'number' && def.enums[a.value] === undefined) return a;
  }
  return undefined;
}

function agentInfo(cfg: AaaConfig, dict: Dictionary): DiameterAvp {
  return avp('MIP6-Agent-Info', [avp('MIP-Home-Agent-Address', cfg.ha, { dict }), avp('MIP6-Home-Link-Prefix', prefixed(cfg.hnp.len, cfg.hnp.prefix), { dict })], { dict });
}

/** prefix length (1) + IPv6 (16), the RFC 5447 §4.2.4 layout */
function prefixed(len: number, addr: string): Uint8Array {
  const out = new Uint8Array(17);
  out[0] = len;
  out.set(parseIp(addr), 1);
  return out;
}
