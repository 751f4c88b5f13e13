// Assertions of the dhcpv6-server bundle (one owner per bundle; suites/index.ts merges the bundles).
import type { Assertion } from '../../src/assert/types.js';
import { VALIDATION } from '../rfc8415/server-validation.js';
import { REPLY } from '../rfc8415/server-reply.js';
import { RELAY } from '../rfc8415/server-relay.js';
import { HOME_INFO } from '../rfc6610/server-home-info.js';
import { RSOO } from '../rfc6422/server-rsoo.js';
import { INTEGRATED } from '../rfc6611/server-integrated.js';

export const ASSERTIONS: readonly Assertion[] = [...VALIDATION, ...REPLY, ...RELAY, ...HOME_INFO, ...RSOO, ...INTEGRATED];
/** probe-only assertions: id → the test file that shows them pass and fail */
export const PROBE_PROVEN: Record<string, string> = {};
