// Named profiles: where specs disagree or the DIGEST marks text UNVERIFIED, the choice is a setting with a
// documented default, never a silent pick. `--profile a,b` applies named profiles in order; `--set k=v`
// overrides single settings. `mip6-conform list --profiles` prints this table.

export interface Settings {
  /** RFC 8415 (default) or RFC 3315 rules: HOP_COUNT_LIMIT 8 vs 32, ORO contents, invalid-option handling (DIGEST §1.9) */
  'dhcpv6.base': 'rfc8415' | 'rfc3315';
  /** option 49 layout: RFC 6610 bare FQDN (default) or draft-ietf-mip6-hiopt id-type octet + FQDN (S000 §4.2.2) */
  'dhcpv6.hnidf': 'rfc6610' | 'hiopt-draft';
  /** RSOO contents: RFC 6611 expects RFC 6610 options in RSOO (default); iana-strict warns that only RSOO-enabled options (65) belong there (DIGEST §3) */
  'dhcpv6.rsoo': 'rfc6611' | 'iana-strict';
  /** RSOO-enabled option codes in addition to the IANA list (65), as a server operator would configure them */
  'dhcpv6.rsooEnabled': number[];
  /** S000 inconsistency about which ORO code asks for home information (DIGEST §4.3): 'any' accepts 49/50/69/70 (default); 'rfc6610' requires the container code (50/69/70) */
  'rfc6611.oroCodes': 'any' | 'rfc6610';
  /** unicast Information-request (RFC 8415 §16 vs §18.4): 'either' accepts discard or UseMulticast (default); 'discard' requires silence */
  'dhcpv6.unicastIr': 'either' | 'discard';
  /** Diameter base: RFC 6733 (default) or RFC 3588 (DIGEST §5.10) */
  'diameter.base': 'rfc6733' | 'rfc3588';
  /** largest Diameter message a stream may claim before it is an oversize issue (never buffered) */
  'diameter.maxMessage': number;
  /** S001 MHR SA-parameters: strict makes their absence a fail, else a warn (DIGEST §8 MBR-07) */
  's001.strict': boolean;
  /** S001 / RFC 6733 conflict over Application-Id of session commands: follow 'rfc6733' (default) or 's001' (App-Id 0) */
  's001.sessionAppId': 'rfc6733' | 's001';
  /** PANA decoder: RFC 5191 (default) or the pre-RFC draft format S002's testbed used */
  'pana.profile': 'rfc5191' | 'draft';
  /** SHOULD violations become fail instead of warn */
  strict: boolean;
  /** correlation: NAS Origin-Host or address → relay address (RFC 6611 bootstraps across Diameter and DHCPv6) */
  'correlate.nas': Record<string, string>;
  /** correlation: seconds within which an AAA answer, its Relay-forw and the signalling that follows belong together */
  'correlate.window': number;
  /** extra ports per protocol, besides the well-known ones (Diameter on 3869, DHCPv6 on a test port …) */
  ports: Partial<Record<'dhcpv6' | 'diameter' | 'pana' | 'mipv4' | 'ikev2', number[]>>;
  /** seconds a request waits for its answer in a capture */
  'flow.window': number;
  /** seed-draft code points (S001 MBR/MHR, S002 PANA AVPs, S003 MIPv4 extensions): the one table is src/proto/codepoints.ts */
  codepoints: Record<string, number>;
}

export const DEFAULTS: Settings = {
  'dhcpv6.base': 'rfc8415',
  'dhcpv6.hnidf': 'rfc6610',
  'dhcpv6.rsoo': 'rfc6611',
  'dhcpv6.rsooEnabled': [],
  'rfc6611.oroCodes': 'any',
  'dhcpv6.unicastIr': 'either',
  'diameter.base': 'rfc6733',
  'diameter.maxMessage': 1 << 20,
  's001.strict': false,
  's001.sessionAppId': 'rfc6733',
  'pana.profile': 'rfc5191',
  strict: false,
  'correlate.nas': {},
  'correlate.window': 30,
  ports: {},
  'flow.window': 5,
  codepoints: {},
};

export interface Profile {
  name: string;
  description: string;
  set: Partial<Settings>;
}

export const PROFILES: readonly Profile[] = [
  { name: 'default', description: 'RFC 8415 + RFC 6610 + RFC 6611 as published, RFC 6733', set: {} },
  { name: 'rfc3315', description: 'DHCPv6 per RFC 3315: HOP_COUNT_LIMIT 32, ORO need not list 32/83', set: { 'dhcpv6.base': 'rfc3315' } },
  { name: 'hiopt-draft', description: 'option 49 as draft-ietf-mip6-hiopt: id-type octet then FQDN (S000 §4.2.2)', set: { 'dhcpv6.hnidf': 'hiopt-draft' } },
  { name: 'iana-rsoo', description: 'only IANA RSOO-enabled options (65) belong in RSOO: RFC 6610 options there warn', set: { 'dhcpv6.rsoo': 'iana-strict' } },
  { name: 'seed-literal', description: 'S000 as RFC 6610 reads it: ORO must name a container (50/69/70), not 49', set: { 'rfc6611.oroCodes': 'rfc6610' } },
  { name: 'rfc3588', description: 'Diameter base per RFC 3588', set: { 'diameter.base': 'rfc3588' } },
  { name: 's001-strict', description: 'S001 prose as MUST: MHR without SA parameters fails', set: { 's001.strict': true } },
  { name: 's001-appid', description: 'S001 §4.2: session commands carry Application-Id 0', set: { 's001.sessionAppId': 's001' } },
  { name: 'pana-draft', description: 'pre-RFC PANA (S002 testbed era)', set: { 'pana.profile': 'draft' } },
  { name: 'strict', description: 'SHOULD violations fail', set: { strict: true } },
];

export function resolveSettings(profiles: string[], overrides: Partial<Settings> = {}): Settings {
  const s: Settings = { ...DEFAULTS, codepoints: { ...DEFAULTS.codepoints }, 'correlate.nas': { ...DEFAULTS['correlate.nas'] }, ports: { ...DEFAULTS.ports } };
  for (const name of profiles) {
    const p = PROFILES.find((x) => x.name === name);
    if (!p) throw new Error(`unknown profile '${name}' (known: ${PROFILES.map((x) => x.name).join(', ')})`);
    Object.assign(s, p.set);
  }
  Object.assign(s, overrides);
  return s;
}
