// Assertions of the dhcpv6-server bundle (one owner per bundle; suites/index.ts merges the bundles).
import type { Assertion } from '../../src/assert/types.js';

export const ASSERTIONS: readonly Assertion[] = [];
/** probe-only assertions: id → the test file that shows them pass and fail */
export const PROBE_PROVEN: Record<string, string> = {};
