// probe home-agent: the home agent as the Diameter server of S001 §4.5 (the tester plays the home AAA server and
// sends MHR with the configured code points), plus the base-protocol cases every Diameter node must pass.
import { DIAMETER_SERVER_CASES, mhr, unknownMAvp } from './diameter-server.js';
import type { DiameterCase } from './diameter-run.js';

const base = (name: string): DiameterCase => {
  const c = DIAMETER_SERVER_CASES.find((x) => x.name === name);
  if (!c) throw new Error(`diameter-home-agent: no base case ${name}`);
  return c;
};

export const HOME_AGENT_CASES: readonly DiameterCase[] = [
  base('cer'),
  base('dwr'),
  {
    name: 'mhr', what: 'S001 §4.5 MHR with Home-Address, Home-Link-Prefix and MIPv6-Security-Association-Parameters',
    expect: 'MHA with Result-Code; may carry Home-Link-Prefix and Home-Address (S001 §4.6)', conn: 'session', build: (c) => mhr(c),
  },
  {
    name: 'mhr-no-sa', what: 'MHR without MIPv6-Security-Association-Parameters (S001 §4.5 prose says MUST carry, ABNF optional)',
    expect: 'an MHA either way (the HA decides); reported', conn: 'session', build: (c) => mhr(c, { sa: false }),
  },
  {
    name: 'mhr-missing-avp', what: 'MHR without Destination-Realm (DIA-13)', expect: '5005 DIAMETER_MISSING_AVP',
    conn: 'session', build: (c) => mhr(c, { omit: ['Destination-Realm'] }),
  },
  {
    name: 'mhr-unknown-avp-m', what: 'MHR with an unknown AVP with M set (DIA-10)', expect: '5001 DIAMETER_AVP_UNSUPPORTED with Failed-AVP',
    conn: 'session', build: (c) => mhr(c, { extra: [unknownMAvp(c)] }),
  },
  base('unknown-command'),
  base('wrong-version'),
  base('dwr-before-cer'),
  base('garbage'),
];
