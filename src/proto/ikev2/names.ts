// IKEv2 names (RFC 7296 §3.1–3.10, §3.14; RFC 7383 for 53; DIGEST §10.1; scapy contrib/ikev2.py as cross-check).

export const IKE_PORT = 500;
export const IKE_NATT_PORT = 4500;
/** header flags (RFC 7296 §3.1) */
export const IKE_FLAGS = { I: 0x08, V: 0x10, R: 0x20 } as const;

export const EXCHANGE_TYPES: ReadonlyMap<number, string> = new Map([
  [34, 'IKE_SA_INIT'], [35, 'IKE_AUTH'], [36, 'CREATE_CHILD_SA'], [37, 'INFORMATIONAL'],
  [38, 'IKE_SESSION_RESUME'], [43, 'IKE_INTERMEDIATE'],
]);

export const PAYLOAD_TYPES: ReadonlyMap<number, string> = new Map([
  [33, 'SA'], [34, 'KE'], [35, 'IDi'], [36, 'IDr'], [37, 'CERT'], [38, 'CERTREQ'], [39, 'AUTH'], [40, 'Nonce'],
  [41, 'Notify'], [42, 'Delete'], [43, 'Vendor ID'], [44, 'TSi'], [45, 'TSr'], [46, 'SK'], [47, 'CP'], [48, 'EAP'],
  [53, 'SKF'],
]);
export const PAYLOAD_SK = 46;
export const PAYLOAD_SKF = 53;

/** Notify Message Types (RFC 7296 §3.10.1; 16404 RFC 4555, 16430 RFC 7383, 16431 RFC 7427) */
export const NOTIFY_TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'UNSUPPORTED_CRITICAL_PAYLOAD'], [4, 'INVALID_IKE_SPI'], [5, 'INVALID_MAJOR_VERSION'], [7, 'INVALID_SYNTAX'],
  [9, 'INVALID_MESSAGE_ID'], [11, 'INVALID_SPI'], [14, 'NO_PROPOSAL_CHOSEN'], [17, 'INVALID_KE_PAYLOAD'],
  [24, 'AUTHENTICATION_FAILED'], [34, 'SINGLE_PAIR_REQUIRED'], [35, 'NO_ADDITIONAL_SAS'], [36, 'INTERNAL_ADDRESS_FAILURE'],
  [37, 'FAILED_CP_REQUIRED'], [38, 'TS_UNACCEPTABLE'], [39, 'INVALID_SELECTORS'], [43, 'TEMPORARY_FAILURE'],
  [44, 'CHILD_SA_NOT_FOUND'],
  [16384, 'INITIAL_CONTACT'], [16385, 'SET_WINDOW_SIZE'], [16386, 'ADDITIONAL_TS_POSSIBLE'], [16387, 'IPCOMP_SUPPORTED'],
  [16388, 'NAT_DETECTION_SOURCE_IP'], [16389, 'NAT_DETECTION_DESTINATION_IP'], [16390, 'COOKIE'],
  [16391, 'USE_TRANSPORT_MODE'], [16392, 'HTTP_CERT_LOOKUP_SUPPORTED'], [16393, 'REKEY_SA'],
  [16394, 'ESP_TFC_PADDING_NOT_SUPPORTED'], [16395, 'NON_FIRST_FRAGMENTS_ALSO'], [16404, 'MOBIKE_SUPPORTED'],
  [16430, 'IKEV2_FRAGMENTATION_SUPPORTED'], [16431, 'SIGNATURE_HASH_ALGORITHMS'],
]);

/** ID types (RFC 7296 §3.5) */
export const ID_TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'ID_IPV4_ADDR'], [2, 'ID_FQDN'], [3, 'ID_RFC822_ADDR'], [5, 'ID_IPV6_ADDR'], [9, 'ID_DER_ASN1_DN'],
  [10, 'ID_DER_ASN1_GN'], [11, 'ID_KEY_ID'],
]);

export function flagNames(flags: number): string[] {
  return Object.entries(IKE_FLAGS).filter(([, m]) => (flags & m) !== 0).map(([k]) => k);
}
