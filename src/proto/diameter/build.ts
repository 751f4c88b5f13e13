// Builders and finders. Values are given in friendly forms and normalised by the dictionary type
// (Address from text, Time from Date, Enumerated/Result-Code by name, 64-bit from number, Grouped from a list).
import { AVPF, type DiameterAvp } from './avp.js';
import { defaultDictionary, type AvpDef, type Dictionary } from './dictionary/index.js';
import { CMD } from './header.js';
import type { DiameterMessage } from './message.js';
import { addressFromText, parseUri, unixToNtp, ntpToUnix, type AvpValue } from './types.js';

export type AvpInput = AvpValue | Date | readonly DiameterAvp[];

export interface AvpOptions {
  /** Vendor-ID; sets V. Defaults to the dictionary's vendor for the name. */
  vendorId?: number;
  /** the whole flags octet; defaults to the dictionary's must-bits (V when vendor-specific) */
  flags?: number;
  dict?: Dictionary;
  lengthOverride?: number;
}

const bitOf = { V: AVPF.V, M: AVPF.M, P: AVPF.P } as const;

/** Builds one AVP. `nameOrCode` resolves through the dictionary; an unknown code takes a Uint8Array (or string) value. */
export function avp(nameOrCode: string | number, value: AvpInput, opts: AvpOptions = {}): DiameterAvp {
  const dict = opts.dict ?? defaultDictionary();
  const def: AvpDef | undefined =
    typeof nameOrCode === 'string' ? dict.avpByName(nameOrCode) : dict.avp(nameOrCode, opts.vendorId ?? 0);
  if (!def && typeof nameOrCode === 'string') throw new Error(`avp: unknown AVP name '${nameOrCode}'`);
  const code = def ? def.code : (nameOrCode as number);
  const vendorId = opts.vendorId ?? def?.vendorId;
  let flags = 0;
  if (opts.flags !== undefined) flags = opts.flags;
  else {
    for (const f of def?.flags.must ?? []) flags |= bitOf[f];
    if (vendorId) flags |= AVPF.V;
  }
  const node: DiameterAvp = { code, flags, length: 0, value: normalise(def, value) };
  if (vendorId !== undefined && vendorId !== 0) node.vendorId = vendorId;
  if (def) {
    node.name = def.name;
    node.type = def.type;
    if (def.enums && typeof node.value === 'number') {
      const n = def.enums[node.value];
      if (n !== undefined) node.enumName = n;
    }
  }
  if (Array.isArray(node.value)) node.avps = node.value;
  if (opts.lengthOverride !== undefined) node.lengthOverride = opts.lengthOverride;
  return node;
}

/** An AVP written verbatim (header and all), for bytes the codec cannot express. */
export function rawAvp(bytes: Uint8Array, code = 0): DiameterAvp {
  return { code, flags: 0, length: bytes.length, value: bytes, rawBytes: bytes };
}

function normalise(def: AvpDef | undefined, v: AvpInput): AvpValue {
  if (v instanceof Uint8Array) return v;
  if (!def) return typeof v === 'string' ? new TextEncoder().encode(v) : (v as AvpValue);
  switch (def.type) {
    case 'Grouped':
      return [...(v as DiameterAvp[])];
    case 'Enumerated':
    case 'Unsigned32':
    case 'Integer32':
      if (typeof v === 'string') {
        const hit = Object.entries(def.enums ?? {}).find(([, n]) => n === v);
        if (!hit) throw new Error(`avp: ${def.name} has no value named '${v}'`);
        return Number(hit[0]);
      }
      return Number(v);
    case 'Unsigned64':
    case 'Integer64':
      return typeof v === 'bigint' ? v : BigInt(v as number);
    case 'Float32':
    case 'Float64':
      return Number(v);
    case 'Address':
      return typeof v === 'string' ? addressFromText(v) : (v as AvpValue);
    case 'Time':
      if (v instanceof Date) {
        const ntp = unixToNtp(v.getTime() / 1000);
        return { ntp, unix: ntpToUnix(ntp) };
      }
      if (typeof v === 'number') {
        const ntp = unixToNtp(v);
        return { ntp, unix: ntpToUnix(ntp) };
      }
      return v as AvpValue;
    case 'DiameterURI':
      return typeof v === 'string' ? (parseUri(v) ?? { uri: v, secure: false, fqdn: '', port: 0 }) : (v as AvpValue);
    case 'OctetString':
      return typeof v === 'string' ? new TextEncoder().encode(v) : (v as AvpValue);
    default:
      return v as AvpValue;
  }
}

export interface MessageOptions {
  /** answer instead of request (when the command is named by code) */
  request?: boolean;
  /** the whole flags octet (defaults: R for requests, P when the command is proxiable) */
  flags?: number;
  applicationId?: number;
  hopByHop?: number;
  endToEnd?: number;
  dict?: Dictionary;
}

/** Builds a message. `command` is an abbreviation ('CER', 'MIA', 'MBR') or a code (then `request` says which direction). */
export function diameterMessage(command: string | number, avps: DiameterAvp[], opts: MessageOptions = {}): DiameterMessage {
  const dict = opts.dict ?? defaultDictionary();
  let code: number;
  let request = opts.request ?? true;
  let proxiable = false;
  let appId = opts.applicationId;
  let name: string | undefined;
  if (typeof command === 'string') {
    const c = dict.commands.find((x) => x.request.abbrev === command || x.answer.abbrev === command);
    if (!c) throw new Error(`diameterMessage: unknown command '${command}'`);
    code = c.code;
    request = c.request.abbrev === command;
    const d = request ? c.request : c.answer;
    proxiable = d.proxiable;
    appId ??= c.appId;
    name = d.abbrev;
  } else {
    code = command;
    const c = dict.command(code, appId);
    if (c) {
      const d = request ? c.request : c.answer;
      proxiable = d.proxiable;
      appId ??= c.appId;
      name = d.abbrev;
    }
  }
  const flags = opts.flags ?? ((request ? CMD.R : 0) | (proxiable ? CMD.P : 0));
  const msg: DiameterMessage = {
    version: 1, length: 0, flags, commandCode: code, applicationId: appId ?? 0,
    hopByHop: opts.hopByHop ?? 0, endToEnd: opts.endToEnd ?? 0, avps,
  };
  if (name) msg.name = name;
  return msg;
}

/** What to look for: a name, a code (IETF space), or code + vendor. A name may be a path: 'MIP6-Agent-Info/MIP-Home-Agent-Address'. */
export type AvpKey = string | number | { code: number; vendorId?: number };

function matches(a: DiameterAvp, k: string | number | { code: number; vendorId?: number }): boolean {
  if (typeof k === 'string') return a.name === k;
  if (typeof k === 'number') return a.code === k && !a.vendorId;
  return a.code === k.code && (a.vendorId ?? 0) === (k.vendorId ?? 0);
}

function childrenOf(x: DiameterMessage | DiameterAvp | readonly DiameterAvp[]): readonly DiameterAvp[] {
  if (Array.isArray(x)) return x as readonly DiameterAvp[];
  return (x as { avps?: DiameterAvp[] }).avps ?? [];
}

/** Every AVP matching `key` among the direct children (or along a '/' path, descending Grouped AVPs). */
export function findAll(x: DiameterMessage | DiameterAvp | readonly DiameterAvp[], key: AvpKey): DiameterAvp[] {
  const steps: (string | number | { code: number; vendorId?: number })[] = typeof key === 'string' ? key.split('/') : [key];
  let level: readonly DiameterAvp[] = childrenOf(x);
  let hits: DiameterAvp[] = [];
  for (let i = 0; i < steps.length; i++) {
    hits = level.filter((a) => matches(a, steps[i]!));
    if (i < steps.length - 1) level = hits.flatMap((a) => a.avps ?? []);
  }
  return hits;
}

/** The first AVP matching `key` (see findAll). */
export function findAvp(x: DiameterMessage | DiameterAvp | readonly DiameterAvp[], key: AvpKey): DiameterAvp | undefined {
  return findAll(x, key)[0];
}
