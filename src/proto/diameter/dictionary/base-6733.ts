// RFC 6733 base protocol: AVPs of §4.5 (DIGEST §5.6), commands of §3.1 (DIGEST §5.5), error answer §7.2.
import { ccf } from './ccf.js';
import { F, type Application, type AvpDef, type CommandDef, type Grammar } from './types.js';

const S = 'RFC6733';

/** RFC 6733 §7.1 Result-Code values (names without the DIAMETER_ prefix, as freeDiameter and Erlang diameter). */
export const RESULT_CODES: Readonly<Record<number, string>> = {
  1001: 'DIAMETER_MULTI_ROUND_AUTH',
  2001: 'DIAMETER_SUCCESS',
  2002: 'DIAMETER_LIMITED_SUCCESS',
  2009: 'DIAMETER_SUCCESS_RELOCATE_HA', // RFC 5778 §7.1
  3001: 'DIAMETER_COMMAND_UNSUPPORTED',
  3002: 'DIAMETER_UNABLE_TO_DELIVER',
  3003: 'DIAMETER_REALM_NOT_SERVED',
  3004: 'DIAMETER_TOO_BUSY',
  3005: 'DIAMETER_LOOP_DETECTED',
  3006: 'DIAMETER_REDIRECT_INDICATION',
  3007: 'DIAMETER_APPLICATION_UNSUPPORTED',
  3008: 'DIAMETER_INVALID_HDR_BITS',
  3009: 'DIAMETER_INVALID_AVP_BITS',
  3010: 'DIAMETER_UNKNOWN_PEER',
  4001: 'DIAMETER_AUTHENTICATION_REJECTED',
  4002: 'DIAMETER_OUT_OF_SPACE',
  4003: 'DIAMETER_ELECTION_LOST',
  5001: 'DIAMETER_AVP_UNSUPPORTED',
  5002: 'DIAMETER_UNKNOWN_SESSION_ID',
  5003: 'DIAMETER_AUTHORIZATION_REJECTED',
  5004: 'DIAMETER_INVALID_AVP_VALUE',
  5005: 'DIAMETER_MISSING_AVP',
  5006: 'DIAMETER_RESOURCES_EXCEEDED',
  5007: 'DIAMETER_CONTRADICTING_AVPS',
  5008: 'DIAMETER_AVP_NOT_ALLOWED',
  5009: 'DIAMETER_AVP_OCCURS_TOO_MANY_TIMES',
  5010: 'DIAMETER_NO_COMMON_APPLICATION',
  5011: 'DIAMETER_UNSUPPORTED_VERSION',
  5012: 'DIAMETER_UNABLE_TO_COMPLY',
  5013: 'DIAMETER_INVALID_BIT_IN_HEADER',
  5014: 'DIAMETER_INVALID_AVP_LENGTH',
  5015: 'DIAMETER_INVALID_MESSAGE_LENGTH',
  5016: 'DIAMETER_INVALID_AVP_BIT_COMBO',
  5017: 'DIAMETER_NO_COMMON_SECURITY',
  5041: 'DIAMETER_ERROR_MIP6_AUTH_MODE', // RFC 5778 §7.4
};

/** RFC 6733 §2.4 Application-Ids. */
export const APP_IDS = { common: 0, nasreq: 1, mip4: 2, accounting: 3, eap: 5, mip6i: 7, mip6a: 8, relay: 0xffffffff } as const;

const avps: AvpDef[] = [
  { code: 1, name: 'User-Name', type: 'UTF8String', flags: F.M, source: `${S} §8.14` },
  { code: 25, name: 'Class', type: 'OctetString', flags: F.M, source: `${S} §8.20` },
  { code: 27, name: 'Session-Timeout', type: 'Unsigned32', flags: F.M, source: `${S} §8.13` },
  { code: 33, name: 'Proxy-State', type: 'OctetString', flags: F.M, source: `${S} §6.7.4` },
  { code: 44, name: 'Acct-Session-Id', type: 'OctetString', flags: F.M, source: `${S} §9.8.4` },
  { code: 50, name: 'Acct-Multi-Session-Id', type: 'UTF8String', flags: F.M, source: `${S} §9.8.5` },
  { code: 55, name: 'Event-Timestamp', type: 'Time', flags: F.M, source: `${S} §8.21` },
  { code: 85, name: 'Acct-Interim-Interval', type: 'Unsigned32', flags: F.M, source: `${S} §9.8.2` },
  { code: 257, name: 'Host-IP-Address', type: 'Address', flags: F.M, source: `${S} §5.3.5` },
  { code: 258, name: 'Auth-Application-Id', type: 'Unsigned32', flags: F.M, source: `${S} §6.8` },
  { code: 259, name: 'Acct-Application-Id', type: 'Unsigned32', flags: F.M, source: `${S} §6.9` },
  {
    code: 260, name: 'Vendor-Specific-Application-Id', type: 'Grouped', flags: F.M, source: `${S} §6.11`,
    grammar: ccf('{ Vendor-Id } [ Auth-Application-Id ] [ Acct-Application-Id ]'),
  },
  {
    code: 261, name: 'Redirect-Host-Usage', type: 'Enumerated', flags: F.M, source: `${S} §6.13`,
    enums: { 0: 'DONT_CACHE', 1: 'ALL_SESSION', 2: 'ALL_REALM', 3: 'REALM_AND_APPLICATION', 4: 'ALL_APPLICATION', 5: 'ALL_HOST', 6: 'ALL_USER' },
  },
  { code: 262, name: 'Redirect-Max-Cache-Time', type: 'Unsigned32', flags: F.M, source: `${S} §6.14` },
  { code: 263, name: 'Session-Id', type: 'UTF8String', flags: F.M, source: `${S} §8.8` },
  { code: 264, name: 'Origin-Host', type: 'DiameterIdentity', flags: F.M, source: `${S} §6.3` },
  { code: 265, name: 'Supported-Vendor-Id', type: 'Unsigned32', flags: F.M, source: `${S} §5.3.6` },
  { code: 266, name: 'Vendor-Id', type: 'Unsigned32', flags: F.M, source: `${S} §5.3.3` },
  { code: 267, name: 'Firmware-Revision', type: 'Unsigned32', flags: F.none, source: `${S} §5.3.4` },
  { code: 268, name: 'Result-Code', type: 'Unsigned32', flags: F.M, enums: RESULT_CODES, source: `${S} §7.1` },
  { code: 269, name: 'Product-Name', type: 'UTF8String', flags: F.none, source: `${S} §5.3.7` },
  { code: 270, name: 'Session-Binding', type: 'Unsigned32', flags: F.M, source: `${S} §8.17` },
  {
    code: 271, name: 'Session-Server-Failover', type: 'Enumerated', flags: F.M, source: `${S} §8.18`,
    enums: { 0: 'REFUSE_SERVICE', 1: 'TRY_AGAIN', 2: 'ALLOW_SERVICE', 3: 'TRY_AGAIN_ALLOW_SERVICE' },
  },
  { code: 272, name: 'Multi-Round-Time-Out', type: 'Unsigned32', flags: F.M, source: `${S} §8.19` },
  {
    code: 273, name: 'Disconnect-Cause', type: 'Enumerated', flags: F.M, source: `${S} §5.4.3`,
    enums: { 0: 'REBOOTING', 1: 'BUSY', 2: 'DO_NOT_WANT_TO_TALK_TO_YOU' },
  },
  {
    code: 274, name: 'Auth-Request-Type', type: 'Enumerated', flags: F.M, source: `${S} §8.7`,
    enums: { 1: 'AUTHENTICATE_ONLY', 2: 'AUTHORIZE_ONLY', 3: 'AUTHORIZE_AUTHENTICATE' },
  },
  { code: 276, name: 'Auth-Grace-Period', type: 'Unsigned32', flags: F.M, source: `${S} §8.10` },
  {
    code: 277, name: 'Auth-Session-State', type: 'Enumerated', flags: F.M, source: `${S} §8.11`,
    enums: { 0: 'STATE_MAINTAINED', 1: 'NO_STATE_MAINTAINED' },
  },
  { code: 278, name: 'Origin-State-Id', type: 'Unsigned32', flags: F.M, source: `${S} §8.16` },
  { code: 279, name: 'Failed-AVP', type: 'Grouped', flags: F.M, grammar: ccf('1* { AVP }'), source: `${S} §7.5` },
  { code: 280, name: 'Proxy-Host', type: 'DiameterIdentity', flags: F.M, source: `${S} §6.7.3` },
  { code: 281, name: 'Error-Message', type: 'UTF8String', flags: F.none, source: `${S} §7.3` },
  { code: 282, name: 'Route-Record', type: 'DiameterIdentity', flags: F.M, source: `${S} §6.7.1` },
  { code: 283, name: 'Destination-Realm', type: 'DiameterIdentity', flags: F.M, source: `${S} §6.6` },
  {
    code: 284, name: 'Proxy-Info', type: 'Grouped', flags: F.M, source: `${S} §6.7.2`,
    grammar: ccf('{ Proxy-Host } { Proxy-State } * [ AVP ]'),
  },
  {
    code: 285, name: 'Re-Auth-Request-Type', type: 'Enumerated', flags: F.M, source: `${S} §8.12`,
    enums: { 0: 'AUTHORIZE_ONLY', 1: 'AUTHORIZE_AUTHENTICATE' },
  },
  { code: 287, name: 'Accounting-Sub-Session-Id', type: 'Unsigned64', flags: F.M, source: `${S} §9.8.6` },
  { code: 291, name: 'Authorization-Lifetime', type: 'Unsigned32', flags: F.M, source: `${S} §8.9` },
  { code: 292, name: 'Redirect-Host', type: 'DiameterURI', flags: F.M, source: `${S} §6.12` },
  { code: 293, name: 'Destination-Host', type: 'DiameterIdentity', flags: F.M, source: `${S} §6.5` },
  { code: 294, name: 'Error-Reporting-Host', type: 'DiameterIdentity', flags: F.none, source: `${S} §7.4` },
  {
    code: 295, name: 'Termination-Cause', type: 'Enumerated', flags: F.M, source: `${S} §8.15`,
    enums: {
      1: 'DIAMETER_LOGOUT', 2: 'DIAMETER_SERVICE_NOT_PROVIDED', 3: 'DIAMETER_BAD_ANSWER', 4: 'DIAMETER_ADMINISTRATIVE',
      5: 'DIAMETER_LINK_BROKEN', 6: 'DIAMETER_AUTH_EXPIRED', 7: 'DIAMETER_USER_MOVED', 8: 'DIAMETER_SESSION_TIMEOUT',
    },
  },
  { code: 296, name: 'Origin-Realm', type: 'DiameterIdentity', flags: F.M, source: `${S} §6.4` },
  {
    code: 297, name: 'Experimental-Result', type: 'Grouped', flags: F.M, source: `${S} §7.6`,
    grammar: ccf('{ Vendor-Id } { Experimental-Result-Code }'),
  },
  { code: 298, name: 'Experimental-Result-Code', type: 'Unsigned32', flags: F.M, source: `${S} §7.7` },
  { code: 299, name: 'Inband-Security-Id', type: 'Unsigned32', flags: F.M, enums: { 0: 'NO_INBAND_SECURITY', 1: 'TLS' }, source: `${S} §6.10` },
  {
    code: 480, name: 'Accounting-Record-Type', type: 'Enumerated', flags: F.M, source: `${S} §9.8.1`,
    enums: { 1: 'EVENT_RECORD', 2: 'START_RECORD', 3: 'INTERIM_RECORD', 4: 'STOP_RECORD' },
  },
  {
    code: 483, name: 'Accounting-Realtime-Required', type: 'Enumerated', flags: F.M, source: `${S} §9.8.7`,
    enums: { 1: 'DELIVER_AND_GRANT', 2: 'GRANT_AND_STORE', 3: 'GRANT_AND_LOSE' },
  },
  { code: 485, name: 'Accounting-Record-Number', type: 'Unsigned32', flags: F.M, source: `${S} §9.8.3` },
];

/** RFC 6733 §7.2 generic error answer (E bit set), used instead of the command's answer grammar. */
export const ERROR_ANSWER: Grammar = ccf(`
  0*1< Session-Id > { Origin-Host } { Origin-Realm } { Result-Code } [ Origin-State-Id ] [ Error-Message ]
  [ Error-Reporting-Host ] [ Failed-AVP ] [ Experimental-Result ] * [ Proxy-Info ] * [ AVP ]`);

const answerTail = '[ Error-Message ] [ Error-Reporting-Host ] [ Failed-AVP ] * [ Redirect-Host ] [ Redirect-Host-Usage ] [ Redirect-Max-Cache-Time ] * [ Proxy-Info ] * [ AVP ]';

const commands: CommandDef[] = [
  {
    code: 257, appId: 0, source: `${S} §5.3.1–5.3.2`,
    request: {
      abbrev: 'CER', name: 'Capabilities-Exchange-Request', proxiable: false,
      grammar: ccf(`{ Origin-Host } { Origin-Realm } 1* { Host-IP-Address } { Vendor-Id } { Product-Name } [ Origin-State-Id ]
        * [ Supported-Vendor-Id ] * [ Auth-Application-Id ] * [ Inband-Security-Id ] * [ Acct-Application-Id ]
        * [ Vendor-Specific-Application-Id ] [ Firmware-Revision ] * [ AVP ]`),
    },
    answer: {
      abbrev: 'CEA', name: 'Capabilities-Exchange-Answer', proxiable: false,
      grammar: ccf(`{ Result-Code } { Origin-Host } { Origin-Realm } 1* { Host-IP-Address } { Vendor-Id } { Product-Name }
        [ Origin-State-Id ] [ Error-Message ] [ Failed-AVP ] * [ Supported-Vendor-Id ] * [ Auth-Application-Id ]
        * [ Inband-Security-Id ] * [ Acct-Application-Id ] * [ Vendor-Specific-Application-Id ] [ Firmware-Revision ] * [ AVP ]`),
    },
  },
  {
    code: 280, appId: 0, source: `${S} §5.5.1–5.5.2`,
    request: { abbrev: 'DWR', name: 'Device-Watchdog-Request', proxiable: false, grammar: ccf('{ Origin-Host } { Origin-Realm } [ Origin-State-Id ] * [ AVP ]') },
    answer: {
      abbrev: 'DWA', name: 'Device-Watchdog-Answer', proxiable: false,
      grammar: ccf('{ Result-Code } { Origin-Host } { Origin-Realm } [ Error-Message ] [ Failed-AVP ] [ Origin-State-Id ] * [ AVP ]'),
    },
  },
  {
    code: 282, appId: 0, source: `${S} §5.4.1–5.4.2`,
    request: { abbrev: 'DPR', name: 'Disconnect-Peer-Request', proxiable: false, grammar: ccf('{ Origin-Host } { Origin-Realm } { Disconnect-Cause } * [ AVP ]') },
    answer: {
      abbrev: 'DPA', name: 'Disconnect-Peer-Answer', proxiable: false,
      grammar: ccf('{ Result-Code } { Origin-Host } { Origin-Realm } [ Error-Message ] [ Failed-AVP ] * [ AVP ]'),
    },
  },
  {
    code: 258, source: `${S} §8.3.1–8.3.2`,
    request: {
      abbrev: 'RAR', name: 'Re-Auth-Request', proxiable: true,
      grammar: ccf(`< Session-Id > { Origin-Host } { Origin-Realm } { Destination-Realm } { Destination-Host } { Auth-Application-Id }
        { Re-Auth-Request-Type } [ User-Name ] [ Origin-State-Id ] * [ Proxy-Info ] * [ Route-Record ] * [ AVP ]`),
    },
    answer: {
      abbrev: 'RAA', name: 'Re-Auth-Answer', proxiable: true,
      grammar: ccf(`< Session-Id > { Result-Code } { Origin-Host } { Origin-Realm } [ User-Name ] [ Origin-State-Id ] ${answerTail}`),
    },
  },
  {
    code: 275, source: `${S} §8.4.1–8.4.2`,
    request: {
      abbrev: 'STR', name: 'Session-Termination-Request', proxiable: true,
      grammar: ccf(`< Session-Id > { Origin-Host } { Origin-Realm } { Destination-Realm } { Auth-Application-Id } { Termination-Cause }
        [ User-Name ] [ Destination-Host ] * [ Class ] [ Origin-State-Id ] * [ Proxy-Info ] * [ Route-Record ] * [ AVP ]`),
    },
    answer: {
      abbrev: 'STA', name: 'Session-Termination-Answer', proxiable: true,
      grammar: ccf(`< Session-Id > { Result-Code } { Origin-Host } { Origin-Realm } [ User-Name ] * [ Class ] [ Origin-State-Id ] ${answerTail}`),
    },
  },
  {
    code: 274, source: `${S} §8.5.1–8.5.2`,
    request: {
      abbrev: 'ASR', name: 'Abort-Session-Request', proxiable: true,
      grammar: ccf(`< Session-Id > { Origin-Host } { Origin-Realm } { Destination-Realm } { Destination-Host } { Auth-Application-Id }
        [ User-Name ] [ Origin-State-Id ] * [ Proxy-Info ] * [ Route-Record ] * [ AVP ]`),
    },
    answer: {
      abbrev: 'ASA', name: 'Abort-Session-Answer', proxiable: true,
      grammar: ccf(`< Session-Id > { Result-Code } { Origin-Host } { Origin-Realm } [ User-Name ] [ Origin-State-Id ] ${answerTail}`),
    },
  },
  {
    code: 271, source: `${S} §9.7.1–9.7.2`,
    request: {
      abbrev: 'ACR', name: 'Accounting-Request', proxiable: true,
      grammar: ccf(`< Session-Id > { Origin-Host } { Origin-Realm } { Destination-Realm } { Accounting-Record-Type }
        { Accounting-Record-Number } [ Acct-Application-Id ] [ Vendor-Specific-Application-Id ] [ User-Name ] [ Destination-Host ]
        [ Accounting-Sub-Session-Id ] [ Acct-Session-Id ] [ Acct-Multi-Session-Id ] [ Acct-Interim-Interval ]
        [ Accounting-Realtime-Required ] [ Origin-State-Id ] [ Event-Timestamp ] * [ Proxy-Info ] * [ Route-Record ] * [ AVP ]`),
    },
    answer: {
      abbrev: 'ACA', name: 'Accounting-Answer', proxiable: true,
      grammar: ccf(`< Session-Id > { Result-Code } { Origin-Host } { Origin-Realm } { Accounting-Record-Type } { Accounting-Record-Number }
        [ Acct-Application-Id ] [ Vendor-Specific-Application-Id ] [ User-Name ] [ Accounting-Sub-Session-Id ] [ Acct-Session-Id ]
        [ Acct-Multi-Session-Id ] [ Error-Message ] [ Error-Reporting-Host ] [ Failed-AVP ] [ Acct-Interim-Interval ]
        [ Accounting-Realtime-Required ] [ Origin-State-Id ] [ Event-Timestamp ] * [ Proxy-Info ] * [ AVP ]`),
    },
  },
];

export const base6733: Application = { name: 'base', appIds: [0, 3], avps, commands, source: S };
