// RFC 5447 (NAS ↔ AAAH MIPv6 bootstrapping, integrated scenario): AVPs of §4.2 and the additions of §5 to
// NASREQ AAR/AAA and EAP DER/DEA. MIP-Home-Agent-Address/-Host and MIP-Mobile-Node-Address are RFC 4004 AVPs it reuses.
import { ccf } from './ccf.js';
import { F, type Application, type AvpDef, type BitDef, type GrammarExtension } from './types.js';

const S = 'RFC5447';

/** MIP6-Feature-Vector bits (DIGEST §6.2). Bits above 0x2 come from later documents; origins marked (R) are unverified. */
export const MIP6_FEATURE_BITS: readonly BitDef[] = [
  { mask: 0x0000000000000001n, name: 'MIP6_INTEGRATED', source: 'RFC5447 §4.2.5' },
  { mask: 0x0000000000000002n, name: 'LOCAL_HOME_AGENT_ASSIGNMENT', source: 'RFC5447 §4.2.5' },
  { mask: 0x0000010000000000n, name: 'PMIP6_SUPPORTED', source: 'RFC5779 (R)' },
  { mask: 0x0000020000000000n, name: 'IP4_HOA_SUPPORTED', source: 'RFC5779 (R)' },
  { mask: 0x0000040000000000n, name: 'LOCAL_MAG_ROUTING_SUPPORTED', source: 'RFC5779 (R)' },
  { mask: 0x0000080000000000n, name: 'ASSIGN_LOCAL_IP', source: '3GPP TS 29.273 (R)' },
  { mask: 0x0000100000000000n, name: 'MIP4_SUPPORTED', source: '3GPP TS 29.273 (R)' },
  { mask: 0x0000200000000000n, name: 'OPTIMIZED_IDLE_MODE_MOBILITY', source: '3GPP TS 29.273 (R)' },
  { mask: 0x0000400000000000n, name: 'GTPv2_SUPPORTED', source: '3GPP TS 29.273 (R)' },
  { mask: 0x0000800000000000n, name: 'IP4_TRANSPORT_SUPPORTED', source: 'unverified origin (R)' },
  { mask: 0x0001000000000000n, name: 'IP4_HOA_ONLY_SUPPORTED', source: 'unverified origin (R)' },
  { mask: 0x0002000000000000n, name: 'INTER_MAG_ROUTING_SUPPORTED', source: 'unverified origin (R)' },
];

const avps: AvpDef[] = [
  { code: 124, name: 'MIP6-Feature-Vector', type: 'Unsigned64', flags: F.M, bits: MIP6_FEATURE_BITS, source: `${S} §4.2.5` },
  // prefix length (1 octet) + prefix (16 octets); bits beyond the prefix length MUST be zero
  { code: 125, name: 'MIP6-Home-Link-Prefix', type: 'OctetString', flags: F.M, dataLength: 17, source: `${S} §4.2.4` },
  { code: 333, name: 'MIP-Mobile-Node-Address', type: 'Address', flags: F.M, source: 'RFC4004 §7.3' },
  { code: 334, name: 'MIP-Home-Agent-Address', type: 'Address', flags: F.M, source: `${S} §4.2.2 (RFC4004 §7.4)` },
  {
    code: 348, name: 'MIP-Home-Agent-Host', type: 'Grouped', flags: F.M, source: `${S} §4.2.3 (RFC4004 §7.11)`,
    grammar: ccf('{ Destination-Realm } { Destination-Host } * [ AVP ]'),
  },
  {
    code: 486, name: 'MIP6-Agent-Info', type: 'Grouped', flags: F.M, source: `${S} §4.2.1`,
    grammar: ccf('*2[ MIP-Home-Agent-Address ] [ MIP-Home-Agent-Host ] [ MIP6-Home-Link-Prefix ] * [ AVP ]'),
  },
];

// §5: AAR/DER may carry a locally assigned HA hint and the NAS's features; answers may carry several MIP6-Agent-Info
// (answer multiplicity UNVERIFIED, DIGEST §6.3 / §13 item 4: taken as *).
const request = ccf('[ MIP6-Agent-Info ] [ MIP6-Feature-Vector ]').rules;
const answer = ccf('* [ MIP6-Agent-Info ] [ MIP6-Feature-Vector ]').rules;
const extensions: GrammarExtension[] = [
  { code: 265, appId: 1, request, answer, source: `${S} §5.1–5.2` },
  { code: 268, appId: 5, request, answer, source: `${S} §5.3–5.4` },
];

export const mip6_5447: Application = { name: 'mip6-5447', appIds: [], avps, commands: [], extensions, source: S };
