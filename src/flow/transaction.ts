import type { Message, ProtoName } from './message.js';
import type { Endpoint } from '../net/packet.js';

/**
 * A request with its answers. A request with no answer in the time window has `answers: []` and a
 * `timeout`; checks read that like any other transaction ("the server MUST NOT answer").
 * `legs` carries protocol-specific related messages, e.g. for DHCPv6 the four legs of one relayed
 * exchange: { client, relayForw, relayRepl, reply }.
 */
export interface Transaction<Req = unknown, Ans = Req> {
  proto: ProtoName;
  /** a short kind label for applicability, e.g. 'dhcpv6.ir', 'diameter.request' */
  kind: string;
  request: Message<Req>;
  answers: Message<Ans>[];
  timeout?: { afterMs: number };
  /** the connection closed while the request waited (stream transports): FIN or RST, the frame that carried it, and who closed */
  closed?: { how: 'fin' | 'rst'; frame: number; by: 'answerer' | 'requester' };
  legs?: Record<string, Message[] | undefined>;
  /** for session-level protocols: a key tying transactions together (Diameter Session-Id, IKE SPIs) */
  session?: string;
}

/** Streaming matcher: push messages in capture order, get completed transactions as the time window passes. */
export interface Matcher {
  push(msg: Message): Transaction[];
  /** everything still open, at end of input */
  flush(): Transaction[];
  /** a stream connection closed: requests still waiting on it end without an answer */
  close?(conn: string, how: 'fin' | 'rst', frame: number, closer: Endpoint): Transaction[];
}
