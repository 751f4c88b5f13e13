import { UsageError } from '../../util/errors.js';
import { probeDhcpClient } from '../scenarios/dhcpv6-client.js';
import { extraString, parseHnp } from './dhcp-relay.js';
import type { ProbeRole } from './types.js';

export const dhcpClientRole: ProbeRole = {
  name: 'dhcp-client',
  describe:
    "DHCPv6 client / mobile node: the tester is the server on 547 (--interface IF joins ff02::1:2, --bind ADDR; a relay's Relay-forw is answered too), waits --timeout for an Information-request and answers it; --opt netns=NS listens inside a namespace, --opt linger=MS, --opt answer=none",
  targetRoles: ['client'],
  defaultPort: 547,
  async run(o, settings, rec) {
    const netns = extraString(o, 'netns');
    const linger = Number(extraString(o, 'linger') ?? 1000);
    const answer = extraString(o, 'answer') ?? 'reply';
    if (!Number.isFinite(linger) || linger < 0) throw new UsageError(`--opt linger wants milliseconds, got '${String(o.extra.linger)}'`);
    if (answer !== 'reply' && answer !== 'none') throw new UsageError(`--opt answer wants reply | none, got '${answer}'`);
    await probeDhcpClient({
      ...(o.bind ? { bind: o.bind } : {}),
      ...(o.localPort !== undefined ? { port: o.localPort } : {}),
      ...(o.iface ? { iface: o.iface } : {}),
      ...(netns ? { netns } : {}),
      timeoutMs: o.timeout,
      lingerMs: linger,
      answer,
      home: { ha: o.ha, hnp: parseHnp(o.hnp) },
      settings,
      tap: rec.tap,
    });
  },
};
