import net from 'node:net';
import { UsageError } from '../../util/errors.js';
import { DEFAULT_FHA_KEY_HEX, DEFAULT_FHA_SPI } from '../scenarios/mipv4-kit.js';
import { parseHex } from '../scenarios/pana-kit.js';
import { probeFha, type FhaCaseResult } from '../scenarios/mipv4-fha.js';
import { parseTarget } from '../target.js';
import type { Tap } from '../transport/types.js';
import type { ProbeOptions, ProbeRole } from './types.js';

/** --opt key=HEX (MN-HA secret), spi=N (256..2^32-1; 0–255 are reserved), nai=NAI, coa=IPv4 */
export function fhaOptions(o: ProbeOptions): { key: Uint8Array; spi: number; nai: string; coa?: string } {
  const keyText = o.extra.key === undefined ? DEFAULT_FHA_KEY_HEX : String(o.extra.key);
  const key = parseHex(keyText);
  if (!key) throw new UsageError(`--opt key wants hex octets, got '${keyText}'`);
  const spi = o.extra.spi === undefined ? DEFAULT_FHA_SPI : Number(o.extra.spi);
  if (!Number.isInteger(spi) || spi < 0 || spi > 0xffffffff) throw new UsageError(`--opt spi wants an integer 0..4294967295, got '${String(o.extra.spi)}'`);
  const nai = typeof o.extra.nai === 'string' ? o.extra.nai : 'mn@example.org';
  const coa = o.extra.coa === undefined ? undefined : String(o.extra.coa);
  if (coa !== undefined && !net.isIPv4(coa)) throw new UsageError(`--opt coa wants an IPv4 address, got '${coa}'`);
  return { key, spi, nai, ...(coa ? { coa } : {}) };
}

export async function runFha(o: ProbeOptions, settings: Parameters<ProbeRole['run']>[1], tap: Tap): Promise<FhaCaseResult[]> {
  const target = parseTarget(o.target, 434);
  if (!net.isIPv4(target.addr)) throw new UsageError(`--target '${o.target}': Mobile IPv4 needs an IPv4 address`);
  return probeFha({ target, ...(o.bind ? { bind: o.bind } : {}), timeoutMs: o.timeout, settings, ...fhaOptions(o), cases: o.cases, tap });
}

export const fhaRole: ProbeRole = {
  name: 'fha',
  describe: 'Mobile IPv4 (foreign) home agent (RFC 5944, RFC 2794, S003): the tester is a mobile node sending Registration Requests (--opt key=HEX spi=N nai=NAI)',
  targetRoles: ['fha'],
  defaultPort: 434,
  proto: 'mipv4',
  async run(o, settings, rec) {
    await runFha(o, settings, rec.tap);
  },
};
