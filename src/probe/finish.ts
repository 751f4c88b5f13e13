// A probe ends like an audit: what was sent and received is a capture in memory, judged by the same catalogue.
import type { Settings } from '../assert/profiles.js';
import type { RunResult } from '../assert/result.js';
import type { Assertion, Role } from '../assert/types.js';
import { audit } from '../pipeline/audit.js';
import { PROTOCOLS } from '../proto/index.js';
import type { Recorder } from './recorder.js';

export interface ProbeJudgeOptions {
  /** the target's port for its protocol, so a non-standard port still demuxes */
  port?: { proto: 'dhcpv6' | 'diameter' | 'pana' | 'mipv4' | 'ikev2'; port: number };
  role: string;
  /** the roles of the target: only assertions about the target are judged (not the tester's own crafted messages) */
  targetRoles: Role[];
  settings: Settings;
  profiles: string[];
  catalogue: readonly Assertion[];
  failOn: 'must' | 'should';
  save?: string;
}

export async function judgeRecording(rec: Recorder, o: ProbeJudgeOptions): Promise<RunResult> {
  if (o.save) await rec.save(o.save);
  const assertions = o.catalogue.filter((a) => o.targetRoles.includes(a.role));
  const settings = o.port
    ? { ...o.settings, ports: { ...o.settings.ports, [o.port.proto]: [...(o.settings.ports[o.port.proto] ?? []), o.port.port] } }
    : o.settings;
  const sent = rec.records().filter((r) => r.dir === 'sent');
  const tester = new Set(sent.map((r) => `${r.src.addr}|${r.src.port}`));
  return audit([{ name: `probe:${o.role}`, frames: rec.frames() }], {
    isTester: (m) => tester.has(`${m.src.addr}|${m.src.port}`),
    settings,
    profiles: o.profiles,
    assertions,
    modules: PROTOCOLS,
    failOn: o.failOn,
  });
}
