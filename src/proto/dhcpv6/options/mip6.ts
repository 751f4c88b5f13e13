// RFC 6610 MIPv6 home-information options (DIGEST §2). HNIDF (49) is a bare FQDN under RFC 6610; under the
// 'hiopt-draft' profile (draft-ietf-mip6-hiopt, S000 §4.2.2) an id-type octet precedes the FQDN.
// VDINF (50) / IDINF (69) / UDINF (70) are containers decoded with the common option-list codec.
// Section numbers inside RFC 6610 were not re-read (DIGEST §2.3), so sources name the RFC only.
import { readWholeName, writeName } from '../fqdn.js';
import { defineOption, exactLength, minLength, readIpv6, writeIpv6 } from './define.js';
import { decodeNested, encodeOptionList, withList } from './list.js';

export const hnidf = defineOption({
  code: 49, name: 'OPTION_MIP6_HNIDF', kind: 'hnidf', source: 'RFC6610',
  decode(r, len, ctx) {
    if (ctx.hnidf === 'hiopt-draft') {
      if (!minLength(ctx, r, 'OPTION_MIP6_HNIDF', len, 1)) return undefined;
      const idType = r.u8();
      const fqdn = readWholeName(r, len - 1, ctx);
      return fqdn === undefined ? undefined : { code: 49, kind: 'hnidf', fqdn, idType };
    }
    const fqdn = readWholeName(r, len, ctx);
    return fqdn === undefined ? undefined : { code: 49, kind: 'hnidf', fqdn };
  },
  encode(o, w, ctx) {
    // an explicit idType is written whatever the profile, so a draft-format option can be crafted under either
    if (o.idType !== undefined) w.u8(o.idType);
    else if (ctx.hnidf === 'hiopt-draft') w.u8(0);
    writeName(w, o.fqdn);
  },
});

export const vdinf = defineOption({
  code: 50, name: 'OPTION_MIP6_VDINF', kind: 'vdinf', source: 'RFC6610',
  decode: (r, len, ctx) => withList({ code: 50, kind: 'vdinf' as const }, decodeNested(r, len, ctx)),
  encode: (o, w, ctx) => encodeOptionList(o, w, ctx),
});

export const idinf = defineOption({
  code: 69, name: 'OPTION_MIP6_IDINF', kind: 'idinf', source: 'RFC6610',
  decode: (r, len, ctx) => withList({ code: 69, kind: 'idinf' as const }, decodeNested(r, len, ctx)),
  encode: (o, w, ctx) => encodeOptionList(o, w, ctx),
});

export const udinf = defineOption({
  code: 70, name: 'OPTION_MIP6_UDINF', kind: 'udinf', source: 'RFC6610',
  decode: (r, len, ctx) => withList({ code: 70, kind: 'udinf' as const }, decodeNested(r, len, ctx)),
  encode: (o, w, ctx) => encodeOptionList(o, w, ctx),
});

/** prefix-len(1) + prefix(16) = 17 octets (DIGEST §2.2, layout (R)) */
export const hnp = defineOption({
  code: 71, name: 'OPTION_MIP6_HNP', kind: 'hnp', source: 'RFC6610',
  decode: (r, len, ctx) =>
    exactLength(ctx, r, 'OPTION_MIP6_HNP', len, 17) ? { code: 71, kind: 'hnp', prefixLength: r.u8(), prefix: readIpv6(r) } : undefined,
  encode(o, w) {
    w.u8(o.prefixLength);
    writeIpv6(w, o.prefix);
  },
});

export const haa = defineOption({
  code: 72, name: 'OPTION_MIP6_HAA', kind: 'haa', source: 'RFC6610',
  decode: (r, len, ctx) => (exactLength(ctx, r, 'OPTION_MIP6_HAA', len, 16) ? { code: 72, kind: 'haa', address: readIpv6(r) } : undefined),
  encode: (o, w) => writeIpv6(w, o.address),
});

export const haf = defineOption({
  code: 73, name: 'OPTION_MIP6_HAF', kind: 'haf', source: 'RFC6610',
  decode(r, len, ctx) {
    const fqdn = readWholeName(r, len, ctx);
    return fqdn === undefined ? undefined : { code: 73, kind: 'haf', fqdn };
  },
  encode: (o, w) => writeName(w, o.fqdn),
});

export const MIP6_OPTIONS = [hnidf, vdinf, idinf, udinf, hnp, haa, haf];
