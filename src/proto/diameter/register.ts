// The Diameter protocol module: TCP/SCTP port 3868 (RFC 6733 §2.1), SCTP PPID 46 (RFC 4960 registry; 47 = DTLS).
import type { Settings } from '../../assert/profiles.js';
import type { Message } from '../../flow/message.js';
import type { DecodeSummary, ProtocolModule } from '../module.js';
import type { DiameterAvp } from './avp.js';
import { defaultDictionary, type Dictionary } from './dictionary/index.js';
import { DiameterFramer } from './framing.js';
import { commandFlags } from './header.js';
import { DiameterMatcher } from './match.js';
import { decodeDiameter, type DiameterMessage } from './message.js';
import { ipv6Text, type AvpValue } from './types.js';

export { looksLikeTls, TLS_PORT } from './framing.js';

/** The dictionary for a run: IETF applications + S001 with the run's code points. */
export function dictionaryFor(settings: Pick<Settings, 'codepoints'>): Dictionary {
  return defaultDictionary(settings.codepoints);
}

export const diameterModule: ProtocolModule<DiameterMessage> = {
  name: 'diameter',
  tcpPorts: [3868],
  sctpPpids: [46],
  decode: (bytes, settings) => decodeDiameter(bytes, dictionaryFor(settings)),
  framer: (settings) => new DiameterFramer({ dict: dictionaryFor(settings), maxLength: settings['diameter.maxMessage'] }),
  matcher: (settings) => new DiameterMatcher(settings['flow.window']),
  describe: (msg) => describeDiameter(msg),
};

export interface AvpSummary {
  code: number;
  vendorId?: number;
  flags: { V: boolean; M: boolean; P: boolean };
  name?: string;
  value?: unknown;
  enum?: string;
  bits?: string[];
  avps?: AvpSummary[];
}

/** tshark-like summary: header fields and the AVP tree, JSON-safe (bigint as decimal string, bytes as hex, Address as text). */
export function describeDiameter(msg: Message<DiameterMessage>, dict: Dictionary = defaultDictionary()): DecodeSummary {
  const v = msg.value;
  const f = commandFlags(v.flags);
  const name = v.name ?? dict.abbrev(v) ?? null;
  return {
    msgType: name ?? `command-${v.commandCode}${v.flags & 0x80 ? '-request' : '-answer'}`,
    commandCode: v.commandCode,
    commandName: name,
    flags: { R: f.R, P: f.P, E: f.E, T: f.T },
    applicationId: v.applicationId,
    hopByHop: v.hopByHop,
    endToEnd: v.endToEnd,
    avps: v.avps.map((a) => describeAvp(a, dict)),
  };
}

export function describeAvp(a: DiameterAvp, dict: Dictionary = defaultDictionary()): AvpSummary {
  const s: AvpSummary = { code: a.code, flags: { V: (a.flags & 0x80) !== 0, M: (a.flags & 0x40) !== 0, P: (a.flags & 0x20) !== 0 } };
  if (a.vendorId !== undefined) s.vendorId = a.vendorId;
  if (a.name) s.name = a.name;
  if (a.avps && Array.isArray(a.value)) s.avps = a.avps.map((x) => describeAvp(x, dict));
  else s.value = jsonValue(a.value);
  if (a.enumName) s.enum = a.enumName;
  const def = a.name ? dict.avpByName(a.name) : undefined;
  if (def?.bits && typeof a.value === 'bigint') {
    const val = a.value;
    s.bits = def.bits.filter((b) => (val & b.mask) !== 0n).map((b) => b.name);
  }
  if (def?.name === 'MIP6-Home-Link-Prefix' && a.value instanceof Uint8Array && a.value.length === 17) {
    s.value = `${ipv6Text(a.value, 1)}/${a.value[0]}`;
  }
  return s;
}

function jsonValue(v: AvpValue): unknown {
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('hex');
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    if ('ip' in v) return v.ip;
    if ('bytes' in v) return `family ${v.family}: ${Buffer.from(v.bytes).toString('hex')}`;
    if ('ntp' in v) return new Date(v.unix * 1000).toISOString();
    if ('uri' in v) return v.uri;
  }
  return v;
}
