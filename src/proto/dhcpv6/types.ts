// Decoded DHCPv6 values (RFC 8415 §8, §9, §21; RFC 6610; RFC 6422). One node per option, tagged by `kind`.
// Decoded nodes carry `offset`/`length`: the span of the whole option TLV (or message) in the outermost
// message buffer, so a node can be cited as evidence directly. Hand-built nodes have no span.

/** Fields every option node has. */
export interface OptionCommon {
  code: number;
  /** offset of the option-code octet in the outermost message buffer (decoded nodes only) */
  offset?: number;
  /** span length = 4 + option-len (decoded nodes only) */
  length?: number;
  /** encode this option-len instead of the computed one (negative tests) */
  lengthOverride?: number;
}

/** A list of options plus whatever could not be read as options (after an overrun); re-encoded verbatim. */
export interface OptionList {
  options: Dhcpv6Option[];
  trailing?: Uint8Array;
}

export type Duid =
  | { kind: 'llt'; type: 1; hwType: number; time: number; linkLayer: Uint8Array }
  | { kind: 'en'; type: 2; enterprise: number; identifier: Uint8Array }
  | { kind: 'll'; type: 3; hwType: number; linkLayer: Uint8Array }
  | { kind: 'uuid'; type: 4; uuid: Uint8Array }
  /** unknown DUID type, or a known one too short for its fields: kept as bytes */
  | { kind: 'other'; type: number; data: Uint8Array };

export interface ClientIdOption extends OptionCommon { kind: 'clientId'; duid: Duid }
export interface ServerIdOption extends OptionCommon { kind: 'serverId'; duid: Duid }
export interface IaNaOption extends OptionCommon, OptionList { kind: 'iaNa'; iaid: number; t1: number; t2: number }
export interface IaTaOption extends OptionCommon, OptionList { kind: 'iaTa'; iaid: number }
export interface IaPdOption extends OptionCommon, OptionList { kind: 'iaPd'; iaid: number; t1: number; t2: number }
export interface IaAddrOption extends OptionCommon, OptionList { kind: 'iaAddr'; address: string; preferred: number; valid: number }
export interface IaPrefixOption extends OptionCommon, OptionList {
  kind: 'iaPrefix'; preferred: number; valid: number; prefixLength: number; prefix: string;
}
export interface OroOption extends OptionCommon {
  kind: 'oro';
  codes: number[];
  /** the odd octet of an odd-length ORO (issue dhcpv6.oro.odd-length) */
  trailing?: Uint8Array;
}
export interface PreferenceOption extends OptionCommon { kind: 'preference'; value: number }
/** hundredths of a second; 0xffff = saturated (RFC 8415 §21.9) */
export interface ElapsedTimeOption extends OptionCommon { kind: 'elapsedTime'; value: number }
export interface RelayMsgOption extends OptionCommon { kind: 'relayMsg'; message: Dhcpv6Message }
export interface AuthOption extends OptionCommon {
  kind: 'auth'; protocol: number; algorithm: number; rdm: number; replay: bigint; info: Uint8Array;
}
export interface UnicastOption extends OptionCommon { kind: 'unicast'; address: string }
export interface StatusCodeOption extends OptionCommon {
  kind: 'statusCode';
  status: number;
  message: string;
  /** the message bytes when they are not valid UTF-8 (re-encoded instead of `message`) */
  messageBytes?: Uint8Array;
}
export interface RapidCommitOption extends OptionCommon { kind: 'rapidCommit' }
export interface UserClassOption extends OptionCommon { kind: 'userClass'; classes: Uint8Array[] }
export interface VendorClassOption extends OptionCommon { kind: 'vendorClass'; enterprise: number; classes: Uint8Array[] }
export interface VendorOptsOption extends OptionCommon {
  kind: 'vendorOpts'; enterprise: number; suboptions: { code: number; data: Uint8Array }[];
}
export interface InterfaceIdOption extends OptionCommon { kind: 'interfaceId'; id: Uint8Array }
export interface ReconfMsgOption extends OptionCommon { kind: 'reconfMsg'; msgType: number }
export interface ReconfAcceptOption extends OptionCommon { kind: 'reconfAccept' }
export interface DnsServersOption extends OptionCommon { kind: 'dnsServers'; servers: string[] }
export interface DomainListOption extends OptionCommon { kind: 'domainList'; domains: string[] }
/** seconds; 0xffffffff = infinity */
export interface InformationRefreshTimeOption extends OptionCommon { kind: 'informationRefreshTime'; seconds: number }
export interface SolMaxRtOption extends OptionCommon { kind: 'solMaxRt'; seconds: number }
export interface InfMaxRtOption extends OptionCommon { kind: 'infMaxRt'; seconds: number }
export interface ErpLocalDomainNameOption extends OptionCommon { kind: 'erpLocalDomainName'; domain: string }
export interface RsooOption extends OptionCommon, OptionList { kind: 'rsoo' }
export interface RelaySourcePortOption extends OptionCommon { kind: 'relaySourcePort'; port: number }
/** RFC 6610 §3.1; `idType` is present only under the 'hiopt-draft' profile (id-type octet before the FQDN). */
export interface HnidfOption extends OptionCommon { kind: 'hnidf'; fqdn: string; idType?: number }
export interface VdinfOption extends OptionCommon, OptionList { kind: 'vdinf' }
export interface IdinfOption extends OptionCommon, OptionList { kind: 'idinf' }
export interface UdinfOption extends OptionCommon, OptionList { kind: 'udinf' }
export interface HnpOption extends OptionCommon { kind: 'hnp'; prefixLength: number; prefix: string }
export interface HaaOption extends OptionCommon { kind: 'haa'; address: string }
export interface HafOption extends OptionCommon { kind: 'haf'; fqdn: string }
/** an option code this module does not know */
export interface UnknownOption extends OptionCommon { kind: 'unknown'; data: Uint8Array }
/** a known code whose data could not be decoded (an issue says why), or bytes crafted by hand */
export interface RawOption extends OptionCommon { kind: 'raw'; data: Uint8Array }

export type Dhcpv6Option =
  | ClientIdOption | ServerIdOption | IaNaOption | IaTaOption | IaPdOption | IaAddrOption | IaPrefixOption
  | OroOption | PreferenceOption | ElapsedTimeOption | RelayMsgOption | AuthOption | UnicastOption
  | StatusCodeOption | RapidCommitOption | UserClassOption | VendorClassOption | VendorOptsOption
  | InterfaceIdOption | ReconfMsgOption | ReconfAcceptOption | DnsServersOption | DomainListOption
  | InformationRefreshTimeOption | SolMaxRtOption | InfMaxRtOption | ErpLocalDomainNameOption | RsooOption
  | RelaySourcePortOption | HnidfOption | VdinfOption | IdinfOption | UdinfOption | HnpOption | HaaOption
  | HafOption | UnknownOption | RawOption;

export type OptionKind = Dhcpv6Option['kind'];
export type OptionOfKind<K extends OptionKind> = Extract<Dhcpv6Option, { kind: K }>;

interface MessageCommon extends OptionList {
  /** -1 only for an empty (zero-octet) message */
  msgType: number;
  /** span of the message in the outermost buffer (decoded messages only) */
  offset?: number;
  length?: number;
  /** the fixed header was cut short: only msgType is real; the bytes after it are in `trailing` */
  partial?: boolean;
}

/** Client/server message (RFC 8415 §8): msg-type, 3-octet transaction-id, options. */
export interface Dhcpv6ClientServerMessage extends MessageCommon {
  kind: 'message';
  transactionId: number;
}

/** Relay-forward / Relay-reply (RFC 8415 §9): msg-type, hop-count, link-address, peer-address, options. */
export interface Dhcpv6RelayMessage extends MessageCommon {
  kind: 'relay';
  hopCount: number;
  linkAddress: string;
  peerAddress: string;
}

export type Dhcpv6Message = Dhcpv6ClientServerMessage | Dhcpv6RelayMessage;
