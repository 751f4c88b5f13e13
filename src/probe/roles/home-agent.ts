import { codepoint } from '../../proto/codepoints.js';
import { HOME_AGENT_CASES } from '../scenarios/diameter-home-agent.js';
import { diameterProbeOptions, probeDiameterTarget } from '../scenarios/diameter-run.js';
import type { ProbeRole } from './types.js';

export const homeAgentRole: ProbeRole = {
  name: 'home-agent',
  describe: 'Home agent as the Diameter server of S001 §4.5: the tester is the home AAA server sending MHR',
  targetRoles: ['home-agent', 'diameter-node'],
  defaultPort: 3868,
  proto: 'diameter',
  async run(o, settings, rec) {
    await probeDiameterTarget(diameterProbeOptions(o, settings, rec.tap, [codepoint(settings, 's001.appId'), 8]), HOME_AGENT_CASES);
  },
};
