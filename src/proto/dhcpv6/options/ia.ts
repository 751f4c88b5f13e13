// Identity associations and their addresses/prefixes (RFC 8415 §21.4–21.6, §21.21–21.22). Decoded far enough
// to craft and recognise them; nested options use the common list codec.
import { decodeNested, encodeOptionList, withList } from './list.js';
import { defineOption, minLength, readIpv6, writeIpv6 } from './define.js';

export const iaNa = defineOption({
  code: 3, name: 'OPTION_IA_NA', kind: 'iaNa', source: 'RFC8415 §21.4',
  decode(r, len, ctx) {
    if (!minLength(ctx, r, 'OPTION_IA_NA', len, 12)) return undefined;
    const node = { code: 3, kind: 'iaNa' as const, iaid: r.u32(), t1: r.u32(), t2: r.u32() };
    return withList(node, decodeNested(r, len - 12, ctx));
  },
  encode(o, w, ctx) {
    w.u32(o.iaid).u32(o.t1).u32(o.t2);
    encodeOptionList(o, w, ctx);
  },
});

export const iaTa = defineOption({
  code: 4, name: 'OPTION_IA_TA', kind: 'iaTa', source: 'RFC8415 §21.5',
  decode(r, len, ctx) {
    if (!minLength(ctx, r, 'OPTION_IA_TA', len, 4)) return undefined;
    const node = { code: 4, kind: 'iaTa' as const, iaid: r.u32() };
    return withList(node, decodeNested(r, len - 4, ctx));
  },
  encode(o, w, ctx) {
    w.u32(o.iaid);
    encodeOptionList(o, w, ctx);
  },
});

export const iaPd = defineOption({
  code: 25, name: 'OPTION_IA_PD', kind: 'iaPd', source: 'RFC8415 §21.21',
  decode(r, len, ctx) {
    if (!minLength(ctx, r, 'OPTION_IA_PD', len, 12)) return undefined;
    const node = { code: 25, kind: 'iaPd' as const, iaid: r.u32(), t1: r.u32(), t2: r.u32() };
    return withList(node, decodeNested(r, len - 12, ctx));
  },
  encode(o, w, ctx) {
    w.u32(o.iaid).u32(o.t1).u32(o.t2);
    encodeOptionList(o, w, ctx);
  },
});

export const iaAddr = defineOption({
  code: 5, name: 'OPTION_IAADDR', kind: 'iaAddr', source: 'RFC8415 §21.6',
  decode(r, len, ctx) {
    if (!minLength(ctx, r, 'OPTION_IAADDR', len, 24)) return undefined;
    const node = { code: 5, kind: 'iaAddr' as const, address: readIpv6(r), preferred: r.u32(), valid: r.u32() };
    return withList(node, decodeNested(r, len - 24, ctx));
  },
  encode(o, w, ctx) {
    writeIpv6(w, o.address);
    w.u32(o.preferred).u32(o.valid);
    encodeOptionList(o, w, ctx);
  },
});

export const iaPrefix = defineOption({
  code: 26, name: 'OPTION_IAPREFIX', kind: 'iaPrefix', source: 'RFC8415 §21.22',
  decode(r, len, ctx) {
    if (!minLength(ctx, r, 'OPTION_IAPREFIX', len, 25)) return undefined;
    const node = {
      code: 26, kind: 'iaPrefix' as const, preferred: r.u32(), valid: r.u32(), prefixLength: r.u8(), prefix: readIpv6(r),
    };
    return withList(node, decodeNested(r, len - 25, ctx));
  },
  encode(o, w, ctx) {
    w.u32(o.preferred).u32(o.valid).u8(o.prefixLength);
    writeIpv6(w, o.prefix);
    encodeOptionList(o, w, ctx);
  },
});

export const IA_OPTIONS = [iaNa, iaTa, iaPd, iaAddr, iaPrefix];
