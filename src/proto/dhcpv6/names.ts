// Names for DHCPv6 message types and option codes (RFC 8415 §7.3, §21; IANA "DHCPv6 Parameters"; DIGEST §1.2, §1.3, §2.1).
// Unknown codes get a fallback name; the code itself is always kept on the decoded node.

/** Message type codes (RFC 8415 §7.3; 14–17 RFC 5007/5460, 18–19 RFC 6977). */
export const MSG = {
  SOLICIT: 1,
  ADVERTISE: 2,
  REQUEST: 3,
  CONFIRM: 4,
  RENEW: 5,
  REBIND: 6,
  REPLY: 7,
  RELEASE: 8,
  DECLINE: 9,
  RECONFIGURE: 10,
  INFORMATION_REQUEST: 11,
  RELAY_FORW: 12,
  RELAY_REPL: 13,
  LEASEQUERY: 14,
  LEASEQUERY_REPLY: 15,
  LEASEQUERY_DONE: 16,
  LEASEQUERY_DATA: 17,
  RECONFIGURE_REQUEST: 18,
  RECONFIGURE_REPLY: 19,
} as const;

const MSG_NAMES: readonly string[] = [
  'MSGTYPE_0', 'SOLICIT', 'ADVERTISE', 'REQUEST', 'CONFIRM', 'RENEW', 'REBIND', 'REPLY', 'RELEASE', 'DECLINE',
  'RECONFIGURE', 'INFORMATION-REQUEST', 'RELAY-FORW', 'RELAY-REPL', 'LEASEQUERY', 'LEASEQUERY-REPLY',
  'LEASEQUERY-DONE', 'LEASEQUERY-DATA', 'RECONFIGURE-REQUEST', 'RECONFIGURE-REPLY',
];

export function msgTypeName(code: number): string {
  return MSG_NAMES[code] ?? `MSGTYPE_${code}`;
}

/** Option codes the tester knows (RFC 8415 §21, RFC 3646, RFC 4242, RFC 6440, RFC 6422, RFC 6610, RFC 8357). */
export const OPT = {
  CLIENTID: 1,
  SERVERID: 2,
  IA_NA: 3,
  IA_TA: 4,
  IAADDR: 5,
  ORO: 6,
  PREFERENCE: 7,
  ELAPSED_TIME: 8,
  RELAY_MSG: 9,
  AUTH: 11,
  UNICAST: 12,
  STATUS_CODE: 13,
  RAPID_COMMIT: 14,
  USER_CLASS: 15,
  VENDOR_CLASS: 16,
  VENDOR_OPTS: 17,
  INTERFACE_ID: 18,
  RECONF_MSG: 19,
  RECONF_ACCEPT: 20,
  DNS_SERVERS: 23,
  DOMAIN_LIST: 24,
  IA_PD: 25,
  IAPREFIX: 26,
  INFORMATION_REFRESH_TIME: 32,
  MIP6_HNIDF: 49,
  MIP6_VDINF: 50,
  ERP_LOCAL_DOMAIN_NAME: 65,
  RSOO: 66,
  MIP6_IDINF: 69,
  MIP6_UDINF: 70,
  MIP6_HNP: 71,
  MIP6_HAA: 72,
  MIP6_HAF: 73,
  SOL_MAX_RT: 82,
  INF_MAX_RT: 83,
  RELAY_SOURCE_PORT: 135,
} as const;

const OPTION_NAMES = new Map<number, string>();
for (const [k, v] of Object.entries(OPT)) OPTION_NAMES.set(v, `OPTION_${k}`);

/** IANA name of an option code, `OPTION_<code>` when unknown. */
export function optionName(code: number): string {
  return OPTION_NAMES.get(code) ?? `OPTION_${code}`;
}

/** Status codes (RFC 8415 §21.13; DIGEST §1.5). */
export const STATUS = {
  Success: 0,
  UnspecFail: 1,
  NoAddrsAvail: 2,
  NoBinding: 3,
  NotOnLink: 4,
  UseMulticast: 5,
  NoPrefixAvail: 6,
} as const;

const STATUS_NAMES: readonly string[] = Object.keys(STATUS);

export function statusName(code: number): string {
  return STATUS_NAMES[code] ?? `STATUS_${code}`;
}

/** DUID types (RFC 8415 §11; DUID-UUID RFC 6355). */
export const DUID_TYPE = { LLT: 1, EN: 2, LL: 3, UUID: 4 } as const;
