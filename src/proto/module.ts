import type { Settings } from '../assert/profiles.js';
import type { Matcher } from '../flow/transaction.js';
import type { Message, ProtoName } from '../flow/message.js';
import type { Decoded } from '../wire/codec.js';
import type { DecodeIssue } from '../wire/issue.js';

/** Summary fields `decode` prints for every message (besides frame/proto/src/dst). */
export type DecodeSummary = Record<string, unknown>;

/** A message cut out of a byte stream (TCP/SCTP), with the frames its bytes came from. */
export interface FramedMessage {
  bytes: Uint8Array;
  frames: number[];
  /** frame that completed it */
  frame: number;
  ts: number;
  issues: DecodeIssue[];
}

/** Cuts one direction of a byte stream into messages. Memory is bounded: a claimed length over the limit is an issue, not an allocation. */
export interface Framer {
  push(chunk: { frame: number; ts: number; data: Uint8Array }, gap?: boolean): FramedMessage[];
  /** the stream ended; anything left is reported */
  end(): { messages: FramedMessage[]; issues: DecodeIssue[] };
}

export interface ProtocolModule<V = unknown> {
  name: ProtoName;
  /** demux keys */
  udpPorts?: readonly number[];
  tcpPorts?: readonly number[];
  sctpPpids?: readonly number[];
  ipProtos?: readonly number[];
  /** decode one message; never throws on wire data */
  decode(bytes: Uint8Array, settings: Settings): Decoded<V>;
  /** for stream transports */
  framer?(settings: Settings): Framer;
  /** pairs requests with answers */
  matcher(settings: Settings): Matcher;
  /** tshark-like one-object summary + tree for `decode --format json` */
  describe(msg: Message<V>): DecodeSummary;
}
