// Option-list codec (RFC 8415 §21.1): code(2) | option-len(2) | data. Used for message options and for every
// container (IA_*, RSOO, VDINF/IDINF/UDINF). An option whose length overruns its container ends the list:
// the options before it stay decoded and the rest is kept raw in `trailing` (re-encoded verbatim).
import type { Reader } from '../../../wire/reader.js';
import type { Writer } from '../../../wire/writer.js';
import { WireShort } from '../../../wire/issue.js';
import type { Dhcpv6Option, OptionList } from '../types.js';
import { MAX_DEPTH, report, type DecodeCtx, type EncodeCtx } from './define.js';

/** decodes options in r.buf[r.pos, end); leaves r.pos at end */
export function decodeOptionList(r: Reader, end: number, ctx: DecodeCtx): OptionList {
  const buf = r.buf;
  const defs = ctx.defs;
  const options: Dhcpv6Option[] = [];
  const path = ctx.path;
  const base = path.length;
  path.push('options', 0);
  let trailing: Uint8Array | undefined;
  while (r.pos < end) {
    const at = r.pos;
    path[base + 1] = options.length;
    if (end - at < 4) {
      report(ctx, 'dhcpv6.option.truncated', `${end - at} octets left, an option header needs 4`, r.abs(at), {
        expected: 4,
        actual: end - at,
      });
      trailing = buf.subarray(at, end);
      break;
    }
    const code = (buf[at]! << 8) | buf[at + 1]!;
    const len = (buf[at + 2]! << 8) | buf[at + 3]!;
    if (len > end - at - 4) {
      report(ctx, 'dhcpv6.option.length-overrun', `option ${code} length ${len} > ${end - at - 4} octets left`, r.abs(at), {
        expected: end - at - 4,
        actual: len,
      });
      trailing = buf.subarray(at, end);
      break;
    }
    r.pos = at + 4;
    const def = code < defs.length ? defs[code] : undefined;
    let node: Dhcpv6Option | undefined;
    if (def === undefined) {
      node = { code, kind: 'unknown', data: buf.subarray(at + 4, at + 4 + len) };
    } else {
      if (ctx.depth >= MAX_DEPTH) {
        report(ctx, 'dhcpv6.option.too-deep', `nesting deeper than ${MAX_DEPTH}; kept raw`, r.abs(at));
      } else {
        const depth = ctx.depth;
        try {
          node = def.decode(r, len, ctx);
        } catch (e) {
          if (!(e instanceof WireShort)) throw e;
          ctx.depth = depth;
          path.length = base + 2;
          report(ctx, 'dhcpv6.option.truncated', `${def.name}: ${e.message}`, e.offset);
        }
      }
      if (node === undefined) node = { code, kind: 'raw', data: buf.subarray(at + 4, at + 4 + len) };
    }
    node.offset = r.abs(at);
    node.length = len + 4;
    options.push(node);
    r.pos = at + 4 + len;
  }
  path.length = base;
  r.pos = end;
  return trailing === undefined ? { options } : { options, trailing };
}

/** container helper: decode the nested list one level deeper */
export function decodeNested(r: Reader, len: number, ctx: DecodeCtx): OptionList {
  ctx.depth++;
  const l = decodeOptionList(r, r.pos + len, ctx);
  ctx.depth--;
  return l;
}

export function encodeOption(o: Dhcpv6Option, w: Writer, ctx: EncodeCtx): void {
  w.u16(o.code);
  const at = w.pos;
  w.u16(0);
  if (o.kind === 'unknown' || o.kind === 'raw') w.bytes(o.data);
  else {
    const def = ctx.byKind.get(o.kind);
    if (!def) throw new Error(`no codec for option kind '${o.kind}'`);
    def.encode(o, w, ctx);
  }
  w.patchU16(at, o.lengthOverride ?? w.pos - at - 2);
}

export function encodeOptionList(l: OptionList, w: Writer, ctx: EncodeCtx): void {
  for (const o of l.options) encodeOption(o, w, ctx);
  if (l.trailing) w.bytes(l.trailing);
}

/** spreads a decoded list into a container node without an undefined `trailing` key */
export function withList<T extends object>(node: T, l: OptionList): T & OptionList {
  const n = node as T & OptionList;
  n.options = l.options;
  if (l.trailing) n.trailing = l.trailing;
  return n;
}
