// Code points the seed drafts never got assigned (S001 Diameter, S002 PANA, S003 MIPv4). Every one is a
// placeholder chosen so it cannot collide with an IANA assignment; `--set codepoints.<key>=N` overrides it.
// DIGEST §8 (S001), §11.2 (S002), §12.2 (S003).
import type { Settings } from '../assert/profiles.js';

export interface CodepointInfo {
  value: number;
  description: string;
  source: string;
}

/** PEN 32473 is reserved for documentation (RFC 5612). */
const DOC_PEN = 32473;

export const CODEPOINT_INFO: Readonly<Record<string, CodepointInfo>> = {
  // S001 (draft-tschofenig-dime-mip6-integrated-00): commands, application, vendor AVPs
  's001.mbr.command': { value: 16777214, description: 'MBR/MBA command code (experimental range)', source: 'DIGEST §8; RFC 6733 §11.2.1' },
  's001.mhr.command': { value: 16777215, description: 'MHR/MHA command code (experimental range)', source: 'DIGEST §8; RFC 6733 §11.2.1' },
  's001.appId': { value: 4294967294, description: 'Application-Id of MBR/MHR (top of vendor-specific range)', source: 'DIGEST §8' },
  's001.vendorId': { value: DOC_PEN, description: 'Vendor-Id of the S001 AVPs (documentation PEN)', source: 'DIGEST §8; RFC 5612' },
  's001.avp.homeAgentAddress': { value: 1, description: 'Home-Agent-Address AVP (prefix-len + IPv6)', source: 'DIGEST §8' },
  's001.avp.homeAgentFqdn': { value: 2, description: 'Home-Agent-FQDN AVP (UTF8String)', source: 'DIGEST §8' },
  's001.avp.homeLinkPrefix': { value: 3, description: 'Home-Link-Prefix AVP (RFC 5447 17-octet form)', source: 'DIGEST §8' },
  's001.avp.homeAddress': { value: 4, description: 'Home-Address AVP (prefix-len + IPv6)', source: 'DIGEST §8' },
  's001.avp.dnsUpdate': { value: 5, description: 'DNS-Update-Mobility-Option AVP (RFC 5026 option body)', source: 'DIGEST §8' },
  's001.avp.bootstrappingFeature': { value: 6, description: 'MIPv6-Bootstrapping-Feature AVP (Unsigned64)', source: 'DIGEST §8' },
  's001.avp.mBit': { value: 0, description: '1: S001 AVPs are sent with M set (provokes 5001 at unaware peers); 0: M clear', source: 'DIGEST §8' },
  's001.avp.saParameters': { value: 7, description: 'MIPv6-Security-Association-Parameters AVP (OctetString)', source: 'DIGEST §8' },
  // S002 (PANA bootstrapping paper): vendor AVPs, V=1
  'pana.avp.mobilityCapability': { value: 1, description: 'Mobility-Capability AVP code (S-flag PAR/PAN)', source: 'DIGEST §11.2' },
  'pana.avp.mobilityCapability.vendor': { value: DOC_PEN, description: 'Vendor-Id of Mobility-Capability', source: 'DIGEST §11.2; RFC 5612' },
  'pana.avp.haAddress': { value: 2, description: 'Home-Agent address AVP code (C-flag PAR)', source: 'DIGEST §11.2' },
  'pana.avp.haAddress.vendor': { value: DOC_PEN, description: 'Vendor-Id of the HA address AVP', source: 'DIGEST §11.2; RFC 5612' },
  'pana.avp.hoa': { value: 3, description: 'Home-Address AVP code (C-flag PAR, S002 testbed)', source: 'DIGEST §11.2' },
  'pana.avp.hoa.vendor': { value: DOC_PEN, description: 'Vendor-Id of the HoA AVP', source: 'DIGEST §11.2; RFC 5612' },
  // S003 (draft-qin-mip6-dsbootstrapping-00): carried as NVSE (type 134, RFC 3115) sub-types of the documentation PEN.
  // Chosen over a bare short-form type in 128–255 because that range is partly IANA-assigned; an NVSE cannot collide.
  's003.nvse.vendorId': { value: DOC_PEN, description: 'Vendor/Org-ID of the S003 NVSEs', source: 'DIGEST §12.2; RFC 3115 §3.2' },
  's003.nvse.haAssignment': { value: 1, description: 'NVSE type: assigned IPv6 home agent address (16 octets)', source: 'S003 §4.1.1' },
  's003.nvse.ipv6Hoa': { value: 2, description: 'NVSE type: IPv6 home address (16 octets)', source: 'S003 §4.1.1' },
  's003.nvse.thoav4': { value: 3, description: 'NVSE type: temporary IPv4 home address (4 octets)', source: 'S003 §4.1.1' },
  's003.nvse.ipv6Coa': { value: 4, description: 'NVSE type: IPv6 care-of address (16 octets)', source: 'S003 §4.1.1' },
};

export const CODEPOINT_DEFAULTS: Readonly<Record<string, number>> = Object.fromEntries(
  Object.entries(CODEPOINT_INFO).map(([k, v]) => [k, v.value]),
);

/** The configured value of a seed code point, else its default. An unknown key is a programmer error. */
export function codepoint(settings: Pick<Settings, 'codepoints'> | undefined, key: string): number {
  const set = settings?.codepoints?.[key];
  if (set !== undefined) return set;
  const d = CODEPOINT_DEFAULTS[key];
  if (d === undefined) throw new Error(`unknown code point key '${key}'`);
  return d;
}
