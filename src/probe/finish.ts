// A probe ends like an audit: what was sent and received is a capture in memory, judged by the same catalogue.
import type { Settings } from '../assert/profiles.js';
import type { RunResult } from '../assert/result.js';
import type { Assertion, Role } from '../assert/types.js';
import { audit } from '../pipeline/audit.js';
import { PROTOCOLS } from '../proto/index.js';
import type { Recorder } from './recorder.js';

export interface ProbeJudgeOptions {
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
  return audit([{ name: `probe:${o.role}`, frames: rec.frames() }], {
    settings: o.settings,
    profiles: o.profiles,
    assertions,
    modules: PROTOCOLS,
    failOn: o.failOn,
  });
}
