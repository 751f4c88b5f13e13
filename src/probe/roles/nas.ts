import { UsageError } from '../../util/errors.js';
import { serveNas } from '../scenarios/diameter-nas.js';
import { parseTarget } from '../target.js';
import type { ProbeRole } from './types.js';

const num = (v: unknown, name: string, d: number): number => {
  if (v === undefined) return d;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--opt ${name}=${String(v)}: want a whole number`);
  return n;
};

export const nasRole: ProbeRole = {
  name: 'nas',
  describe: 'NAS (Diameter client): the tester is the home AAA server on --bind/--local-port 3868; --target is the NAS address',
  targetRoles: ['nas', 'diameter-node'],
  defaultPort: 3868,
  proto: 'diameter',
  async run(o, settings, rec) {
    const t = parseTarget(o.target, 3868);
    const [prefix, len] = o.hnp.split('/');
    if (!prefix || !len) throw new UsageError(`--hnp wants PREFIX/LEN, got '${o.hnp}'`);
    await serveNas({
      bind: o.bind ?? (t.addr.includes(':') ? '::' : '0.0.0.0'),
      port: o.localPort ?? 3868,
      from: t.addr,
      // --opt wait=MS (NAS to connect), idle=MS (session ends when quiet), requests=N (stop after N answers)
      waitMs: num(o.extra.wait, 'wait', 30_000),
      idleMs: num(o.extra.idle, 'idle', Math.max(2 * o.timeout, 3000)),
      maxRequests: num(o.extra.requests, 'requests', 0),
      settings,
      identity: { originHost: o.originHost, originRealm: o.originRealm, authApps: [1, 5] },
      ha: o.ha,
      hnp: { prefix, len: Number(len) },
      tap: rec.tap,
    });
  },
};
