// Seed S001, draft-tschofenig-dime-mip6-integrated-00: MBR/MBA (§4.3–4.4), MHR/MHA (§4.5–4.6) and the AVPs of §4.7.
// The draft assigns no code points ("TBD"), so every code comes from Settings.codepoints with the DIGEST §8 defaults:
// experimental command codes 16777214/16777215 (RFC 6733 §3), App-Id 0xFFFFFFFE, vendor AVPs of PEN 32473 (RFC 5612).
// AVP encodings are tester choices (the draft has none): see DIGEST §8.
import { CODEPOINT_DEFAULTS } from '../../codepoints.js';
import { ccf } from './ccf.js';
import type { Application, AvpDef, FlagRules } from './types.js';

const S001_KEYS = [
  's001.mbr.command',
  's001.mhr.command',
  's001.appId',
  's001.vendorId',
  's001.avp.homeAgentAddress',
  's001.avp.homeAgentFqdn',
  's001.avp.homeLinkPrefix',
  's001.avp.homeAddress',
  's001.avp.dnsUpdate',
  's001.avp.bootstrappingFeature',
  's001.avp.saParameters',
  's001.avp.mBit',
] as const;

export type S001Key = (typeof S001_KEYS)[number];

/** S001 code-point defaults: one table for the whole tool, in src/proto/codepoints.ts. */
export const S001_DEFAULTS = Object.fromEntries(S001_KEYS.map((k) => [k, CODEPOINT_DEFAULTS[k]!])) as Record<S001Key, number>;


const S = 'S001';

/** The S001 application with code points taken from `codepoints` (keys of S001_DEFAULTS), defaults elsewhere. */
export function s001Dictionary(codepoints: Readonly<Record<string, number>> = {}): Application {
  const cp = (k: S001Key): number => codepoints[k] ?? S001_DEFAULTS[k];
  const vendorId = cp('s001.vendorId');
  const flags: FlagRules = cp('s001.avp.mBit') ? { must: ['V', 'M'], mustNot: [] } : { must: ['V'], mustNot: [] };
  const v = (key: S001Key, name: string, type: AvpDef['type'], sec: string, extra: Partial<AvpDef> = {}): AvpDef => ({
    code: cp(key), vendorId, name, type, flags, source: `${S} §${sec}`, ...extra,
  });
  const avps: AvpDef[] = [
    // prefix length (1) + IPv6 address (16): "The AVP also contains the prefix length"
    v('s001.avp.homeAgentAddress', 'Home-Agent-Address', 'OctetString', '4.7.1', { dataLength: 17 }),
    v('s001.avp.homeAgentFqdn', 'Home-Agent-FQDN', 'UTF8String', '4.7.2'),
    // RFC 5447 §4.2.4 form
    v('s001.avp.homeLinkPrefix', 'Home-Link-Prefix', 'OctetString', '4.7.3', { dataLength: 17 }),
    v('s001.avp.homeAddress', 'Home-Address', 'OctetString', '4.7.4', { dataLength: 17 }),
    // RFC 5026 DNS Update mobility option body
    v('s001.avp.dnsUpdate', 'DNS-Update-Mobility-Option', 'OctetString', '4.7.5'),
    v('s001.avp.bootstrappingFeature', 'MIPv6-Bootstrapping-Feature', 'Unsigned64', '4.7.6', {
      bits: [{ mask: 0x2n, name: 'Local-Home-Agent-Assignment', source: `${S} §4.7.6 (aligned with RFC5447 §4.2.5)` }],
    }),
    v('s001.avp.saParameters', 'MIPv6-Security-Association-Parameters', 'OctetString', '4.7.7'),
  ];
  const appId = cp('s001.appId');
  return {
    name: 's001',
    appIds: [appId],
    avps,
    commands: [
      {
        code: cp('s001.mbr.command'), appId, source: `${S} §4.3–4.4`,
        request: {
          abbrev: 'MBR', name: 'MIPv6-Bootstrapping-Request', proxiable: true,
          grammar: ccf(`< Session-Id > { Auth-Application-Id } { Origin-Host } { Origin-Realm } { Destination-Realm } { Auth-Request-Type }
            [ Destination-Host ] [ User-Name ] [ DNS-Update-Mobility-Option ] [ MIPv6-Bootstrapping-Feature ] * [ AVP ]`),
        },
        answer: {
          abbrev: 'MBA', name: 'MIPv6-Bootstrapping-Answer', proxiable: true,
          grammar: ccf(`< Session-Id > { Auth-Application-Id } { Auth-Request-Type } { Result-Code } { Origin-Host } { Origin-Realm }
            [ DNS-Update-Mobility-Option ] [ Home-Address ] [ Home-Link-Prefix ] [ Home-Agent-FQDN ] [ Home-Agent-Address ] * [ AVP ]`),
        },
      },
      {
        // §4.5 prose says MHR "MUST carry" the SA parameters; the ABNF has "[ MIPv6 Security Association ]" (optional, other name).
        code: cp('s001.mhr.command'), appId, source: `${S} §4.5–4.6`,
        request: {
          abbrev: 'MHR', name: 'MIPv6-Home-Agent-Request', proxiable: true,
          grammar: ccf(`< Session-Id > { Auth-Application-Id } { Origin-Host } { Origin-Realm } { Destination-Realm } { Auth-Request-Type }
            [ Destination-Host ] [ Home-Address ] [ Home-Link-Prefix ] [ MIPv6-Security-Association-Parameters ] * [ AVP ]`),
        },
        answer: {
          abbrev: 'MHA', name: 'MIPv6-Home-Agent-Answer', proxiable: true,
          grammar: ccf(`< Session-Id > { Auth-Application-Id } { Origin-Host } { Origin-Realm } { Result-Code } [ Home-Address ]
            [ Home-Link-Prefix ] * [ AVP ]`),
        },
      },
    ],
    source: S,
  };
}
