// The codec fuzz suite: every protocol's properties in one worker so the case count adds up.
// CI: 200 runs per property; long mode: FUZZ_RUNS=20000 npx vitest run test/fuzz.
import { describe, expect, it } from 'vitest';
import { casesRun, RUNS } from './support.js';
import './props/dhcpv6.js';
import './props/pana.js';
import './props/mipv4.js';
import './props/mh.js';
import './props/ikev2.js';
import './props/bounds.js';
import './props/diameter.js';
import './props/modules.js';
import './props/views.js';

describe('fuzz totals', () => {
  it('prints the number of cases run', () => {
    const n = casesRun();
    console.log(`fuzz cases run: ${n} (${RUNS} per property)`);
    expect(n).toBeGreaterThan(0);
  });
});
