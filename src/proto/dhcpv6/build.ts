// Terse constructors for crafting messages (probes, tests, fixtures). Addresses are stored in RFC 5952 form so a
// built message deep-equals its decoded copy. Negative tests: opt.withLength() and opt.raw(); messages take `trailing`.
import { canonicalIpv6 } from './addr.js';
import { MSG } from './names.js';
import type {
  Dhcpv6ClientServerMessage, Dhcpv6Message, Dhcpv6Option, Dhcpv6RelayMessage, Duid, OptionOfKind,
} from './types.js';

const text = new TextEncoder();
const bytesOf = (b: Uint8Array | string): Uint8Array => (typeof b === 'string' ? text.encode(b) : b);

export const opt = {
  clientId: (duid: Duid): OptionOfKind<'clientId'> => ({ code: 1, kind: 'clientId', duid }),
  serverId: (duid: Duid): OptionOfKind<'serverId'> => ({ code: 2, kind: 'serverId', duid }),
  iaNa: (iaid: number, t1 = 0, t2 = 0, options: Dhcpv6Option[] = []): OptionOfKind<'iaNa'> => ({ code: 3, kind: 'iaNa', iaid, t1, t2, options }),
  iaTa: (iaid: number, options: Dhcpv6Option[] = []): OptionOfKind<'iaTa'> => ({ code: 4, kind: 'iaTa', iaid, options }),
  iaPd: (iaid: number, t1 = 0, t2 = 0, options: Dhcpv6Option[] = []): OptionOfKind<'iaPd'> => ({ code: 25, kind: 'iaPd', iaid, t1, t2, options }),
  iaAddr: (address: string, preferred = 0, valid = 0, options: Dhcpv6Option[] = []): OptionOfKind<'iaAddr'> => ({
    code: 5, kind: 'iaAddr', address: canonicalIpv6(address), preferred, valid, options,
  }),
  iaPrefix: (prefixLength: number, prefix: string, preferred = 0, valid = 0, options: Dhcpv6Option[] = []): OptionOfKind<'iaPrefix'> => ({
    code: 26, kind: 'iaPrefix', preferred, valid, prefixLength, prefix: canonicalIpv6(prefix), options,
  }),
  oro: (codes: number[]): OptionOfKind<'oro'> => ({ code: 6, kind: 'oro', codes }),
  preference: (value: number): OptionOfKind<'preference'> => ({ code: 7, kind: 'preference', value }),
  /** hundredths of a second */
  elapsedTime: (value = 0): OptionOfKind<'elapsedTime'> => ({ code: 8, kind: 'elapsedTime', value }),
  relayMsg: (message: Dhcpv6Message): OptionOfKind<'relayMsg'> => ({ code: 9, kind: 'relayMsg', message }),
  auth: (a: { protocol: number; algorithm: number; rdm: number; replay: bigint; info: Uint8Array }): OptionOfKind<'auth'> => ({
    code: 11, kind: 'auth', ...a,
  }),
  unicast: (address: string): OptionOfKind<'unicast'> => ({ code: 12, kind: 'unicast', address: canonicalIpv6(address) }),
  statusCode: (status: number, message = ''): OptionOfKind<'statusCode'> => ({ code: 13, kind: 'statusCode', status, message }),
  rapidCommit: (): OptionOfKind<'rapidCommit'> => ({ code: 14, kind: 'rapidCommit' }),
  userClass: (classes: (Uint8Array | string)[]): OptionOfKind<'userClass'> => ({ code: 15, kind: 'userClass', classes: classes.map(bytesOf) }),
  vendorClass: (enterprise: number, classes: (Uint8Array | string)[]): OptionOfKind<'vendorClass'> => ({
    code: 16, kind: 'vendorClass', enterprise, classes: classes.map(bytesOf),
  }),
  vendorOpts: (enterprise: number, suboptions: { code: number; data: Uint8Array }[]): OptionOfKind<'vendorOpts'> => ({
    code: 17, kind: 'vendorOpts', enterprise, suboptions,
  }),
  interfaceId: (id: Uint8Array | string): OptionOfKind<'interfaceId'> => ({ code: 18, kind: 'interfaceId', id: bytesOf(id) }),
  reconfMsg: (msgType: number): OptionOfKind<'reconfMsg'> => ({ code: 19, kind: 'reconfMsg', msgType }),
  reconfAccept: (): OptionOfKind<'reconfAccept'> => ({ code: 20, kind: 'reconfAccept' }),
  dnsServers: (servers: string[]): OptionOfKind<'dnsServers'> => ({ code: 23, kind: 'dnsServers', servers: servers.map(canonicalIpv6) }),
  domainList: (domains: string[]): OptionOfKind<'domainList'> => ({ code: 24, kind: 'domainList', domains }),
  informationRefreshTime: (seconds: number): OptionOfKind<'informationRefreshTime'> => ({ code: 32, kind: 'informationRefreshTime', seconds }),
  solMaxRt: (seconds: number): OptionOfKind<'solMaxRt'> => ({ code: 82, kind: 'solMaxRt', seconds }),
  infMaxRt: (seconds: number): OptionOfKind<'infMaxRt'> => ({ code: 83, kind: 'infMaxRt', seconds }),
  erpLocalDomainName: (domain: string): OptionOfKind<'erpLocalDomainName'> => ({ code: 65, kind: 'erpLocalDomainName', domain }),
  rsoo: (options: Dhcpv6Option[]): OptionOfKind<'rsoo'> => ({ code: 66, kind: 'rsoo', options }),
  relaySourcePort: (port: number): OptionOfKind<'relaySourcePort'> => ({ code: 135, kind: 'relaySourcePort', port }),
  /** RFC 6610 bare FQDN; give idType to write the draft-ietf-mip6-hiopt id-type octet */
  hnidf: (fqdn: string, idType?: number): OptionOfKind<'hnidf'> =>
    idType === undefined ? { code: 49, kind: 'hnidf', fqdn } : { code: 49, kind: 'hnidf', fqdn, idType },
  vdinf: (options: Dhcpv6Option[]): OptionOfKind<'vdinf'> => ({ code: 50, kind: 'vdinf', options }),
  idinf: (options: Dhcpv6Option[]): OptionOfKind<'idinf'> => ({ code: 69, kind: 'idinf', options }),
  udinf: (options: Dhcpv6Option[]): OptionOfKind<'udinf'> => ({ code: 70, kind: 'udinf', options }),
  hnp: (prefixLength: number, prefix: string): OptionOfKind<'hnp'> => ({ code: 71, kind: 'hnp', prefixLength, prefix: canonicalIpv6(prefix) }),
  haa: (address: string): OptionOfKind<'haa'> => ({ code: 72, kind: 'haa', address: canonicalIpv6(address) }),
  haf: (fqdn: string): OptionOfKind<'haf'> => ({ code: 73, kind: 'haf', fqdn }),
  /** any code with hand-made option-data */
  raw: (code: number, data: Uint8Array | string): OptionOfKind<'raw'> => ({ code, kind: 'raw', data: bytesOf(data) }),
  /** a copy of `o` that encodes option-len = `len` whatever its data (negative tests) */
  withLength: <O extends Dhcpv6Option>(o: O, len: number): O => ({ ...o, lengthOverride: len }),
};

export const msg = {
  message: (msgType: number, transactionId: number, options: Dhcpv6Option[] = [], trailing?: Uint8Array): Dhcpv6ClientServerMessage =>
    trailing ? { kind: 'message', msgType, transactionId, options, trailing } : { kind: 'message', msgType, transactionId, options },
  solicit: (trid: number, options: Dhcpv6Option[] = []) => msg.message(MSG.SOLICIT, trid, options),
  reply: (trid: number, options: Dhcpv6Option[] = []) => msg.message(MSG.REPLY, trid, options),
  informationRequest: (trid: number, options: Dhcpv6Option[] = []) => msg.message(MSG.INFORMATION_REQUEST, trid, options),
  relay: (
    msgType: number, hopCount: number, linkAddress: string, peerAddress: string, options: Dhcpv6Option[] = [], trailing?: Uint8Array,
  ): Dhcpv6RelayMessage => {
    const m: Dhcpv6RelayMessage = {
      kind: 'relay', msgType, hopCount, linkAddress: canonicalIpv6(linkAddress), peerAddress: canonicalIpv6(peerAddress), options,
    };
    if (trailing) m.trailing = trailing;
    return m;
  },
  relayForw: (hopCount: number, linkAddress: string, peerAddress: string, options: Dhcpv6Option[] = []) =>
    msg.relay(MSG.RELAY_FORW, hopCount, linkAddress, peerAddress, options),
  relayRepl: (hopCount: number, linkAddress: string, peerAddress: string, options: Dhcpv6Option[] = []) =>
    msg.relay(MSG.RELAY_REPL, hopCount, linkAddress, peerAddress, options),
};
