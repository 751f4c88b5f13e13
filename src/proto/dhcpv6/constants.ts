// DHCPv6 constants and option-code sets used by checks (DIGEST §1.3, §1.6, §1.9, §2.1, §3).
import type { Settings } from '../../assert/profiles.js';
import { OPT } from './names.js';

/** HOP_COUNT_LIMIT: RFC 8415 §7.6 = 8, RFC 3315 §5.5 = 32. */
export const HOP_COUNT_LIMIT: Readonly<Record<Settings['dhcpv6.base'], number>> = { rfc8415: 8, rfc3315: 32 };

/** INF_MAX_RT default: RFC 8415 §7.6 = 3600 s, RFC 3315 §5.5 = 120 s. */
export const INF_MAX_RT_DEFAULT: Readonly<Record<Settings['dhcpv6.base'], number>> = { rfc8415: 3600, rfc3315: 120 };

/** IRT_MINIMUM (RFC 8415 §21.23): an Information Refresh Time below this is not allowed. */
export const IRT_MINIMUM = 600;
/** INF_MAX_RT / SOL_MAX_RT valid range (RFC 8415 §21.24, §21.25). */
export const MAX_RT_RANGE = { min: 60, max: 86400 } as const;

/** Codes the ORO MUST NOT contain (RFC 8415 §21.7). */
export const ORO_EXCLUDED: ReadonlySet<number> = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 18, 19, 20, 25, 26]);

/** Codes an Information-request's ORO must list under RFC 8415 §18.2.6 (not RFC 3315). */
export const IR_ORO_REQUIRED: ReadonlySet<number> = new Set([OPT.INFORMATION_REFRESH_TIME, OPT.INF_MAX_RT]);

/**
 * Singleton options: at most one instance per scope (RFC 8415 §24 table "Singleton Option" column, DIGEST DHCP-14;
 * MIP6 options per the IANA registry, DIGEST §2.1). 23/24/65/66/135 follow the IANA registry as recalled (UNVERIFIED).
 */
export const SINGLETON: ReadonlySet<number> = new Set([
  OPT.CLIENTID, OPT.SERVERID, OPT.ORO, OPT.PREFERENCE, OPT.ELAPSED_TIME, OPT.RELAY_MSG, OPT.AUTH, OPT.UNICAST,
  OPT.STATUS_CODE, OPT.RAPID_COMMIT, OPT.USER_CLASS, OPT.INTERFACE_ID, OPT.RECONF_MSG, OPT.RECONF_ACCEPT,
  OPT.DNS_SERVERS, OPT.DOMAIN_LIST, OPT.INFORMATION_REFRESH_TIME, OPT.SOL_MAX_RT, OPT.INF_MAX_RT,
  OPT.ERP_LOCAL_DOMAIN_NAME, OPT.RSOO, OPT.RELAY_SOURCE_PORT,
  OPT.MIP6_HNIDF, OPT.MIP6_VDINF, OPT.MIP6_IDINF, OPT.MIP6_UDINF, OPT.MIP6_HNP, OPT.MIP6_HAA, OPT.MIP6_HAF,
]);

/** IANA "Options Permitted in the Relay-Supplied Options Option" (RFC 6422 §6; DIGEST §3): only 65. */
export const RSOO_ENABLED: ReadonlySet<number> = new Set([OPT.ERP_LOCAL_DOMAIN_NAME]);

/** RSOO-enabled codes under the given settings: the IANA list plus the operator's 'dhcpv6.rsooEnabled'. */
export function rsooEnabled(settings: Pick<Settings, 'dhcpv6.rsooEnabled'>): ReadonlySet<number> {
  const extra = settings['dhcpv6.rsooEnabled'];
  return extra.length ? new Set([...RSOO_ENABLED, ...extra]) : RSOO_ENABLED;
}

/** RFC 6610 MIPv6 home-information option codes (DIGEST §2.1). */
export const MIP6_CODES: ReadonlySet<number> = new Set([
  OPT.MIP6_HNIDF, OPT.MIP6_VDINF, OPT.MIP6_IDINF, OPT.MIP6_UDINF, OPT.MIP6_HNP, OPT.MIP6_HAA, OPT.MIP6_HAF,
]);
/** RFC 6610 containers: VDINF, IDINF, UDINF. */
export const MIP6_CONTAINERS: ReadonlySet<number> = new Set([OPT.MIP6_VDINF, OPT.MIP6_IDINF, OPT.MIP6_UDINF]);
/** Options carried inside the RFC 6610 containers: HNP, HAA, HAF (and HNIDF in IDINF). */
export const MIP6_HOME_INFO: ReadonlySet<number> = new Set([OPT.MIP6_HNP, OPT.MIP6_HAA, OPT.MIP6_HAF]);
/** ORO codes that ask for home information (DIGEST §4.3: 49/50/69/70). */
export const MIP6_ORO_CODES: ReadonlySet<number> = new Set([OPT.MIP6_HNIDF, OPT.MIP6_VDINF, OPT.MIP6_IDINF, OPT.MIP6_UDINF]);

/** IA options a server must not see in an Information-request (RFC 8415 §16.12). */
export const IA_CODES: ReadonlySet<number> = new Set([OPT.IA_NA, OPT.IA_TA, OPT.IA_PD]);

/** Message types sent by servers to clients in answer to a request (same transaction id). */
export const ANSWER_TYPES: ReadonlySet<number> = new Set([2, 7, 15, 16, 17, 19]);

/** UDP ports (RFC 8415 §7.2). */
export const CLIENT_PORT = 546;
export const SERVER_PORT = 547;
/** All_DHCP_Relay_Agents_and_Servers / All_DHCP_Servers (RFC 8415 §7.1). */
export const ALL_RELAYS_AND_SERVERS = 'ff02::1:2';
export const ALL_SERVERS = 'ff05::1:3';
