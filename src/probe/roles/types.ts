import type { Settings } from '../../assert/profiles.js';
import type { Role } from '../../assert/types.js';
import type { Recorder } from '../recorder.js';

/** Options every probe role understands (the CLI's flags, or a config file's keys). */
export interface ProbeOptions {
  target: string;
  bind?: string;
  localPort?: number;
  iface?: string;
  /** ms to wait for answers */
  timeout: number;
  cases: string[];
  mode?: string;
  ha: string;
  /** PREFIX/LEN */
  hnp: string;
  msp: string;
  linkAddress: string;
  originHost: string;
  originRealm: string;
  /** role-specific extras from a config file or --opt KEY=VALUE */
  extra: Record<string, unknown>;
}

/** One probe role: what the target is (its assertion roles) and how to exercise it. */
export interface ProbeRole {
  name: string;
  describe: string;
  /** catalogue roles judged: the target's behaviour, never the tester's own crafted messages */
  targetRoles: Role[];
  defaultPort: number;
  /** the protocol on the target's port: a non-standard --target port is then still decoded as this protocol */
  proto?: 'dhcpv6' | 'diameter' | 'pana' | 'mipv4' | 'ikev2';
  /** sends, listens, records into `rec`; throws ProbeTargetError when the target cannot be reached at all */
  run(o: ProbeOptions, settings: Settings, rec: Recorder): Promise<void>;
}
