// Public surface of the DHCPv6 module.
export * from './types.js';
export * from './names.js';
export * from './constants.js';
export { decodeDhcpv6, encodeDhcpv6, type Dhcpv6Settings } from './message.js';
export { opt, msg } from './build.js';
export { duid, DUID_EPOCH } from './duid.js';
export { findOption, findAll, findKind, findAllKind, innermost, relayChain, relayedMessage, walkOptions, dataSpan } from './find.js';
export { describeDhcpv6, describeOption, type OptionDescription } from './describe.js';
export { Dhcpv6Matcher, dhcpv6Matcher, relaySignature, type Dhcpv6Transaction, type LegName } from './match.js';
export { OPTION_DEFS, optionDef } from './registry.js';
export { nameToWire } from './fqdn.js';
export { canonicalIpv6, ipv6Bytes } from './addr.js';
export { dhcpv6Module } from './register.js';
