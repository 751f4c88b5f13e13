// PANA names (RFC 5191 §6.2, §8, §11; DIGEST §11.1), and the pre-RFC draft names Wireshark's 2006 dissector used.

export const PANA_PORT = 716;
export const PANA_DRAFT_PORT = 3001;

/** header flags (RFC 5191 §6.2) */
export const PANA_FLAGS = { R: 0x8000, S: 0x4000, C: 0x2000, A: 0x1000, P: 0x0800, I: 0x0400 } as const;
export const PANA_FLAGS_RESERVED = 0x03ff;
/** pre-RFC flags: Request, Separate, NAP-auth, stateless discovery (L) */
export const PANA_DRAFT_FLAGS = { R: 0x8000, S: 0x4000, N: 0x2000, L: 0x1000 } as const;
export const PANA_DRAFT_FLAGS_RESERVED = 0x0fff;
export const PANA_AVP_V = 0x8000;
/** pre-RFC AVP M flag */
export const PANA_DRAFT_AVP_M = 0x4000;

/** message types: [name, request abbreviation, answer abbreviation] (RFC 5191 §7, RFC 6345 for 5) */
export const PANA_TYPES: ReadonlyMap<number, readonly [string, string, string]> = new Map([
  [1, ['PANA-Client-Initiation', 'PCI', 'PCI']],
  [2, ['PANA-Auth', 'PAR', 'PAN']],
  [3, ['PANA-Termination', 'PTR', 'PTA']],
  [4, ['PANA-Notification', 'PNR', 'PNA']],
  [5, ['PANA-Relay', 'PRY', 'PRY']],
] as const);

export const PANA_DRAFT_TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'PANA-PAA-Discover'], [2, 'PANA-Start'], [3, 'PANA-Auth'], [4, 'PANA-Reauth'], [5, 'PANA-Bind'],
  [6, 'PANA-Ping'], [7, 'PANA-Termination'], [8, 'PANA-Error'], [9, 'PANA-FirstAuth-End'], [10, 'PANA-Update'],
]);

/** AVP codes, vendor 0 (RFC 5191 §8) with value kinds */
export type PanaAvpKind = 'octets' | 'eap' | 'u32';
export const PANA_AVPS: ReadonlyMap<number, { name: string; kind: PanaAvpKind }> = new Map([
  [1, { name: 'AUTH', kind: 'octets' }],
  [2, { name: 'EAP-Payload', kind: 'eap' }],
  [3, { name: 'Integrity-Algorithm', kind: 'u32' }],
  [4, { name: 'Key-Id', kind: 'u32' }],
  [5, { name: 'Nonce', kind: 'octets' }],
  [6, { name: 'PRF-Algorithm', kind: 'u32' }],
  [7, { name: 'Result-Code', kind: 'u32' }],
  [8, { name: 'Session-Lifetime', kind: 'u32' }],
  [9, { name: 'Termination-Cause', kind: 'u32' }],
] as const);

export const PANA_DRAFT_AVPS: ReadonlyMap<number, string> = new Map([
  [1, 'Algorithm'], [2, 'AUTH'], [3, 'Cookie'], [4, 'Device-Id'], [5, 'EAP-Payload'], [6, 'Failed-AVP'],
  [7, 'ISP-Information'], [8, 'Key-Id'], [9, 'NAP-Information'], [10, 'Nonce'], [11, 'Notification'], [12, 'PPAC'],
  [13, 'Protection-Capability'], [14, 'Provider-Identifier'], [15, 'Provider-Name'], [16, 'Result-Code'],
  [17, 'Session-Id'], [18, 'Session-Lifetime'], [19, 'Termination-Cause'],
]);

/** Result-Code values (RFC 5191 §8.7) */
export const PANA_RESULT_CODES: ReadonlyMap<number, string> = new Map([
  [0, 'PANA_SUCCESS'], [1, 'PANA_AUTHENTICATION_REJECTED'], [2, 'PANA_AUTHORIZATION_REJECTED'],
]);

/** Termination-Cause values used by PANA (RFC 5191 §8.9, from the Diameter registry) */
export const PANA_TERMINATION_CAUSES: ReadonlyMap<number, string> = new Map([
  [1, 'LOGOUT'], [4, 'ADMINISTRATIVE'], [8, 'SESSION_TIMEOUT'],
]);

export function panaTypeName(type: number, request: boolean): string {
  const t = PANA_TYPES.get(type);
  if (!t) return `PANA-Type-${type}${request ? '-Request' : '-Answer'}`;
  return type === 1 || type === 5 ? t[0] : `${t[0]}-${request ? 'Request' : 'Answer'}`;
}

export function panaAbbrev(type: number, request: boolean): string {
  const t = PANA_TYPES.get(type);
  return t ? (request ? t[1] : t[2]) : `TYPE${type}${request ? 'R' : 'A'}`;
}

export function flagNames(flags: number, table: Record<string, number>): string[] {
  return Object.entries(table).filter(([, m]) => (flags & m) !== 0).map(([k]) => k);
}
