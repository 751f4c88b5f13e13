// Mobile IPv4 names (RFC 5944 §3.3–3.5, §1.9; DIGEST §12.1; Wireshark packet-mip.c as cross-check).

export const MIPV4_PORT = 434;
export const MIPV4_TYPES: ReadonlyMap<number, string> = new Map([
  [1, 'Registration-Request'], [3, 'Registration-Reply'],
  [15, 'Registration-Revocation'], [16, 'Registration-Revocation-Ack'], // RFC 3543
]);

/** RRQ flags (RFC 5944 §3.3) */
export const MIPV4_FLAGS = { S: 0x80, B: 0x40, D: 0x20, M: 0x10, G: 0x08, r: 0x04, T: 0x02, x: 0x01 } as const;

/** extension types with the long form Type | Sub-Type(or Reserved) | Length(2) (RFC 3012 §5, RFC 3115 §3.1) */
export const LONG_FORM: ReadonlySet<number> = new Set([36, 38]);

export const MIPV4_EXTENSIONS: ReadonlyMap<number, string> = new Map([
  [32, 'MN-HA-Authentication'], [33, 'MN-FA-Authentication'], [34, 'FA-HA-Authentication'],
  [36, 'Generalized-MN-AAA-Authentication'], [38, 'CVSE'], [131, 'MN-NAI'], [132, 'MN-FA-Challenge'],
  [134, 'NVSE'], [137, 'Revocation-Support'], [139, 'Dynamic-HA'], [144, 'UDP-Tunnel-Request'],
]);

/** Registration Reply codes (RFC 5944 §3.4; 74–76 RFC 3024; 97–99 RFC 2794; 104–106 RFC 3012) */
export const MIPV4_REPLY_CODES: ReadonlyMap<number, string> = new Map([
  [0, 'registration accepted'],
  [1, 'registration accepted, mobility bindings not supported'],
  [64, 'FA: reason unspecified'], [65, 'FA: administratively prohibited'], [66, 'FA: insufficient resources'],
  [67, 'FA: mobile node failed authentication'], [68, 'FA: home agent failed authentication'],
  [69, 'FA: requested lifetime too long'], [70, 'FA: poorly formed request'], [71, 'FA: poorly formed reply'],
  [72, 'FA: requested encapsulation unavailable'], [74, 'FA: requested reverse tunnel unavailable'],
  [75, 'FA: reverse tunnel is mandatory and T bit not set'], [76, 'FA: mobile node too distant'],
  [77, 'FA: invalid care-of address'], [78, 'FA: registration timeout'], [79, 'FA: delivery style not supported'],
  [80, 'FA: home network unreachable'], [81, 'FA: home agent host unreachable'], [82, 'FA: home agent port unreachable'],
  [88, 'FA: home agent unreachable'], [97, 'FA: missing NAI'], [98, 'FA: missing home agent'], [99, 'FA: missing home address'],
  [104, 'FA: unknown challenge'], [105, 'FA: missing challenge'], [106, 'FA: stale challenge'],
  [128, 'HA: reason unspecified'], [129, 'HA: administratively prohibited'], [130, 'HA: insufficient resources'],
  [131, 'HA: mobile node failed authentication'], [132, 'HA: foreign agent failed authentication'],
  [133, 'HA: registration identification mismatch'], [134, 'HA: poorly formed request'],
  [135, 'HA: too many simultaneous mobility bindings'], [136, 'HA: unknown home agent address'],
  [137, 'HA: requested reverse tunnel unavailable'], [138, 'HA: reverse tunnel is mandatory and T bit not set'],
  [139, 'HA: requested encapsulation unavailable'],
]);
