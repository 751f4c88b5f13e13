import { codepoint } from '../../proto/codepoints.js';
import { DIAMETER_SERVER_CASES } from '../scenarios/diameter-server.js';
import { diameterProbeOptions, probeDiameterTarget } from '../scenarios/diameter-run.js';
import type { ProbeRole } from './types.js';

export const diameterServerRole: ProbeRole = {
  name: 'diameter-server',
  describe: 'Diameter AAA server: the tester is a NAS (CER, DWR, RFC 5447 AAR/DER, RFC 5778 MIR, S001 MBR/MHR, bad input)',
  targetRoles: ['diameter-node', 'aaa-server'],
  defaultPort: 3868,
  proto: 'diameter',
  async run(o, settings, rec) {
    // NASREQ, EAP, MIP6I, MIP6A and the S001 application (RFC 6733 §2.4; S001 §4.2)
    const apps = [1, 5, 7, 8, codepoint(settings, 's001.appId')];
    await probeDiameterTarget(diameterProbeOptions(o, settings, rec.tap, apps), DIAMETER_SERVER_CASES);
  },
};
