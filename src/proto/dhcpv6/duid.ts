// DUID (RFC 8415 §11; DUID-UUID RFC 6355; DIGEST §1.4): type(2) + body. Known types too short for their
// fields, and unknown types, are kept as bytes (kind 'other').
import type { Reader } from '../../wire/reader.js';
import type { Writer } from '../../wire/writer.js';
import { report, type DecodeCtx } from './options/define.js';
import type { Duid } from './types.js';

/** reads a DUID filling `len` octets at r.pos (len >= 2, checked by the caller) */
export function readDuid(r: Reader, len: number, ctx: DecodeCtx): Duid {
  const start = r.pos;
  if (len < 3 || len > 130) {
    report(ctx, 'dhcpv6.duid.bad-length', `DUID is ${len} octets; type + 1..128 octets expected (RFC 8415 §11)`, r.abs(start), {
      expected: '3..130',
      actual: len,
      severity: 'warning',
    });
  }
  const type = r.u16();
  const body = len - 2;
  switch (type) {
    case 1:
      if (body >= 6) return { kind: 'llt', type: 1, hwType: r.u16(), time: r.u32(), linkLayer: r.bytes(body - 6) };
      break;
    case 2:
      if (body >= 4) return { kind: 'en', type: 2, enterprise: r.u32(), identifier: r.bytes(body - 4) };
      break;
    case 3:
      if (body >= 2) return { kind: 'll', type: 3, hwType: r.u16(), linkLayer: r.bytes(body - 2) };
      break;
    case 4:
      if (body === 16) return { kind: 'uuid', type: 4, uuid: r.bytes(16) };
      break;
    default:
      return { kind: 'other', type, data: r.bytes(body) };
  }
  report(ctx, 'dhcpv6.duid.bad-length', `DUID type ${type} body of ${body} octets is too short for its fields`, r.abs(start), {
    actual: body,
    severity: 'warning',
  });
  return { kind: 'other', type, data: r.bytes(body) };
}

export function writeDuid(w: Writer, d: Duid): void {
  w.u16(d.type);
  switch (d.kind) {
    case 'llt':
      w.u16(d.hwType).u32(d.time).bytes(d.linkLayer);
      return;
    case 'en':
      w.u32(d.enterprise).bytes(d.identifier);
      return;
    case 'll':
      w.u16(d.hwType).bytes(d.linkLayer);
      return;
    case 'uuid':
      w.bytes(d.uuid);
      return;
    case 'other':
      w.bytes(d.data);
  }
}

/** seconds between 1970-01-01 and 2000-01-01 (DUID-LLT time base, RFC 8415 §11.2) */
export const DUID_EPOCH = 946684800;

export const duid = {
  llt: (linkLayer: Uint8Array, time = 0, hwType = 1): Duid => ({ kind: 'llt', type: 1, hwType, time, linkLayer }),
  en: (enterprise: number, identifier: Uint8Array): Duid => ({ kind: 'en', type: 2, enterprise, identifier }),
  ll: (linkLayer: Uint8Array, hwType = 1): Duid => ({ kind: 'll', type: 3, hwType, linkLayer }),
  uuid: (uuid: Uint8Array): Duid => ({ kind: 'uuid', type: 4, uuid }),
  other: (type: number, data: Uint8Array): Duid => ({ kind: 'other', type, data }),
};
