// The assertion catalogue: every suite file's assertions, in one sorted list. `list`, `explain`, `audit`
// and `probe` all read this; catalogue.test.ts checks ids, cites, levels, roles and pass/fail coverage.
import type { Assertion } from '../src/assert/types.js';

const ALL: Assertion[] = [];

export const CATALOGUE: readonly Assertion[] = [...ALL].sort((a, b) => a.id.localeCompare(b.id));
