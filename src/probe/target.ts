import net from 'node:net';
import { UsageError } from '../util/errors.js';

export interface Target {
  addr: string;
  port: number;
  /** IPv6 scope (interface) from 'fe80::1%eth0' */
  scope?: string;
}

/** Parses ADDR, ADDR:PORT, [V6ADDR]:PORT, V6ADDR%IFACE. */
export function parseTarget(s: string, defaultPort: number): Target {
  let addr = s;
  let port = defaultPort;
  const br = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  if (br) {
    addr = br[1]!;
    if (br[2]) port = Number(br[2]);
  } else if ((s.match(/:/g) ?? []).length === 1) {
    const [a, p] = s.split(':');
    addr = a!;
    port = Number(p);
  }
  let scope: string | undefined;
  const pct = addr.indexOf('%');
  if (pct >= 0) {
    scope = addr.slice(pct + 1);
    addr = addr.slice(0, pct);
  }
  if (!net.isIP(addr)) throw new UsageError(`--target '${s}': not an IP address (use ADDR, ADDR:PORT or [IPv6]:PORT)`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--target '${s}': bad port`);
  return scope ? { addr, port, scope } : { addr, port };
}
