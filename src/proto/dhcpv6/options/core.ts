// Base RFC 8415 §21 options with simple layouts.
import type { Reader } from '../../../wire/reader.js';
import type { Writer } from '../../../wire/writer.js';
import { defineOption, exactLength, minLength, readIpv6, report, writeIpv6, type DecodeCtx } from './define.js';

export const oro = defineOption({
  code: 6, name: 'OPTION_ORO', kind: 'oro', source: 'RFC8415 §21.7',
  decode(r, len, ctx) {
    const n = len >> 1;
    const codes = new Array<number>(n);
    for (let i = 0; i < n; i++) codes[i] = r.u16();
    if (len & 1) {
      report(ctx, 'dhcpv6.oro.odd-length', `OPTION_ORO length ${len} is odd (2 octets per code)`, r.abs() - 4 - 2 * n, {
        expected: 'even',
        actual: len,
      });
      return { code: 6, kind: 'oro', codes, trailing: r.bytes(1) };
    }
    return { code: 6, kind: 'oro', codes };
  },
  encode(o, w) {
    for (const c of o.codes) w.u16(c);
    if (o.trailing) w.bytes(o.trailing);
  },
});

export const preference = defineOption({
  code: 7, name: 'OPTION_PREFERENCE', kind: 'preference', source: 'RFC8415 §21.8',
  decode: (r, len, ctx) => (exactLength(ctx, r, 'OPTION_PREFERENCE', len, 1) ? { code: 7, kind: 'preference', value: r.u8() } : undefined),
  encode: (o, w) => void w.u8(o.value),
});

export const elapsedTime = defineOption({
  code: 8, name: 'OPTION_ELAPSED_TIME', kind: 'elapsedTime', source: 'RFC8415 §21.9',
  decode: (r, len, ctx) => (exactLength(ctx, r, 'OPTION_ELAPSED_TIME', len, 2) ? { code: 8, kind: 'elapsedTime', value: r.u16() } : undefined),
  encode: (o, w) => void w.u16(o.value),
});

export const auth = defineOption({
  code: 11, name: 'OPTION_AUTH', kind: 'auth', source: 'RFC8415 §21.11',
  decode(r, len, ctx) {
    if (!minLength(ctx, r, 'OPTION_AUTH', len, 11)) return undefined;
    return { code: 11, kind: 'auth', protocol: r.u8(), algorithm: r.u8(), rdm: r.u8(), replay: r.u64(), info: r.bytes(len - 11) };
  },
  encode: (o, w) => void w.u8(o.protocol).u8(o.algorithm).u8(o.rdm).u64(o.replay).bytes(o.info),
});

export const unicast = defineOption({
  code: 12, name: 'OPTION_UNICAST', kind: 'unicast', source: 'RFC8415 §21.12',
  decode: (r, len, ctx) => (exactLength(ctx, r, 'OPTION_UNICAST', len, 16) ? { code: 12, kind: 'unicast', address: readIpv6(r) } : undefined),
  encode: (o, w) => writeIpv6(w, o.address),
});

export const rapidCommit = defineOption({
  code: 14, name: 'OPTION_RAPID_COMMIT', kind: 'rapidCommit', source: 'RFC8415 §21.14',
  decode: (r, len, ctx) => (exactLength(ctx, r, 'OPTION_RAPID_COMMIT', len, 0) ? { code: 14, kind: 'rapidCommit' } : undefined),
  encode: () => undefined,
});

/** class data: repeated length(2) + opaque (RFC 8415 §21.15, §21.16); undefined (with an issue) on overrun */
function readClasses(r: Reader, end: number, ctx: DecodeCtx, name: string): Uint8Array[] | undefined {
  const out: Uint8Array[] = [];
  while (r.pos < end) {
    if (end - r.pos < 2 || ((r.buf[r.pos]! << 8) | r.buf[r.pos + 1]!) > end - r.pos - 2) {
      report(ctx, 'dhcpv6.option.bad-format', `${name}: class data overruns the option`, r.abs());
      return undefined;
    }
    out.push(r.bytes(r.u16()));
  }
  return out;
}

function writeClasses(w: Writer, classes: readonly Uint8Array[]): void {
  for (const c of classes) w.u16(c.length).bytes(c);
}

export const userClass = defineOption({
  code: 15, name: 'OPTION_USER_CLASS', kind: 'userClass', source: 'RFC8415 §21.15',
  decode(r, len, ctx) {
    const classes = readClasses(r, r.pos + len, ctx, 'OPTION_USER_CLASS');
    return classes && { code: 15, kind: 'userClass', classes };
  },
  encode: (o, w) => writeClasses(w, o.classes),
});

export const vendorClass = defineOption({
  code: 16, name: 'OPTION_VENDOR_CLASS', kind: 'vendorClass', source: 'RFC8415 §21.16',
  decode(r, len, ctx) {
    if (!minLength(ctx, r, 'OPTION_VENDOR_CLASS', len, 4)) return undefined;
    const enterprise = r.u32();
    const classes = readClasses(r, r.pos + len - 4, ctx, 'OPTION_VENDOR_CLASS');
    return classes && { code: 16, kind: 'vendorClass', enterprise, classes };
  },
  encode: (o, w) => writeClasses(w.u32(o.enterprise), o.classes),
});

export const vendorOpts = defineOption({
  code: 17, name: 'OPTION_VENDOR_OPTS', kind: 'vendorOpts', source: 'RFC8415 §21.17',
  decode(r, len, ctx) {
    if (!minLength(ctx, r, 'OPTION_VENDOR_OPTS', len, 4)) return undefined;
    const end = r.pos + len;
    const enterprise = r.u32();
    const suboptions: { code: number; data: Uint8Array }[] = [];
    while (r.pos < end) {
      if (end - r.pos < 4 || ((r.buf[r.pos + 2]! << 8) | r.buf[r.pos + 3]!) > end - r.pos - 4) {
        report(ctx, 'dhcpv6.option.bad-format', 'OPTION_VENDOR_OPTS: sub-option overruns the option', r.abs());
        return undefined;
      }
      const code = r.u16();
      suboptions.push({ code, data: r.bytes(r.u16()) });
    }
    return { code: 17, kind: 'vendorOpts', enterprise, suboptions };
  },
  encode(o, w) {
    w.u32(o.enterprise);
    for (const s of o.suboptions) w.u16(s.code).u16(s.data.length).bytes(s.data);
  },
});

export const reconfMsg = defineOption({
  code: 19, name: 'OPTION_RECONF_MSG', kind: 'reconfMsg', source: 'RFC8415 §21.19',
  decode: (r, len, ctx) => (exactLength(ctx, r, 'OPTION_RECONF_MSG', len, 1) ? { code: 19, kind: 'reconfMsg', msgType: r.u8() } : undefined),
  encode: (o, w) => void w.u8(o.msgType),
});

export const reconfAccept = defineOption({
  code: 20, name: 'OPTION_RECONF_ACCEPT', kind: 'reconfAccept', source: 'RFC8415 §21.20',
  decode: (r, len, ctx) => (exactLength(ctx, r, 'OPTION_RECONF_ACCEPT', len, 0) ? { code: 20, kind: 'reconfAccept' } : undefined),
  encode: () => undefined,
});

export const informationRefreshTime = defineOption({
  code: 32, name: 'OPTION_INFORMATION_REFRESH_TIME', kind: 'informationRefreshTime', source: 'RFC8415 §21.23',
  decode: (r, len, ctx) =>
    exactLength(ctx, r, 'OPTION_INFORMATION_REFRESH_TIME', len, 4) ? { code: 32, kind: 'informationRefreshTime', seconds: r.u32() } : undefined,
  encode: (o, w) => void w.u32(o.seconds),
});

export const solMaxRt = defineOption({
  code: 82, name: 'OPTION_SOL_MAX_RT', kind: 'solMaxRt', source: 'RFC8415 §21.24',
  decode: (r, len, ctx) => (exactLength(ctx, r, 'OPTION_SOL_MAX_RT', len, 4) ? { code: 82, kind: 'solMaxRt', seconds: r.u32() } : undefined),
  encode: (o, w) => void w.u32(o.seconds),
});

export const infMaxRt = defineOption({
  code: 83, name: 'OPTION_INF_MAX_RT', kind: 'infMaxRt', source: 'RFC8415 §21.25',
  decode: (r, len, ctx) => (exactLength(ctx, r, 'OPTION_INF_MAX_RT', len, 4) ? { code: 83, kind: 'infMaxRt', seconds: r.u32() } : undefined),
  encode: (o, w) => void w.u32(o.seconds),
});

export const CORE_OPTIONS = [
  oro, preference, elapsedTime, auth, unicast, rapidCommit, userClass, vendorClass, vendorOpts, reconfMsg, reconfAccept,
  informationRefreshTime, solMaxRt, infMaxRt,
];
