// DHCPv6 messages (RFC 8415 §8, §9). Client/server: msg-type(1) | transaction-id(3) | options.
// Relay-forward/-reply: msg-type(1) | hop-count(1) | link-address(16) | peer-address(16) | options, nested to any
// depth through OPTION_RELAY_MSG. decodeDhcpv6 never throws on wire data.
import type { Settings } from '../../assert/profiles.js';
import type { Decoded } from '../../wire/codec.js';
import { Reader } from '../../wire/reader.js';
import { Writer } from '../../wire/writer.js';
import { ipv6At } from './addr.js';
import { report, writeIpv6, type DecodeCtx, type EncodeCtx, type HnidfProfile } from './options/define.js';
import { decodeOptionList, encodeOptionList, withList } from './options/list.js';
import { DEFS_BY_CODE, DEFS_BY_KIND } from './registry.js';
import type { Dhcpv6Message } from './types.js';

export type Dhcpv6Settings = Partial<Pick<Settings, 'dhcpv6.hnidf'>>;

const RELAY_HEADER = 34;
const CLIENT_HEADER = 4;

function decodeMessage(r: Reader, end: number, ctx: DecodeCtx): Dhcpv6Message {
  const buf = r.buf;
  const at = r.pos;
  const n = end - at;
  const msgType = n > 0 ? buf[at]! : -1;
  const relay = msgType === 12 || msgType === 13;
  const need = relay ? RELAY_HEADER : CLIENT_HEADER;
  if (n < need) {
    report(ctx, 'dhcpv6.truncated', `message of ${n} octets is shorter than its ${need}-octet header`, r.abs(at), {
      expected: need,
      actual: n,
    });
    r.pos = end;
    const trailing = buf.subarray(Math.min(at + 1, end), end);
    return relay
      ? { kind: 'relay', msgType, hopCount: n > 1 ? buf[at + 1]! : 0, linkAddress: '::', peerAddress: '::', options: [], trailing, partial: true, offset: r.abs(at), length: n }
      : { kind: 'message', msgType, transactionId: 0, options: [], trailing, partial: true, offset: r.abs(at), length: n };
  }
  if (relay) {
    const node = {
      kind: 'relay' as const,
      msgType,
      hopCount: buf[at + 1]!,
      linkAddress: ipv6At(buf, at + 2),
      peerAddress: ipv6At(buf, at + 18),
      offset: r.abs(at),
      length: n,
    };
    r.pos = at + RELAY_HEADER;
    return withList(node, decodeOptionList(r, end, ctx));
  }
  const node = {
    kind: 'message' as const,
    msgType,
    transactionId: (buf[at + 1]! << 16) | (buf[at + 2]! << 8) | buf[at + 3]!,
    offset: r.abs(at),
    length: n,
  };
  r.pos = at + CLIENT_HEADER;
  return withList(node, decodeOptionList(r, end, ctx));
}

function encodeMessage(m: Dhcpv6Message, w: Writer, ctx: EncodeCtx): void {
  if (m.msgType >= 0) w.u8(m.msgType);
  if (m.partial) {
    if (m.trailing) w.bytes(m.trailing);
    return;
  }
  if (m.kind === 'relay') {
    w.u8(m.hopCount);
    writeIpv6(w, m.linkAddress);
    writeIpv6(w, m.peerAddress);
  } else w.u24(m.transactionId);
  encodeOptionList(m, w, ctx);
}

function hnidfProfile(settings?: Dhcpv6Settings): HnidfProfile {
  return settings?.['dhcpv6.hnidf'] ?? 'rfc6610';
}

/** Decodes one DHCPv6 message (UDP payload). Offsets in nodes and issues are relative to `bytes`. */
export function decodeDhcpv6(bytes: Uint8Array, settings?: Dhcpv6Settings): Decoded<Dhcpv6Message> {
  const ctx: DecodeCtx = {
    defs: DEFS_BY_CODE,
    hnidf: hnidfProfile(settings),
    issues: [],
    path: [],
    depth: 0,
    decodeMessage,
  };
  const value = decodeMessage(new Reader(bytes), bytes.length, ctx);
  return { value, issues: ctx.issues };
}

/** Encodes a message; lengths are computed unless an option carries `lengthOverride`; `trailing` bytes are appended. */
export function encodeDhcpv6(msg: Dhcpv6Message, settings?: Dhcpv6Settings): Uint8Array {
  const w = new Writer(256);
  encodeMessage(msg, w, { byKind: DEFS_BY_KIND, hnidf: hnidfProfile(settings), encodeMessage });
  return w.finish();
}
