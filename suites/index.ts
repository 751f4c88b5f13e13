// The assertion catalogue: every bundle's assertions, in one sorted list. `list`, `explain`, `audit`
// and `probe` all read this; catalogue.test.ts checks ids, cites, levels, roles and pass/fail coverage.
import type { Assertion } from '../src/assert/types.js';
import * as clientRelay from './bundles/dhcpv6-client-relay.js';
import * as server from './bundles/dhcpv6-server.js';
import * as diameter from './bundles/diameter.js';
import * as other from './bundles/other-protocols.js';
import * as correlation from './bundles/correlation.js';

const BUNDLES = [clientRelay, server, diameter, other, correlation];

export const CATALOGUE: readonly Assertion[] = BUNDLES.flatMap((b) => b.ASSERTIONS).sort((a, b) => a.id.localeCompare(b.id));

export const PROBE_PROVEN: Record<string, string> = Object.assign({}, ...BUNDLES.map((b) => b.PROBE_PROVEN));
