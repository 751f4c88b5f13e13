// Assertions across protocols: one bootstrap tied together (AAA → RSOO → IDINF → signalling).
import type { Assertion } from '../../src/assert/types.js';
import { mnUsesAssignedHa, nasRelaysAaaHa, serverReturnsAaaHa } from '../rfc6611/correlation.js';

export const ASSERTIONS: readonly Assertion[] = [nasRelaysAaaHa, serverReturnsAaaHa, mnUsesAssignedHa];
export const PROBE_PROVEN: Record<string, string> = {};
