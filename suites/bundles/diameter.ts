// Assertions of the diameter bundle (one owner per bundle; suites/index.ts merges the bundles).
import type { Assertion } from '../../src/assert/types.js';
import { RFC5447 } from '../rfc5447/mip6.js';
import { RFC5778 } from '../rfc5778/split.js';
import { ANSWER } from '../rfc6733/answer.js';
import { ERRORS } from '../rfc6733/errors.js';
import { GENERATED } from '../rfc6733/generated.js';
import { HEADER } from '../rfc6733/header.js';
import { PEER } from '../rfc6733/peer.js';
import { SESSION } from '../rfc6733/session.js';
import { S001 } from '../s001/mbr.js';
import { answerIdentifiers } from '../rfc6733/identifiers.js';

export const ASSERTIONS: readonly Assertion[] = [...GENERATED, ...HEADER, ...ANSWER, ...ERRORS, ...PEER, ...SESSION, ...RFC5447, ...RFC5778, ...S001, answerIdentifiers];
/** probe-only assertions: id → the test file that shows them pass and fail */
export const PROBE_PROVEN: Record<string, string> = {};
