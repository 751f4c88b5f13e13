import { it } from 'vitest';
import { CATALOGUE } from '../../suites/index.js';
import { runCase, outcomes } from '../fixtures/kit.js';
import { conversation, nasSteps, mip6aSteps, s001MbrSteps, s001MhrSteps, DIA_ADDR } from './diameter.js';

it('scratch', async () => {
  for (const [name, f] of [
    ['nas', () => conversation({ steps: nasSteps() })],
    ['nas-sctp', () => conversation({ steps: nasSteps(), transport: 'sctp' })],
    ['mip6a', () => conversation({ steps: mip6aSteps(), client: DIA_ADDR.ha })],
    ['s001', () => conversation({ steps: s001MbrSteps({ str: { appId: 4294967294 } }) })],
    ['mhr', () => conversation({ steps: s001MhrSteps(), client: { addr: DIA_ADDR.aaa.addr, port: 40003 }, server: DIA_ADDR.ha, segmentation: 'midstream' })],
  ] as const) {
    const r = await runCase({ name, description: '', frames: f, expect: {} }, CATALOGUE);
    const o = outcomes(r);
    console.log(name, JSON.stringify(Object.fromEntries(Object.entries(o).filter(([k, x]) => x !== 'not-applicable' && !k.startsWith('RFC8') ))));
    for (const res of r.results) for (const v of res.verdicts) if (v.outcome !== 'pass' && v.outcome !== 'not-applicable') console.log('  ', v.id, v.outcome, v.message);
    console.log(' issues', JSON.stringify(r.inputs[0]?.issueExamples));
  }
});
