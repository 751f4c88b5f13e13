// Assertions of the other-protocols bundle: the PANA (S002), Mobile IPv4 (S003) and HA-initiated (S004) bootstrapping
// paths, and the RFC 5191 / 5944 / 2794 / 6275 / 5026 / 7296 rules they rest on (DIGEST §9–§12).
import type { Assertion } from '../../src/assert/types.js';
import { RFC5191 } from '../rfc5191/pana.js';
import { S002 } from '../s002/pana-bootstrap.js';
import { RFC5944 } from '../rfc5944/registration.js';
import { S003_ASSERTIONS } from '../s003/dual-stack.js';
import { RFC6275 } from '../rfc6275/mobility-header.js';
import { RFC5026 } from '../rfc5026/dns-update.js';
import { RFC7296 } from '../rfc7296/ike-header.js';
import { S004 } from '../s004/ha-initiated.js';
import { RFC5191_PAA } from '../rfc5191/paa-robustness.js';
import { RFC5944_FHA } from '../rfc5944/fha-validation.js';

export const ASSERTIONS: readonly Assertion[] = [...RFC5191, ...S002, ...RFC5944, ...S003_ASSERTIONS, ...RFC6275, ...RFC5026, ...RFC7296, ...S004, ...RFC5191_PAA, ...RFC5944_FHA];
/** probe-only assertions: id → the test file that shows them pass and fail */
export const PROBE_PROVEN: Record<string, string> = {};
