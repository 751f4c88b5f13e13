// The catalogue's own rules (ESLint's RuleTester spirit): every assertion is well-formed, cited, and has a
// fixture where it passes and one where it fails — or, for probe-only assertions, a named test that shows both.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LEVELS, ROLES } from '../src/assert/types.js';
import { CASES } from '../src/fixtures/index.js';
import { fromRoot } from '../src/util/paths.js';
import { CATALOGUE } from './index.js';
import { PROBE_PROVEN } from './probe-proven.js';

describe('catalogue', () => {
  it('is not empty and ids are unique', () => {
    expect(CATALOGUE.length).toBeGreaterThan(0);
    const ids = CATALOGUE.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const a of CATALOGUE) {
    it(`${a.id} is well-formed`, () => {
      expect(LEVELS).toContain(a.level);
      expect(ROLES).toContain(a.role);
      expect(a.cite.section.length).toBeGreaterThan(0);
      expect(a.cite.quote.length).toBeGreaterThan(10);
      expect(a.looksAt.length).toBeGreaterThan(5);
      expect(a.id.startsWith(a.cite.doc.toUpperCase())).toBe(true);
      // the id names its section: <DOC>-<section>-<slug>
      expect(a.id.split('-')[1]).toBe(a.cite.section.replace(/^§/, '').split(/[ (,]/)[0]);
    });

    it(`${a.id} has a passing and a failing example`, () => {
      const passIn = CASES.filter((c) => c.expect[a.id] === 'pass').map((c) => c.name);
      const failIn = CASES.filter((c) => c.expect[a.id] === 'fail' || c.expect[a.id] === 'warn').map((c) => c.name);
      const probe = PROBE_PROVEN[a.id];
      if (probe) {
        const text = fs.readFileSync(fromRoot(probe), 'utf8');
        expect(text, `${probe} must exercise ${a.id}`).toContain(a.id);
        return;
      }
      expect(passIn, `${a.id}: no fixture case where it passes`).not.toEqual([]);
      expect(failIn, `${a.id}: no fixture case where it fails`).not.toEqual([]);
    });
  }
});
