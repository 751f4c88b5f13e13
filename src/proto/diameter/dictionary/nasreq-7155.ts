// RFC 7155 NASREQ (Application-Id 1): AA-Request/Answer 265 (§3.1–3.2) and the AVPs its grammars name (§4).
// RADIUS-derived AVPs (codes < 256) carry M, never V. Address-like RADIUS AVPs are OctetString, not Address (§4.4).
import { ccf } from './ccf.js';
import { F, type Application, type AvpDef, type CommandDef } from './types.js';

const S = 'RFC7155';
const m = (code: number, name: string, type: AvpDef['type'], sec: string, extra: Partial<AvpDef> = {}): AvpDef => ({
  code, name, type, flags: F.M, source: `${S} §${sec}`, ...extra,
});

export const NAS_PORT_TYPE: Readonly<Record<number, string>> = {
  0: 'Async', 1: 'Sync', 2: 'ISDN Sync', 3: 'ISDN Async V.120', 4: 'ISDN Async V.110', 5: 'Virtual', 6: 'PIAFS',
  7: 'HDLC Clear Channel', 8: 'X.25', 9: 'X.75', 10: 'G.3 Fax', 11: 'SDSL', 12: 'ADSL-CAP', 13: 'ADSL-DMT', 14: 'IDSL',
  15: 'Ethernet', 16: 'xDSL', 17: 'Cable', 18: 'Wireless - Other', 19: 'Wireless - IEEE 802.11',
};

const avps: AvpDef[] = [
  m(2, 'User-Password', 'OctetString', '4.3.1'),
  m(4, 'NAS-IP-Address', 'OctetString', '4.2.3', { dataLength: 4 }),
  m(5, 'NAS-Port', 'Unsigned32', '4.2.4'),
  m(6, 'Service-Type', 'Enumerated', '4.4.1', {
    enums: { 1: 'Login', 2: 'Framed', 3: 'Callback Login', 4: 'Callback Framed', 5: 'Outbound', 6: 'Administrative', 7: 'NAS Prompt', 8: 'Authenticate Only', 9: 'Callback NAS Prompt', 10: 'Call Check', 11: 'Callback Administrative' },
  }),
  m(7, 'Framed-Protocol', 'Enumerated', '4.4.10.1', { enums: { 1: 'PPP', 2: 'SLIP', 3: 'ARAP', 4: 'Gandalf', 5: 'Xylogics', 6: 'X.75' } }),
  m(8, 'Framed-IP-Address', 'OctetString', '4.4.10.5.1'),
  m(9, 'Framed-IP-Netmask', 'OctetString', '4.4.10.5.2'),
  m(10, 'Framed-Routing', 'Enumerated', '4.4.10.2', { enums: { 0: 'None', 1: 'Send routing packets', 2: 'Listen for routing packets', 3: 'Send and Listen' } }),
  m(11, 'Filter-Id', 'UTF8String', '4.4.9'),
  m(12, 'Framed-MTU', 'Unsigned32', '4.4.10.3'),
  m(13, 'Framed-Compression', 'Enumerated', '4.4.10.4', { enums: { 0: 'None', 1: 'VJ TCP/IP header compression', 2: 'IPX header compression', 3: 'Stac-LZS compression' } }),
  m(14, 'Login-IP-Host', 'OctetString', '4.4.11.2'),
  m(15, 'Login-Service', 'Enumerated', '4.4.11.1', { enums: { 0: 'Telnet', 1: 'Rlogin', 2: 'TCP Clear', 3: 'PortMaster', 4: 'LAT', 5: 'X25-PAD', 6: 'X25-T3POS', 8: 'TCP Clear Quiet' } }),
  m(16, 'Login-TCP-Port', 'Unsigned32', '4.4.11.4'),
  m(18, 'Reply-Message', 'UTF8String', '4.3.4'),
  m(19, 'Callback-Number', 'UTF8String', '4.4.2'),
  m(20, 'Callback-Id', 'UTF8String', '4.4.3'),
  m(22, 'Framed-Route', 'UTF8String', '4.4.10.5.3'),
  m(23, 'Framed-IPX-Network', 'Unsigned32', '4.4.10.7.1'),
  m(24, 'State', 'OctetString', '4.4.6'),
  m(28, 'Idle-Timeout', 'Unsigned32', '4.4.4'),
  m(30, 'Called-Station-Id', 'UTF8String', '4.2.8'),
  m(31, 'Calling-Station-Id', 'UTF8String', '4.2.9'),
  m(32, 'NAS-Identifier', 'UTF8String', '4.2.2'),
  m(34, 'Login-LAT-Service', 'OctetString', '4.4.11.5.1'),
  m(35, 'Login-LAT-Node', 'OctetString', '4.4.11.5.2'),
  m(36, 'Login-LAT-Group', 'OctetString', '4.4.11.5.3'),
  m(37, 'Framed-Appletalk-Link', 'Unsigned32', '4.4.10.6.1'),
  m(38, 'Framed-Appletalk-Network', 'Unsigned32', '4.4.10.6.2'),
  m(39, 'Framed-Appletalk-Zone', 'OctetString', '4.4.10.6.3'),
  m(60, 'CHAP-Challenge', 'OctetString', '4.3.5'),
  m(61, 'NAS-Port-Type', 'Enumerated', '4.2.6', { enums: NAS_PORT_TYPE }),
  m(62, 'Port-Limit', 'Unsigned32', '4.2.7'),
  m(63, 'Login-LAT-Port', 'OctetString', '4.4.11.5.4'),
  m(64, 'Tunnel-Type', 'Enumerated', '4.5.2'),
  m(65, 'Tunnel-Medium-Type', 'Enumerated', '4.5.3'),
  m(66, 'Tunnel-Client-Endpoint', 'UTF8String', '4.5.4'),
  m(67, 'Tunnel-Server-Endpoint', 'UTF8String', '4.5.5'),
  m(69, 'Tunnel-Password', 'OctetString', '4.5.6'),
  m(70, 'ARAP-Password', 'OctetString', '4.3.6'),
  m(71, 'ARAP-Features', 'OctetString', '4.4.12.3'),
  m(72, 'ARAP-Zone-Access', 'Enumerated', '4.4.12.4'),
  m(73, 'ARAP-Security', 'Unsigned32', '4.3.8'),
  m(74, 'ARAP-Security-Data', 'OctetString', '4.3.9'),
  m(75, 'Password-Retry', 'Unsigned32', '4.3.10'),
  m(76, 'Prompt', 'Enumerated', '4.3.11', { enums: { 0: 'No Echo', 1: 'Echo' } }),
  m(77, 'Connect-Info', 'UTF8String', '4.2.10'),
  m(78, 'Configuration-Token', 'OctetString', '4.4.7'),
  m(81, 'Tunnel-Private-Group-Id', 'OctetString', '4.5.7'),
  m(82, 'Tunnel-Assignment-Id', 'OctetString', '4.5.8'),
  m(83, 'Tunnel-Preference', 'Unsigned32', '4.5.9'),
  m(84, 'ARAP-Challenge-Response', 'OctetString', '4.3.7'),
  m(87, 'NAS-Port-Id', 'UTF8String', '4.2.5'),
  m(88, 'Framed-Pool', 'OctetString', '4.4.10.5.4'),
  m(90, 'Tunnel-Client-Auth-Id', 'UTF8String', '4.5.10'),
  m(91, 'Tunnel-Server-Auth-Id', 'UTF8String', '4.5.11'),
  m(94, 'Originating-Line-Info', 'OctetString', '4.2.11'),
  m(95, 'NAS-IPv6-Address', 'OctetString', '4.2.3', { dataLength: 16 }),
  m(96, 'Framed-Interface-Id', 'Unsigned64', '4.4.10.5.5'),
  m(97, 'Framed-IPv6-Prefix', 'OctetString', '4.4.10.5.6'),
  m(98, 'Login-IPv6-Host', 'OctetString', '4.4.11.3'),
  m(99, 'Framed-IPv6-Route', 'UTF8String', '4.4.10.5.7'),
  m(100, 'Framed-IPv6-Pool', 'OctetString', '4.4.10.5.8'),
  m(400, 'NAS-Filter-Rule', 'OctetString', '4.4.8'), // IPFilterRule (RFC 6733 §4.3.1) carried as text
  m(401, 'Tunneling', 'Grouped', '4.5.1', {
    grammar: ccf(`{ Tunnel-Type } { Tunnel-Medium-Type } { Tunnel-Client-Endpoint } { Tunnel-Server-Endpoint } [ Tunnel-Preference ]
      [ Tunnel-Client-Auth-Id ] [ Tunnel-Server-Auth-Id ] [ Tunnel-Assignment-Id ] [ Tunnel-Password ] [ Tunnel-Private-Group-Id ]`),
  }),
  m(402, 'CHAP-Auth', 'Grouped', '4.3.2', { grammar: ccf('{ CHAP-Algorithm } { CHAP-Ident } [ CHAP-Response ] * [ AVP ]') }),
  m(403, 'CHAP-Algorithm', 'Enumerated', '4.3.2.1', { enums: { 5: 'CHAP with MD5' } }),
  m(404, 'CHAP-Ident', 'OctetString', '4.3.2.2', { dataLength: 1 }),
  m(405, 'CHAP-Response', 'OctetString', '4.3.2.3'),
  m(407, 'QoS-Filter-Rule', 'OctetString', '4.4.8'), // QoSFilterRule carried as text
  m(408, 'Origin-AAA-Protocol', 'Enumerated', '4.2.12', { enums: { 1: 'RADIUS' } }),
];

const commands: CommandDef[] = [
  {
    code: 265, appId: 1, source: `${S} §3.1–3.2`,
    request: {
      abbrev: 'AAR', name: 'AA-Request', proxiable: true,
      grammar: ccf(`< Session-Id > { Auth-Application-Id } { Origin-Host } { Origin-Realm } { Destination-Realm } { Auth-Request-Type }
        [ Destination-Host ] [ NAS-Identifier ] [ NAS-IP-Address ] [ NAS-IPv6-Address ] [ NAS-Port ] [ NAS-Port-Id ] [ NAS-Port-Type ]
        [ Origin-AAA-Protocol ] [ Origin-State-Id ] [ Port-Limit ] [ User-Name ] [ User-Password ] [ Service-Type ] [ State ]
        [ Authorization-Lifetime ] [ Auth-Grace-Period ] [ Auth-Session-State ] [ Callback-Number ] [ Called-Station-Id ]
        [ Calling-Station-Id ] [ Originating-Line-Info ] [ Connect-Info ] [ CHAP-Auth ] [ CHAP-Challenge ] * [ Framed-Compression ]
        [ Framed-Interface-Id ] [ Framed-IP-Address ] * [ Framed-IPv6-Prefix ] [ Framed-IP-Netmask ] [ Framed-MTU ] [ Framed-Protocol ]
        [ ARAP-Password ] [ ARAP-Security ] * [ ARAP-Security-Data ] * [ Login-IP-Host ] * [ Login-IPv6-Host ] [ Login-LAT-Group ]
        [ Login-LAT-Node ] [ Login-LAT-Port ] [ Login-LAT-Service ] * [ Tunneling ] * [ Proxy-Info ] * [ Route-Record ] * [ AVP ]`),
    },
    answer: {
      abbrev: 'AAA', name: 'AA-Answer', proxiable: true,
      grammar: ccf(`< Session-Id > { Auth-Application-Id } { Auth-Request-Type } { Result-Code } { Origin-Host } { Origin-Realm }
        [ User-Name ] [ Service-Type ] * [ Class ] * [ Configuration-Token ] [ Acct-Interim-Interval ] [ Error-Message ]
        [ Error-Reporting-Host ] * [ Failed-AVP ] [ Idle-Timeout ] [ Authorization-Lifetime ] [ Auth-Grace-Period ] [ Auth-Session-State ]
        [ Re-Auth-Request-Type ] [ Multi-Round-Time-Out ] [ Session-Timeout ] [ State ] * [ Reply-Message ] [ Origin-AAA-Protocol ]
        [ Origin-State-Id ] * [ Filter-Id ] [ Password-Retry ] [ Port-Limit ] [ Prompt ] [ ARAP-Challenge-Response ] [ ARAP-Features ]
        [ ARAP-Security ] * [ ARAP-Security-Data ] [ ARAP-Zone-Access ] [ Callback-Id ] [ Callback-Number ] [ Framed-Appletalk-Link ]
        * [ Framed-Appletalk-Network ] [ Framed-Appletalk-Zone ] * [ Framed-Compression ] [ Framed-Interface-Id ] [ Framed-IP-Address ]
        * [ Framed-IPv6-Prefix ] [ Framed-IPv6-Pool ] * [ Framed-IPv6-Route ] [ Framed-IP-Netmask ] * [ Framed-Route ] [ Framed-Pool ]
        [ Framed-IPX-Network ] [ Framed-MTU ] [ Framed-Protocol ] [ Framed-Routing ] * [ Login-IP-Host ] * [ Login-IPv6-Host ]
        [ Login-LAT-Group ] [ Login-LAT-Node ] [ Login-LAT-Port ] [ Login-LAT-Service ] [ Login-Service ] [ Login-TCP-Port ]
        * [ NAS-Filter-Rule ] * [ QoS-Filter-Rule ] * [ Tunneling ] * [ Redirect-Host ] [ Redirect-Host-Usage ]
        [ Redirect-Max-Cache-Time ] * [ Proxy-Info ] * [ AVP ]`),
    },
  },
];

export const nasreq7155: Application = { name: 'nasreq', appIds: [1], avps, commands, source: S };
