import { UsageError } from '../../util/errors.js';
import { probeDhcpServer } from '../scenarios/dhcpv6-server.js';
import { parseTarget } from '../target.js';
import type { ProbeRole } from './types.js';

export const dhcpServerRole: ProbeRole = {
  name: 'dhcp-server',
  describe: 'DHCPv6 server: the tester is relay (default; --mode client for multicast on --interface)',
  targetRoles: ['server'],
  defaultPort: 547,
  proto: 'dhcpv6',
  async run(o, settings, rec) {
    const [prefix, len] = o.hnp.split('/');
    if (!prefix || !len) throw new UsageError(`--hnp wants PREFIX/LEN, got '${o.hnp}'`);
    const mode = o.mode === 'client' ? 'client' : 'relay';
    await probeDhcpServer({
      target: parseTarget(o.target, 547),
      mode,
      ...(o.bind ? { bind: o.bind } : {}),
      ...(o.localPort !== undefined ? { localPort: o.localPort } : {}),
      ...(o.iface ? { iface: o.iface } : {}),
      timeoutMs: o.timeout,
      settings,
      ha: o.ha,
      hnp: { len: Number(len), prefix },
      msp: o.msp,
      linkAddress: o.linkAddress,
      cases: o.cases,
      tap: rec.tap,
    });
  },
};
