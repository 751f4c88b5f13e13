import { UsageError } from '../../util/errors.js';
import { DEFAULT_MSK_HEX, parseHex } from '../scenarios/pana-kit.js';
import { probePanaPaa, type PanaCaseResult } from '../scenarios/pana-paa.js';
import { parseTarget } from '../target.js';
import type { ProbeOptions } from './types.js';
import type { ProbeRole } from './types.js';

/** --opt identity=NAI (EAP identity), --opt msk=HEX (MSK for AUTH; default: the reference PAA's dummy-method MSK), --opt msk=none */
export function panaOptions(o: ProbeOptions): { identity: string; msk: Uint8Array | null } {
  const identity = typeof o.extra.identity === 'string' ? o.extra.identity : 'pac@example.org';
  const mskText = o.extra.msk === undefined ? DEFAULT_MSK_HEX : String(o.extra.msk);
  if (mskText === 'none') return { identity, msk: null };
  const msk = parseHex(mskText);
  if (!msk) throw new UsageError(`--opt msk wants hex octets (or 'none'), got '${mskText}'`);
  return { identity, msk };
}

export async function runPanaPaa(o: ProbeOptions, settings: Parameters<ProbeRole['run']>[1], tap: Parameters<typeof probePanaPaa>[0]['tap']): Promise<PanaCaseResult[]> {
  return probePanaPaa({
    target: parseTarget(o.target, 716),
    ...(o.bind ? { bind: o.bind } : {}),
    timeoutMs: o.timeout,
    settings,
    ...panaOptions(o),
    cases: o.cases,
    tap,
  });
}

export const panaPaaRole: ProbeRole = {
  name: 'pana-paa',
  describe: 'PANA authentication agent (RFC 5191, S002): the tester is a PaC sending PCI and answering PARs (--opt identity=NAI, msk=HEX)',
  targetRoles: ['paa'],
  defaultPort: 716,
  proto: 'pana',
  async run(o, settings, rec) {
    await runPanaPaa(o, settings, rec.tap);
  },
};
