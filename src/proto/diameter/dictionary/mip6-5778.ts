// RFC 5778 split scenario (HA ↔ AAAH): MIP6I (App-Id 7) reuses DER/DEA 268 (§5.1); MIP6A (App-Id 8) defines MIR/MIA 325 (§5.2.1, §5.2.2).
// AVPs of DIGEST §7; RFC 4004 MIP AVPs reused inside MIP-MN-HA-MSA; QoS AVPs of RFC 5777 kept opaque-grouped.
import { ccf } from './ccf.js';
import { DEA_BODY, DER_BODY } from './eap-4072.js';
import { F, type Application, type AvpDef, type CommandDef } from './types.js';

const S = 'RFC5778';

const avps: AvpDef[] = [
  { code: 89, name: 'Chargeable-User-Identity', type: 'OctetString', flags: F.M, source: `${S} §6.16 (RFC4372)` },
  { code: 341, name: 'MIP-MN-AAA-SPI', type: 'Unsigned32', flags: F.M, source: `${S} §6.9 (RFC4004 §9.3)` },
  { code: 343, name: 'MIP-Session-Key', type: 'OctetString', flags: F.M, source: `${S} §6.11 (RFC4004 §9.5)` },
  { code: 345, name: 'MIP-Algorithm-Type', type: 'Enumerated', flags: F.M, enums: { 2: 'HMAC-SHA-1' }, source: `${S} §6.13 (RFC4004 §9.7)` },
  {
    code: 346, name: 'MIP-Replay-Mode', type: 'Enumerated', flags: F.M, enums: { 1: 'None', 2: 'Timestamp', 3: 'Nonces' },
    source: `${S} §6.14 (RFC4004 §9.8)`,
  },
  { code: 367, name: 'MIP-MSA-Lifetime', type: 'Unsigned32', flags: F.M, source: `${S} §6.12 (RFC4004 §9.6)` },
  { code: 487, name: 'MIP-Careof-Address', type: 'Address', flags: F.M, source: `${S} §6.3` },
  { code: 488, name: 'MIP-Authenticator', type: 'OctetString', flags: F.M, source: `${S} §6.4` },
  { code: 489, name: 'MIP-MAC-Mobility-Data', type: 'OctetString', flags: F.M, source: `${S} §6.5` },
  { code: 490, name: 'MIP-Timestamp', type: 'OctetString', flags: F.M, dataLength: 8, source: `${S} §6.6` },
  { code: 491, name: 'MIP-MN-HA-SPI', type: 'Unsigned32', flags: F.M, source: `${S} §6.7` },
  {
    code: 492, name: 'MIP-MN-HA-MSA', type: 'Grouped', flags: F.M, source: `${S} §6.8`,
    grammar: ccf('{ MIP-Session-Key } { MIP-MSA-Lifetime } [ MIP-MN-HA-SPI ] [ MIP-Algorithm-Type ] [ MIP-Replay-Mode ] * [ AVP ]'),
  },
  { code: 493, name: 'Service-Selection', type: 'UTF8String', flags: F.M, source: `${S} §6.2` },
  { code: 494, name: 'MIP6-Auth-Mode', type: 'Enumerated', flags: F.M, enums: { 0: 'Reserved', 1: 'MIP6_AUTH_MN_AAA' }, source: `${S} §6.20` },
  { code: 508, name: 'QoS-Resources', type: 'Grouped', flags: F.M, grammar: ccf('* [ AVP ]'), source: 'RFC5777 §4.1' },
  { code: 578, name: 'QoS-Capability', type: 'Grouped', flags: F.M, grammar: ccf('* [ AVP ]'), source: 'RFC5777 §5.1' },
];

// §5.1.1/§5.1.2 as DIGEST §7 gives them: the RFC 4072 bodies plus the bootstrapping AVPs.
const mip6Req = '[ MIP6-Feature-Vector ] [ MIP6-Agent-Info ] *2[ MIP-Mobile-Node-Address ] [ Chargeable-User-Identity ] [ Service-Selection ] [ QoS-Capability ] * [ QoS-Resources ]';
const mip6Ans = '[ MIP6-Feature-Vector ] [ MIP6-Agent-Info ] *2[ MIP-Mobile-Node-Address ] [ Chargeable-User-Identity ] [ Service-Selection ] * [ QoS-Resources ]';

const commands: CommandDef[] = [
  {
    code: 268, appId: 7, source: `${S} §5.1`,
    request: { abbrev: 'DER', name: 'Diameter-EAP-Request', proxiable: true, grammar: ccf(`${DER_BODY} ${mip6Req} * [ Proxy-Info ] * [ Route-Record ] * [ AVP ]`) },
    answer: { abbrev: 'DEA', name: 'Diameter-EAP-Answer', proxiable: true, grammar: ccf(`${DEA_BODY} ${mip6Ans} * [ Proxy-Info ] * [ AVP ]`) },
  },
  {
    // The ABNF makes MIP6-Auth-Mode, MIP6-Agent-Info and MIP-Careof-Address required; freeDiameter enforces them as optional (DIGEST §7).
    code: 325, appId: 8, source: `${S} §5.2.1–5.2.2`,
    request: {
      abbrev: 'MIR', name: 'MIP6-Request', proxiable: true,
      grammar: ccf(`< Session-Id > { Auth-Application-Id } { User-Name } { Destination-Realm } { Origin-Host } { Origin-Realm }
        { Auth-Request-Type } [ Destination-Host ] [ Origin-State-Id ] [ NAS-Identifier ] [ NAS-IP-Address ] [ NAS-IPv6-Address ]
        [ NAS-Port-Type ] [ Called-Station-Id ] [ Calling-Station-Id ] [ MIP6-Feature-Vector ] { MIP6-Auth-Mode } [ MIP-MN-AAA-SPI ]
        [ MIP-MN-HA-SPI ] 1*2{ MIP-Mobile-Node-Address } { MIP6-Agent-Info } { MIP-Careof-Address } [ MIP-Authenticator ]
        [ MIP-MAC-Mobility-Data ] [ MIP-Timestamp ] [ QoS-Capability ] * [ QoS-Resources ] [ Chargeable-User-Identity ]
        [ Service-Selection ] [ Authorization-Lifetime ] [ Auth-Session-State ] * [ Proxy-Info ] * [ Route-Record ] * [ AVP ]`),
    },
    answer: {
      abbrev: 'MIA', name: 'MIP6-Answer', proxiable: true,
      grammar: ccf(`< Session-Id > { Auth-Application-Id } { Result-Code } { Origin-Host } { Origin-Realm } { Auth-Request-Type }
        [ User-Name ] [ Authorization-Lifetime ] [ Auth-Session-State ] [ Error-Message ] [ Error-Reporting-Host ]
        [ Re-Auth-Request-Type ] [ MIP6-Feature-Vector ] [ MIP6-Agent-Info ] *2[ MIP-Mobile-Node-Address ] [ MIP-MN-HA-MSA ]
        * [ QoS-Resources ] [ Chargeable-User-Identity ] [ Service-Selection ] [ Origin-State-Id ] * [ Proxy-Info ]
        * [ Redirect-Host ] [ Redirect-Host-Usage ] [ Redirect-Max-Cache-Time ] * [ Failed-AVP ] * [ AVP ]`),
    },
  },
];

export const mip6_5778: Application = { name: 'mip6-5778', appIds: [7, 8], avps, commands, source: S };
