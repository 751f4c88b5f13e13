import { UsageError } from '../../util/errors.js';
import { probeDhcpRelay } from '../scenarios/dhcpv6-relay.js';
import { parseTarget } from '../target.js';
import type { ProbeOptions, ProbeRole } from './types.js';

/** --hnp PREFIX/LEN → { prefix, len } */
export function parseHnp(hnp: string): { prefix: string; len: number } {
  const [prefix, len] = hnp.split('/');
  if (!prefix || !len || !Number.isInteger(Number(len))) throw new UsageError(`--hnp wants PREFIX/LEN, got '${hnp}'`);
  return { prefix, len: Number(len) };
}

/** a role-specific --opt KEY=VALUE as a string, or undefined */
export function extraString(o: ProbeOptions, key: string): string | undefined {
  const v = o.extra[key];
  return v === undefined || v === null || v === '' ? undefined : String(v);
}

export const dhcpRelayRole: ProbeRole = {
  name: 'dhcp-relay',
  describe:
    'DHCPv6 relay: the tester is the client on one side (--target relay address or ff02::1:2, --opt clientInterface=IF) and the server on the other (--opt serverBind=ADDR); --opt clientNetns=NS / serverNetns=NS run that side in a namespace',
  targetRoles: ['relay'],
  defaultPort: 547,
  async run(o, settings, rec) {
    const clientIface = extraString(o, 'clientInterface') ?? o.iface;
    const serverBind = extraString(o, 'serverBind') ?? o.bind;
    if (!clientIface) throw new UsageError('probe dhcp-relay needs the client-side interface: --opt clientInterface=IF (or --interface IF)');
    if (!serverBind) throw new UsageError("probe dhcp-relay needs the address the relay forwards to: --opt serverBind=ADDR (or --bind ADDR)");
    const clientNetns = extraString(o, 'clientNetns');
    const serverNetns = extraString(o, 'serverNetns');
    const clientBind = extraString(o, 'clientBind');
    const serverPort = extraString(o, 'serverPort');
    await probeDhcpRelay({
      target: parseTarget(o.target, 547),
      clientIface,
      ...(clientBind ? { clientBind } : {}),
      ...(clientNetns ? { clientNetns } : {}),
      serverBind,
      ...(serverPort ? { serverPort: Number(serverPort) } : {}),
      ...(serverNetns ? { serverNetns } : {}),
      timeoutMs: o.timeout,
      settings,
      home: { ha: o.ha, hnp: parseHnp(o.hnp) },
      msp: o.msp,
      linkAddress: o.linkAddress,
      cases: o.cases,
      tap: rec.tap,
    });
  },
};
