// Mobility Header names (RFC 6275 §6.1–6.2; RFC 5142; RFC 5026; DIGEST §9; Wireshark packet-mip6.c as cross-check).

export const IPPROTO_MH = 135;
export const IPPROTO_NONE = 59;

/** MH type: [name, short kind] */
export const MH_TYPES: ReadonlyMap<number, readonly [string, string]> = new Map([
  [0, ['Binding Refresh Request', 'brr']], [1, ['Home Test Init', 'hoti']], [2, ['Care-of Test Init', 'coti']],
  [3, ['Home Test', 'hot']], [4, ['Care-of Test', 'cot']], [5, ['Binding Update', 'bu']],
  [6, ['Binding Acknowledgement', 'ba']], [7, ['Binding Error', 'be']], [8, ['Fast Binding Update', 'fbu']],
  [9, ['Fast Binding Acknowledgment', 'fback']], [10, ['Fast Neighbor Advertisement', 'fna']],
  [11, ['Experimental Mobility Header', 'experimental']], [12, ['Home Agent Switch', 'has']],
  [13, ['Heartbeat', 'heartbeat']], [14, ['Handover Initiate', 'hi']], [15, ['Handover Acknowledge', 'hack']],
  [16, ['Binding Revocation', 'brev']], [17, ['Localized Routing Initiation', 'lri']],
  [18, ['Localized Routing Acknowledgment', 'lra']],
] as const);

/** BU flags (RFC 6275 §6.1.7; M RFC 5380, R RFC 3963, P RFC 5213, F RFC 5555, T RFC 5845, B RFC 6602) */
export const BU_FLAGS = { A: 0x8000, H: 0x4000, L: 0x2000, K: 0x1000, M: 0x0800, R: 0x0400, P: 0x0200, F: 0x0100, T: 0x0080, B: 0x0040 } as const;
/** BA flags (RFC 6275 §6.1.8; R RFC 3963, P RFC 5213, T RFC 5845, B RFC 6602) */
export const BA_FLAGS = { K: 0x80, R: 0x40, P: 0x20, T: 0x10, B: 0x08 } as const;
/** S004: bootstrap bit in the HAS reserved octet */
export const HAS_B_BIT = 0x80;

/** BA status (RFC 6275 §6.1.8 and later RFCs per Wireshark) */
export const BA_STATUS: ReadonlyMap<number, string> = new Map([
  [0, 'Binding Update accepted'], [1, 'Accepted but prefix discovery necessary'],
  [128, 'Reason unspecified'], [129, 'Administratively prohibited'], [130, 'Insufficient resources'],
  [131, 'Home registration not supported'], [132, 'Not home subnet'], [133, 'Not home agent for this mobile node'],
  [134, 'Duplicate Address Detection failed'], [135, 'Sequence number out of window'],
  [136, 'Expired home nonce index'], [137, 'Expired care-of nonce index'], [138, 'Expired nonces'],
  [139, 'Registration type change disallowed'], [174, 'Invalid Care-of Address'],
]);

/** Binding Error status (RFC 6275 §6.1.9) */
export const BE_STATUS: ReadonlyMap<number, string> = new Map([
  [1, 'Unknown binding for Home Address destination option'], [2, 'Unrecognized MH Type value'],
]);

/** DNS Update status (RFC 5026 §4.2) */
export const DNS_UPDATE_STATUS: ReadonlyMap<number, string> = new Map([
  [0, 'DNS update performed'], [128, 'Reason unspecified'], [129, 'Administratively prohibited'], [130, 'DNS update failed'],
]);
export const DNS_UPDATE_R = 0x80;

/** mobility option types (RFC 6275 §6.2 and the IANA registry, per Wireshark) */
export const MH_OPTIONS: ReadonlyMap<number, string> = new Map([
  [0, 'Pad1'], [1, 'PadN'], [2, 'Binding Refresh Advice'], [3, 'Alternate Care-of Address'], [4, 'Nonce Indices'],
  [5, 'Binding Authorization Data'], [6, 'Mobile Network Prefix'], [7, 'Link-Layer Address'], [8, 'MN-ID'],
  [9, 'AUTH'], [10, 'MESG-ID'], [11, 'CGA Parameters Request'], [12, 'CGA Parameters'], [13, 'Signature'],
  [14, 'Permanent Home Keygen Token'], [15, 'Care-of Test Init'], [16, 'Care-of Test'], [17, 'DNS-UPDATE-TYPE'],
  [18, 'Experimental'], [19, 'Vendor Specific'], [20, 'Service Selection'], [22, 'Home Network Prefix'],
  [23, 'Handoff Indicator'], [24, 'Access Technology Type'], [25, 'MN Link-layer Identifier'], [26, 'Link-local Address'],
  [27, 'Timestamp'], [29, 'IPv4 Home Address'], [30, 'IPv4 Address Acknowledgement'], [31, 'NAT Detection'],
  [32, 'IPv4 Care-of Address'],
]);

export function flagNames(flags: number, table: Record<string, number>): string[] {
  return Object.entries(table).filter(([, m]) => (flags & m) !== 0).map(([k]) => k);
}
