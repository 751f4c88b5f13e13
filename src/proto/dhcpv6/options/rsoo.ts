// OPTION_RSOO (66, RFC 6422 §5): a container of complete options supplied by a relay; and
// OPTION_ERP_LOCAL_DOMAIN_NAME (65, RFC 6440 §3), the only IANA RSOO-enabled option (DIGEST §3).
import { readWholeName, writeName } from '../fqdn.js';
import { defineOption } from './define.js';
import { decodeNested, encodeOptionList, withList } from './list.js';

export const rsoo = defineOption({
  code: 66, name: 'OPTION_RSOO', kind: 'rsoo', source: 'RFC6422 §5',
  decode: (r, len, ctx) => withList({ code: 66, kind: 'rsoo' as const }, decodeNested(r, len, ctx)),
  encode: (o, w, ctx) => encodeOptionList(o, w, ctx),
});

export const erpLocalDomainName = defineOption({
  code: 65, name: 'OPTION_ERP_LOCAL_DOMAIN_NAME', kind: 'erpLocalDomainName', source: 'RFC6440 §3',
  decode(r, len, ctx) {
    const domain = readWholeName(r, len, ctx);
    return domain === undefined ? undefined : { code: 65, kind: 'erpLocalDomainName', domain };
  },
  encode: (o, w) => writeName(w, o.domain),
});

export const RSOO_OPTIONS = [rsoo, erpLocalDomainName];
