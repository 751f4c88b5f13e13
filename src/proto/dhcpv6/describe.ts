// JSON-safe description of a message for `decode --format json` (tshark-like tree): bigints as strings, bytes as hex.
import { toHex } from '../../wire/codec.js';
import { msgTypeName, optionName, statusName } from './names.js';
import type { Dhcpv6Message, Dhcpv6Option } from './types.js';

export interface OptionDescription {
  code: number;
  name: string;
  kind: string;
  /** option-len as on the wire (null for a hand-built option) */
  length: number | null;
  offset?: number;
  value: unknown;
  options?: OptionDescription[];
  trailing?: string;
}

const SKIP = new Set(['code', 'kind', 'offset', 'length', 'lengthOverride', 'options', 'trailing', 'message']);

export function jsonSafe(v: unknown): unknown {
  if (v instanceof Uint8Array) return toHex(v);
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return v.map(jsonSafe);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = jsonSafe(x);
    return out;
  }
  return v;
}

export function describeOption(o: Dhcpv6Option): OptionDescription {
  const value: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) if (!SKIP.has(k)) value[k] = jsonSafe(x);
  if (o.kind === 'statusCode') value['statusName'] = statusName(o.status);
  if (o.kind === 'relayMsg') value['msgType'] = msgTypeName(o.message.msgType);
  if (o.kind === 'oro' && o.trailing) value['trailing'] = toHex(o.trailing);
  const d: OptionDescription = {
    code: o.code,
    name: optionName(o.code),
    kind: o.kind,
    length: o.length === undefined ? null : o.length - 4,
    value: Object.keys(value).length ? value : null,
  };
  if (o.offset !== undefined) d.offset = o.offset;
  if ('options' in o) {
    d.options = o.options.map(describeOption);
    if (o.trailing) d.trailing = toHex(o.trailing);
  }
  return d;
}

export function describeDhcpv6(m: Dhcpv6Message): Record<string, unknown> {
  const out: Record<string, unknown> = { msgType: msgTypeName(m.msgType), msgTypeCode: m.msgType };
  if (m.kind === 'relay') {
    out['hopCount'] = m.hopCount;
    out['linkAddress'] = m.linkAddress;
    out['peerAddress'] = m.peerAddress;
  } else out['transactionId'] = m.transactionId.toString(16).padStart(6, '0');
  if (m.partial) out['partial'] = true;
  out['options'] = m.options.map(describeOption);
  if (m.trailing && m.trailing.length) out['trailing'] = toHex(m.trailing);
  if (m.kind === 'relay') {
    const inner = m.options.find((o) => o.kind === 'relayMsg');
    if (inner && inner.kind === 'relayMsg') out['relayed'] = describeDhcpv6(inner.message);
  }
  return out;
}
