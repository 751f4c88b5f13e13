// selftest end to end: the catalogue against the embedded references (DHCPv6 server, relay/NAS, AAA server, PAA,
// Mobile IPv4 HA) clean and once per named fault. The aim of the issue: two empty lists.
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../suites/index.js';
import { resolveSettings } from '../../src/assert/profiles.js';
import { CASES } from '../../src/fixtures/index.js';
import { FAULTS } from '../../src/serve/faults.js';
import { selftest } from '../../src/serve/selftest.js';

describe('selftest', () => {
  it('clean reference passes, every fault is caught, every assertion can fail', async () => {
    const r = await selftest(resolveSettings([]), CATALOGUE, CASES);
    expect(r.assertions).toBe(CATALOGUE.length);
    expect(r.faults).toBe(FAULTS.length);
    expect(r.cleanFailures).toEqual([]);
    expect(r.uncaught).toEqual([]);
    expect(r.unfailable).toEqual([]);
    // each fault is caught by assertions of the component that commits it (spot checks)
    expect(r.caught['no-serverid']).toContain('RFC8415-18.3.6-reply-serverid');
    expect(r.caught['relay-no-rsoo']).toContain('RFC6611-3-nas-relays-aaa-ha');
    expect(r.caught['aaa-wrong-hop-by-hop']).toContain('RFC6733-6.2-answer-identifiers');
    expect(r.caught['ha-mismatch']).toContain('RFC6611-4.2.1-server-returns-aaa-ha');
    // the clean run judged something of every component
    const judged = (id: string) => r.clean.results.find((x) => x.id === id)?.counts.pass ?? 0;
    expect(judged('RFC8415-18.3.6-reply-serverid')).toBeGreaterThan(0);
    expect(judged('RFC6611-3-nas-relays-aaa-ha')).toBeGreaterThan(0);
    expect(judged('RFC6733-6.2-answer-identifiers')).toBeGreaterThan(0);
  }, 300_000);
});
