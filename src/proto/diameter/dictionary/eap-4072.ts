// RFC 4072 Diameter EAP (Application-Id 5): Diameter-EAP-Request/Answer 268 (§3.1–3.2) and its AVPs (§4.1, table §5).
import { ccf } from './ccf.js';
import { F, type Application, type AvpDef, type CommandDef } from './types.js';

const S = 'RFC4072';
/** M may be set, V must not (RFC 4072 §5 table: "M,P" in the MAY column). */
const mayM = { must: [], mustNot: ['V'] } as const;

const avps: AvpDef[] = [
  { code: 462, name: 'EAP-Payload', type: 'OctetString', flags: F.M, source: `${S} §4.1.1` },
  { code: 463, name: 'EAP-Reissued-Payload', type: 'OctetString', flags: F.M, source: `${S} §4.1.2` },
  { code: 464, name: 'EAP-Master-Session-Key', type: 'OctetString', flags: mayM, source: `${S} §4.1.3` },
  { code: 465, name: 'Accounting-EAP-Auth-Method', type: 'Unsigned64', flags: mayM, source: `${S} §4.1.5` },
];

/** The DER body shared with RFC 5778 MIP6I (which adds MIP6 AVPs). */
export const DER_BODY = `< Session-Id > { Auth-Application-Id } { Origin-Host } { Origin-Realm } { Destination-Realm } { Auth-Request-Type }
  [ Destination-Host ] [ NAS-Identifier ] [ NAS-IP-Address ] [ NAS-IPv6-Address ] [ NAS-Port ] [ NAS-Port-Id ] [ NAS-Port-Type ]
  [ Origin-State-Id ] [ Port-Limit ] [ User-Name ] { EAP-Payload } [ Service-Type ] [ State ] [ Authorization-Lifetime ]
  [ Auth-Grace-Period ] [ Auth-Session-State ] [ Callback-Number ] [ Called-Station-Id ] [ Calling-Station-Id ]
  [ Originating-Line-Info ] [ Connect-Info ] * [ Framed-Compression ] [ Framed-Interface-Id ] [ Framed-IP-Address ]
  * [ Framed-IPv6-Prefix ] [ Framed-IP-Netmask ] [ Framed-MTU ] [ Framed-Protocol ] * [ Tunneling ]`;

export const DEA_BODY = `< Session-Id > { Auth-Application-Id } { Auth-Request-Type } { Result-Code } { Origin-Host } { Origin-Realm }
  [ User-Name ] [ EAP-Payload ] [ EAP-Reissued-Payload ] [ EAP-Master-Session-Key ] [ Multi-Round-Time-Out ]
  [ Accounting-EAP-Auth-Method ] [ Service-Type ] * [ Class ] * [ Configuration-Token ] [ Acct-Interim-Interval ] [ Error-Message ]
  [ Error-Reporting-Host ] * [ Failed-AVP ] [ Idle-Timeout ] [ Authorization-Lifetime ] [ Auth-Grace-Period ] [ Auth-Session-State ]
  [ Re-Auth-Request-Type ] [ Session-Timeout ] [ State ] * [ Reply-Message ] [ Origin-State-Id ] * [ Filter-Id ] [ Port-Limit ]
  [ Callback-Id ] [ Callback-Number ] [ Framed-Appletalk-Link ] * [ Framed-Appletalk-Network ] [ Framed-Appletalk-Zone ]
  * [ Framed-Compression ] [ Framed-Interface-Id ] [ Framed-IP-Address ] * [ Framed-IPv6-Prefix ] [ Framed-IPv6-Pool ]
  * [ Framed-IPv6-Route ] [ Framed-IP-Netmask ] * [ Framed-Route ] [ Framed-Pool ] [ Framed-IPX-Network ] [ Framed-MTU ]
  [ Framed-Protocol ] [ Framed-Routing ] * [ NAS-Filter-Rule ] * [ QoS-Filter-Rule ] * [ Tunneling ] * [ Redirect-Host ]
  [ Redirect-Host-Usage ] [ Redirect-Max-Cache-Time ]`;

const commands: CommandDef[] = [
  {
    code: 268, appId: 5, source: `${S} §3.1–3.2`,
    request: { abbrev: 'DER', name: 'Diameter-EAP-Request', proxiable: true, grammar: ccf(`${DER_BODY} * [ Proxy-Info ] * [ Route-Record ] * [ AVP ]`) },
    answer: { abbrev: 'DEA', name: 'Diameter-EAP-Answer', proxiable: true, grammar: ccf(`${DEA_BODY} * [ Proxy-Info ] * [ AVP ]`) },
  },
];

export const eap4072: Application = { name: 'eap', appIds: [5], avps, commands, source: S };
