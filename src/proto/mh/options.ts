// Mobility options (RFC 6275 §6.2): Pad1 is one octet; every other option is Type | Length (excl. these 2) | Data.
// Decoded views: PadN, Binding Refresh Advice, Alternate CoA, Nonce Indices, Binding Authorization Data, MN-ID
// (RFC 4283), DNS-UPDATE (RFC 5026 §4.2); others kept as bytes.
import type { Span } from '../../wire/codec.js';
import { issue, type DecodeIssue } from '../../wire/issue.js';
import type { Reader } from '../../wire/reader.js';
import type { Writer } from '../../wire/writer.js';
import { ipText } from '../pana/addr.js';
import { DNS_UPDATE_R, DNS_UPDATE_STATUS, MH_OPTIONS } from './names.js';

export interface MhOption {
  type: number;
  /** option data (empty for Pad1) */
  data: Uint8Array;
  /** Length field as decoded */
  length?: number;
  override?: { length?: number };
  name?: string;
  parsed?: unknown;
  raw?: Span;
}

/** RFC 1035 labels when they parse exactly, else the bytes as text */
export function fqdnText(d: Uint8Array): string {
  const labels: string[] = [];
  let i = 0;
  while (i < d.length) {
    const n = d[i]!;
    if (n === 0 && i === d.length - 1) return labels.join('.');
    if (n === 0 || n > 63 || i + 1 + n > d.length) return new TextDecoder().decode(d);
    labels.push(new TextDecoder().decode(d.subarray(i + 1, i + 1 + n)));
    i += 1 + n;
  }
  return labels.join('.');
}

function view(o: MhOption): { name: string; parsed?: unknown } {
  const d = o.data;
  const name = MH_OPTIONS.get(o.type) ?? `Option-${o.type}`;
  const dv = new DataView(d.buffer, d.byteOffset, d.byteLength);
  switch (o.type) {
    case 2:
      return d.length === 2 ? { name, parsed: { refreshInterval: dv.getUint16(0) } } : { name };
    case 3:
      return d.length === 16 ? { name, parsed: { address: ipText(d) } } : { name };
    case 4:
      return d.length === 4 ? { name, parsed: { homeNonceIndex: dv.getUint16(0), careOfNonceIndex: dv.getUint16(2) } } : { name };
    case 5:
      return { name, parsed: { authenticator: d } };
    case 8: // RFC 4283: Subtype (1 = NAI) | Identifier
      return d.length >= 1 ? { name, parsed: { subtype: d[0], identifier: d[0] === 1 ? new TextDecoder().decode(d.subarray(1)) : d.subarray(1) } } : { name };
    case 17: // RFC 5026 §4.2: Status | R + Reserved | MN identity (FQDN)
      if (d.length < 2) return { name };
      return {
        name,
        parsed: {
          status: d[0], statusName: DNS_UPDATE_STATUS.get(d[0]!) ?? (d[0]! < 128 ? 'success' : 'failure'),
          r: (d[1]! & DNS_UPDATE_R) !== 0, reserved: d[1]! & 0x7f, mnIdentity: fqdnText(d.subarray(2)),
        },
      };
    default:
      return { name };
  }
}

/** reads options to the end of r; a partial option is returned as `tail` */
export function readMhOptions(r: Reader, issues: DecodeIssue[], path: (string | number)[] = ['options']): { options: MhOption[]; tail?: Uint8Array } {
  const options: MhOption[] = [];
  while (r.remaining > 0) {
    const start = r.pos;
    const type = r.u8();
    if (type === 0) {
      options.push({ type: 0, data: new Uint8Array(0), name: 'Pad1', raw: { offset: r.abs(start), length: 1 } });
      continue;
    }
    if (r.remaining < 1) {
      issues.push(issue('mh.option.truncated', `option ${type} has no Length octet`, r.abs(start), { path: [...path, options.length] }));
      r.pos = start;
      return { options, tail: r.rest() };
    }
    const length = r.u8();
    const o: MhOption = { type, length, data: new Uint8Array(0) };
    let n = length;
    if (n > r.remaining) {
      issues.push(issue('mh.option.length-overrun', `option ${type} Length ${length} runs past the message`, r.abs(start + 1), { path: [...path, options.length, 'length'], expected: r.remaining, actual: length }));
      o.override = { length };
      n = r.remaining;
    }
    o.data = r.bytes(n);
    Object.assign(o, view(o));
    o.raw = { offset: r.abs(start), length: r.pos - start };
    options.push(o);
  }
  return { options };
}

export function writeMhOption(w: Writer, o: MhOption): void {
  w.u8(o.type);
  if (o.type === 0) return;
  w.u8(o.override?.length ?? o.data.length).bytes(o.data);
}

export const mhOpt = {
  pad1: (): MhOption => ({ type: 0, data: new Uint8Array(0) }),
  padN: (n: number): MhOption => ({ type: 1, data: new Uint8Array(n) }),
  raw: (type: number, data: Uint8Array): MhOption => ({ type, data }),
  nonceIndices: (home: number, careOf: number): MhOption => ({ type: 4, data: new Uint8Array([home >> 8, home & 0xff, careOf >> 8, careOf & 0xff]) }),
  mnId: (nai: string): MhOption => ({ type: 8, data: new Uint8Array([1, ...new TextEncoder().encode(nai)]) }),
  /** RFC 5026 §4.2; the FQDN is written as RFC 1035 labels */
  dnsUpdate: (status: number, r: boolean, fqdn: string): MhOption => {
    const labels = fqdn.split('.').filter(Boolean).flatMap((l) => {
      const b = new TextEncoder().encode(l);
      return [b.length, ...b];
    });
    return { type: 17, data: new Uint8Array([status, r ? DNS_UPDATE_R : 0, ...labels, 0]) };
  },
};

/** options that pad `used` octets of MH up to a multiple of 8 (Pad1 or PadN, RFC 6275 §6.2.1–6.2.2) */
export function padTo8(used: number): MhOption[] {
  const n = (8 - (used % 8)) % 8;
  if (n === 0) return [];
  return n === 1 ? [mhOpt.pad1()] : [mhOpt.padN(n - 2)];
}
