// Assertions of the dhcpv6-client-relay bundle (one owner per bundle; suites/index.ts merges the bundles):
// the DHCPv6 client (mobile node) and the relay (incl. a NAS-co-located relay). Fixtures: src/fixtures/dhcpv6-client-relay.ts.
import type { Assertion } from '../../src/assert/types.js';
import { CLIENT_IR } from '../rfc8415/client-ir.js';
import { CLIENT_TRANSPORT } from '../rfc8415/client-transport.js';
import { clientWellFormed } from '../rfc8415/client-well-formed.js';
import { RELAY_FORWARD } from '../rfc8415/relay-forward.js';
import { replyUnmodified } from '../rfc8415/relay-reply.js';
import { relayWellFormed } from '../rfc8415/relay-well-formed.js';
import { CLIENT_HOME_INFO } from '../rfc6610/client-home-info.js';
import { relayHomeInfoInRsoo } from '../rfc6610/relay-rsoo.js';
import { RELAY_RSOO } from '../rfc6422/relay-rsoo.js';
import { CLIENT_INTEGRATED } from '../rfc6611/client-integrated.js';
import { RELAY_INTEGRATED } from '../rfc6611/relay-integrated.js';

export const ASSERTIONS: readonly Assertion[] = [
  ...CLIENT_IR,
  ...CLIENT_TRANSPORT,
  clientWellFormed,
  ...RELAY_FORWARD,
  replyUnmodified,
  relayWellFormed,
  ...CLIENT_HOME_INFO,
  relayHomeInfoInRsoo,
  ...RELAY_RSOO,
  ...CLIENT_INTEGRATED,
  ...RELAY_INTEGRATED,
];

/** probe-only assertions: id → the test file that shows them pass and fail (none: every check here has capture fixtures) */
export const PROBE_PROVEN: Record<string, string> = {};
