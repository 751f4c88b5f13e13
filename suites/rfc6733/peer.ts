// RFC 6733 §5 peer connections: capabilities exchange (DIA-31, DIA-34, DIA-35, DIA-36), advertised applications vs
// later traffic (§5.3), DPR's Disconnect-Cause (DIA-37).
import { defineAssertion, v, type MsgAssertion, type TxAssertion } from '../../src/assert/types.js';
import { CMD, findAll, findAvp, type DiameterMessage } from '../../src/proto/diameter/index.js';
import { advertisedApps, ev, isExchange, isRequest, label, noAnswerFrames, noAnswerText, RELAY_APP, resultCode, resultText, url, type DMsg } from '../diameter/kit.js';

const PEER_CMDS = new Set([257, 280, 282]);

export const noCommonApplication = defineAssertion<TxAssertion<DiameterMessage>>({
  id: 'RFC6733-5.3-no-common-application',
  title: 'CEA is 5010 exactly when CER and CEA have no application in common',
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'transaction',
  subject: 'answer',
  cite: {
    doc: 'RFC6733', section: '5.3', digest: 'DIA-31', url: url(6733, '5.3'),
    quote: 'A receiver of a Capabilities-Exchange-Request (CER) message that does not have any applications in common with the sender MUST return a Capabilities-Exchange-Answer (CEA) with the Result-Code AVP set to DIAMETER_NO_COMMON_APPLICATION and SHOULD disconnect the transport layer connection. Note that receiving a CER or CEA from a peer advertising itself as a relay (see Section 2.4) MUST be interpreted as having common applications with the peer.',
  },
  looksAt: 'Application-Ids advertised in the CER and in its CEA (the CEA lists what its sender supports), and the CEA Result-Code',
  applies: (tx) => isExchange(tx) && tx.request.value.commandCode === 257,
  check(tx) {
    const a = tx.answers[0];
    if (!a) return v.inconclusive(`CER got ${noAnswerText(tx)}`, { frames: [...tx.request.frames, ...noAnswerFrames(tx)], actual: noAnswerText(tx) });
    const mine = advertisedApps(tx.request.value);
    const theirs = advertisedApps(a.value);
    const relay = mine.has(RELAY_APP) || theirs.has(RELAY_APP);
    const common = [...mine].filter((x) => theirs.has(x));
    const rc = resultCode(a.value);
    const e = ev([tx.request, a], { path: 'CEA.Result-Code', expected: common.length || relay ? 'not 5010' : 5010, actual: resultText(rc) });
    if (!common.length && !relay && theirs.size > 0) {
      return rc === 5010 ? v.pass(`CEA answers 5010: CER offers ${[...mine].join(',') || 'nothing'}, CEA ${[...theirs].join(',')}`, e)
        : v.fail(`CER offers ${[...mine].join(',') || 'no application'} and CEA ${[...theirs].join(',')}: nothing in common, yet CEA says ${resultText(rc)}`, e);
    }
    if (rc === 5010 && (common.length || relay)) return v.fail(`CEA says 5010 though ${relay ? 'a relay is advertised' : `both advertise ${common.join(',')}`}`, e);
    return v.pass(`CER/CEA share ${relay ? 'a relay' : common.join(',') || 'nothing stated'}; CEA ${resultText(rc)}`, e);
  },
});

export const peerNotProxiable = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC6733-3.2-peer-p-bit',
  title: "CER/CEA, DWR/DWA, DPR/DPA have 'P' clear (no PXY in their CCF)",
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'message',
  cite: {
    doc: 'RFC6733', section: '3.2', digest: 'DIA-34', url: url(6733, '3.2'),
    quote: "PXY: If present, the 'P' bit in the Command Flags is set, indicating that the message is proxiable.",
  },
  looksAt: "the 'P' flag of the peer-to-peer commands 257, 280, 282, whose CCF has no PXY",
  applies: (m) => m.raw.length >= 20 && PEER_CMDS.has(m.value.commandCode),
  check(m) {
    const p = (m.value.flags & CMD.P) !== 0;
    const e = { frames: m.frames, path: `${label(m.value)}.flags.P`, offset: 4, expected: 0, actual: Number(p) };
    return p ? v.fail(`${label(m.value)} has P set; its CCF has no PXY (never proxied or relayed)`, e) : v.pass(`${label(m.value)} has P clear`, e);
  },
});

export const peerAppId = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC6733-2.4-peer-app-id',
  title: 'CER/CEA, DWR/DWA, DPR/DPA carry Application-Id 0',
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'message',
  provisional: true,
  cite: {
    doc: 'RFC6733', section: '2.4', digest: 'DIA-36', url: url(6733, '2.4'),
    quote: 'DIGEST DIA-36 (paraphrase): CER/CEA, DWR/DWA, DPR/DPA use Application-ID 0 (Diameter common message, RFC 6733 §2.4).',
  },
  looksAt: 'header Application-Id of the peer-to-peer commands 257, 280, 282',
  applies: (m) => m.raw.length >= 20 && PEER_CMDS.has(m.value.commandCode),
  check(m) {
    const e = { frames: m.frames, path: `${label(m.value)}.applicationId`, offset: 8, expected: 0, actual: m.value.applicationId };
    return m.value.applicationId === 0 ? v.pass(`${label(m.value)} has Application-Id 0`, e) : v.fail(`${label(m.value)} has Application-Id ${m.value.applicationId}; the common application (0) expected`, e);
  },
});

export const sctpHostIp = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC6733-5.3.1-sctp-host-ip-address',
  title: 'Over SCTP, CER/CEA list the address they are sent from in Host-IP-Address',
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'message',
  cite: {
    doc: 'RFC6733', section: '5.3.1', digest: 'DIA-35', url: url(6733, '5.3.1'),
    quote: 'When Diameter is run over SCTP [RFC4960] or DTLS/SCTP [RFC6083], which allow for connections to span multiple interfaces and multiple IP addresses, the Capabilities-Exchange-Request message MUST contain one Host-IP-Address AVP for each potential IP address that MAY be locally used when transmitting Diameter messages.',
  },
  looksAt: 'Host-IP-Address AVPs of CER/CEA carried over SCTP, against the IP source address of the packet',
  applies: (m) => m.transport === 'sctp' && m.raw.length >= 20 && m.value.commandCode === 257,
  check(m) {
    const addrs = findAll(m.value, 257).map((a) => (typeof a.value === 'object' && a.value && 'ip' in a.value ? a.value.ip : '?'));
    const e = { frames: m.frames, path: `${label(m.value)}.Host-IP-Address`, expected: m.src.addr, actual: addrs };
    return addrs.includes(m.src.addr) ? v.pass(`${label(m.value)} lists ${m.src.addr} among ${addrs.join(', ')}`, e) : v.fail(`${label(m.value)} is sent from ${m.src.addr} but lists Host-IP-Address ${addrs.join(', ') || 'none'}`, e);
  },
});

export const advertisedApplication = defineAssertion<TxAssertion<DiameterMessage>>({
  id: 'RFC6733-5.3-advertised-application',
  title: 'Requests are sent only for applications the peer advertised in CER/CEA',
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'transaction',
  subject: 'request',
  cite: {
    doc: 'RFC6733', section: '5.3', digest: 'DIA-36', url: url(6733, '5.3'),
    quote: 'The receiver only issues commands to its peers that have advertised support for the Diameter application that defines the command. A Diameter node MUST cache the supported Application Ids in order to ensure that unrecognized commands and/or AVPs are not unnecessarily sent to a peer.',
  },
  looksAt: "a request's header Application-Id against the Application-Ids the other peer advertised in this connection's CER/CEA",
  applies: (tx) => isExchange(tx) && !PEER_CMDS.has(tx.request.value.commandCode) && tx.request.value.applicationId !== 0,
  check(tx) {
    const m = tx.request;
    const cer = tx.legs?.cer?.[0] as DMsg | undefined;
    const cea = tx.legs?.cea?.[0] as DMsg | undefined;
    if (!cer || !cea) return v.inconclusive(`${label(m.value)}: the connection's ${cer ? 'CEA' : 'CER'} was not captured, so advertised applications are unknown`, { frames: m.frames });
    const fromCerSide = cer.src.addr === m.src.addr && cer.src.port === m.src.port;
    const peer = fromCerSide ? cea : cer;
    const apps = advertisedApps(peer.value);
    const e = ev([peer, m], { path: `${label(m.value)}.applicationId`, expected: [...apps], actual: m.value.applicationId });
    if (apps.has(m.value.applicationId) || apps.has(RELAY_APP)) return v.pass(`${label(m.value)} is for Application-Id ${m.value.applicationId}, advertised by the peer in ${label(peer.value)}`, e);
    return v.fail(`${label(m.value)} is for Application-Id ${m.value.applicationId}, which the peer's ${label(peer.value)} (frame ${peer.frame}) does not advertise (${[...apps].join(', ') || 'none'})`, e);
  },
});

export const dprCause = defineAssertion<MsgAssertion<DiameterMessage>>({
  id: 'RFC6733-5.4.3-dpr-disconnect-cause',
  title: 'DPR carries Disconnect-Cause',
  level: 'MUST',
  role: 'diameter-node',
  proto: 'diameter',
  scope: 'message',
  cite: {
    doc: 'RFC6733', section: '5.4.3', digest: 'DIA-37', url: url(6733, '5.4.3'),
    quote: 'A Diameter node MUST include this AVP in the Disconnect-Peer-Request message to inform the peer of the reason for its intention to shut down the transport connection.',
  },
  looksAt: 'Disconnect-Cause in every DPR',
  applies: (m) => m.raw.length >= 20 && m.value.commandCode === 282 && isRequest(m.value),
  check(m) {
    const c = findAvp(m.value, 273);
    const e = { frames: m.frames, path: 'DPR.Disconnect-Cause', expected: 'present', actual: c ? (c.enumName ?? c.value) : 'absent' };
    return c ? v.pass(`DPR gives Disconnect-Cause ${c.enumName ?? String(c.value)}`, e) : v.fail('DPR carries no Disconnect-Cause', e);
  },
});

export const PEER = [noCommonApplication, peerNotProxiable, peerAppId, sctpHostIp, advertisedApplication, dprCause];
