// Dictionary rows: AVP definitions, command grammars, flag rules (RFC 6733 §3.2 CCF, §4.5 flag table).
// Shaped after Wireshark's diameter/*.xml and freeDiameter's dict_* rules: data, not code.

/** RFC 6733 §4.2 basic and §4.3 derived data types. */
export type AvpType =
  | 'OctetString'
  | 'Integer32'
  | 'Integer64'
  | 'Unsigned32'
  | 'Unsigned64'
  | 'Float32'
  | 'Float64'
  | 'Grouped'
  | 'Address'
  | 'Time'
  | 'UTF8String'
  | 'DiameterIdentity'
  | 'DiameterURI'
  | 'Enumerated';

export const AVP_TYPES: readonly AvpType[] = [
  'OctetString', 'Integer32', 'Integer64', 'Unsigned32', 'Unsigned64', 'Float32', 'Float64', 'Grouped',
  'Address', 'Time', 'UTF8String', 'DiameterIdentity', 'DiameterURI', 'Enumerated',
];

export type FlagName = 'V' | 'M' | 'P';

/** AVP flag rules as the RFC tables write them: bits that MUST be set, bits that MUST NOT be set. */
export interface FlagRules {
  must: readonly FlagName[];
  mustNot: readonly FlagName[];
}

/** One CCF element (RFC 6733 §3.2): `<X>` fixed, `{X}` required, `[X]` optional, with min*max qualifier. */
export interface Rule {
  avp: string;
  position: 'fixed' | 'required' | 'optional';
  min: number;
  /** Infinity when unbounded */
  max: number;
}

/** A parsed grammar: the rules plus whether `*[ AVP ]` admits any other AVP. */
export interface Grammar {
  rules: readonly Rule[];
  anyAvp: boolean;
}

/** A named bit of a flags-valued Unsigned32/Unsigned64 AVP (e.g. MIP6-Feature-Vector). */
export interface BitDef {
  mask: bigint;
  name: string;
  source: string;
}

export interface AvpDef {
  code: number;
  /** absent or 0 = IETF space (V bit clear) */
  vendorId?: number;
  name: string;
  type: AvpType;
  flags: FlagRules;
  /** names of values (Enumerated, and named Unsigned32 codes such as Result-Code) */
  enums?: Readonly<Record<number, string>>;
  bits?: readonly BitDef[];
  /** for Grouped */
  grammar?: Grammar;
  /** exact data length the defining text requires (e.g. MIP6-Home-Link-Prefix 17); checked by assertions */
  dataLength?: number;
  source: string;
}

/** One direction of a command. */
export interface MessageDef {
  /** 'CER' */
  abbrev: string;
  /** 'Capabilities-Exchange-Request' */
  name: string;
  /** the PXY header tag */
  proxiable: boolean;
  grammar: Grammar;
}

export interface CommandDef {
  code: number;
  /** header Application-Id the command belongs to; undefined = any application (RAR/STR/ASR/ACR carry the session's) */
  appId?: number;
  request: MessageDef;
  answer: MessageDef;
  source: string;
}

/** Rules one document adds to another document's command (e.g. RFC 5447 adding MIP6 AVPs to AAR/AAA). */
export interface GrammarExtension {
  code: number;
  appId?: number;
  request?: readonly Rule[];
  answer?: readonly Rule[];
  source: string;
}

/** One application's dictionary file. */
export interface Application {
  name: string;
  /** Application-Ids this file defines (informational; commands carry their own) */
  appIds: readonly number[];
  avps: readonly AvpDef[];
  commands: readonly CommandDef[];
  extensions?: readonly GrammarExtension[];
  source: string;
}

/** Shorthands used by the dictionary files. */
export const F = {
  /** M must, V must not: most IETF AVPs */
  M: { must: ['M'], mustNot: ['V'] } as FlagRules,
  /** neither M nor V (RFC 6733 "— / V,M") */
  none: { must: [], mustNot: ['V', 'M'] } as FlagRules,
  /** V must, M may */
  V: { must: ['V'], mustNot: [] } as FlagRules,
  /** V and M must */
  VM: { must: ['V', 'M'], mustNot: [] } as FlagRules,
} as const;
