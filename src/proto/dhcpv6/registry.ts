// Option definitions by code (decode) and by kind (encode). Codes not here decode as { kind: 'unknown' }.
import type { OptionKind } from './types.js';
import type { OptionDef } from './options/define.js';
import { CORE_OPTIONS } from './options/core.js';
import { DNS_OPTIONS } from './options/dns.js';
import { IA_OPTIONS } from './options/ia.js';
import { ID_OPTIONS } from './options/ids.js';
import { MIP6_OPTIONS } from './options/mip6.js';
import { RELAY_OPTIONS } from './options/relay.js';
import { RSOO_OPTIONS } from './options/rsoo.js';
import { STATUS_OPTIONS } from './options/status.js';

export const OPTION_DEFS: readonly OptionDef[] = [
  ...ID_OPTIONS, ...IA_OPTIONS, ...CORE_OPTIONS, ...STATUS_OPTIONS, ...RELAY_OPTIONS, ...RSOO_OPTIONS, ...DNS_OPTIONS,
  ...MIP6_OPTIONS,
];

/** dense table indexed by option code (all known codes are below 256) */
export const DEFS_BY_CODE: readonly (OptionDef | undefined)[] = (() => {
  const t: (OptionDef | undefined)[] = new Array<OptionDef | undefined>(256).fill(undefined);
  for (const d of OPTION_DEFS) {
    if (d.code >= t.length) throw new Error(`option code ${d.code} outside the table`);
    if (t[d.code]) throw new Error(`duplicate option code ${d.code}`);
    t[d.code] = d;
  }
  return t;
})();

export const DEFS_BY_KIND: ReadonlyMap<OptionKind, OptionDef> = new Map(OPTION_DEFS.map((d) => [d.kind, d]));

export function optionDef(code: number): OptionDef | undefined {
  return code < DEFS_BY_CODE.length ? DEFS_BY_CODE[code] : undefined;
}
