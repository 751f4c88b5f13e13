// Domain names in DHCPv6 options: RFC 1035 §3.1 labels, never compressed (RFC 8415 §10). Text form is the
// master-file form without the final dot: "msp.example"; octets that are not printable ASCII, '.' and '\'
// are escaped as \DDD / \. / \\ so any label round-trips byte for byte.
import type { Reader } from '../../wire/reader.js';
import type { Writer } from '../../wire/writer.js';
import { report, type DecodeCtx } from './options/define.js';

/** position after the name, set by readName (avoids allocating a result object) */
export let nameEnd = 0;

/**
 * Reads one name from r.buf[pos, end). Returns the text, or undefined after an issue (compression pointer,
 * label length 64..191, label overrun, no terminating zero). A name over 255 octets is decoded with an issue.
 */
export function readName(r: Reader, pos: number, end: number, ctx: DecodeCtx): string | undefined {
  const buf = r.buf;
  const start = pos;
  let s = '';
  for (;;) {
    if (pos >= end) {
      report(ctx, 'dhcpv6.fqdn.not-terminated', 'domain name has no terminating zero-length label', r.abs(pos));
      return undefined;
    }
    const n = buf[pos]!;
    if (n === 0) {
      pos++;
      break;
    }
    if (n >= 0xc0) {
      report(ctx, 'dhcpv6.fqdn.compression', 'compression pointer in a DHCPv6 domain name (RFC 8415 §10)', r.abs(pos));
      return undefined;
    }
    if (n > 63) {
      report(ctx, 'dhcpv6.fqdn.label-too-long', `label length ${n} > 63`, r.abs(pos), { expected: '<=63', actual: n });
      return undefined;
    }
    if (pos + 1 + n > end) {
      report(ctx, 'dhcpv6.fqdn.label-overrun', `label length ${n} > ${end - pos - 1} octets left`, r.abs(pos));
      return undefined;
    }
    if (s.length) s += '.';
    for (let i = pos + 1; i <= pos + n; i++) s += labelChar(buf[i]!);
    pos += 1 + n;
  }
  if (pos - start > 255) {
    report(ctx, 'dhcpv6.fqdn.too-long', `domain name is ${pos - start} octets > 255`, r.abs(start), {
      expected: '<=255',
      actual: pos - start,
      severity: 'warning',
    });
  }
  nameEnd = pos;
  return s;
}

function labelChar(c: number): string {
  if (c > 0x20 && c < 0x7f && c !== 0x2e && c !== 0x5c) return String.fromCharCode(c);
  if (c === 0x2e) return '\\.';
  if (c === 0x5c) return '\\\\';
  return '\\' + String(c).padStart(3, '0');
}

/** A single name that must fill the whole option-data. */
export function readWholeName(r: Reader, len: number, ctx: DecodeCtx): string | undefined {
  const end = r.pos + len;
  const s = readName(r, r.pos, end, ctx);
  if (s === undefined) return undefined;
  if (nameEnd !== end) {
    report(ctx, 'dhcpv6.fqdn.trailing-bytes', `${end - nameEnd} octets after the domain name`, r.abs(nameEnd));
    return undefined;
  }
  return s;
}

const utf8 = new TextEncoder();

/** wire octets of a name given in text form; a label over 63 octets is a programmer error (use opt.raw for bad names) */
export function nameToWire(name: string): Uint8Array {
  const out: number[] = [];
  let label: number[] = [];
  const flush = (): void => {
    if (label.length > 63) throw new RangeError(`label over 63 octets in '${name}'`);
    out.push(label.length, ...label);
    label = [];
  };
  const text = name.endsWith('.') && !name.endsWith('\\.') ? name.slice(0, -1) : name;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '.') flush();
    else if (ch === '\\') {
      const d = text.slice(i + 1, i + 4);
      if (/^\d{3}$/.test(d)) {
        label.push(Number(d) & 0xff);
        i += 3;
      } else {
        label.push(text.charCodeAt(i + 1));
        i += 1;
      }
    } else {
      const c = text.charCodeAt(i);
      if (c < 0x80) label.push(c);
      else label.push(...utf8.encode(ch));
    }
  }
  if (text.length) flush();
  out.push(0);
  return new Uint8Array(out);
}

export function writeName(w: Writer, name: string): void {
  w.bytes(nameToWire(name));
}
