import type { Endpoint } from '../net/packet.js';
import type { DecodeIssue } from '../wire/issue.js';

export type ProtoName = 'dhcpv6' | 'diameter' | 'pana' | 'mipv4' | 'mh' | 'ikev2';

/** A decoded protocol message with where it came from. The same type comes from captures and probes. */
export interface Message<V = unknown> {
  proto: ProtoName;
  /** the frame that completed the message (1-based) */
  frame: number;
  /** every frame the message came from (fragments, TCP segments) */
  frames: number[];
  ts: number;
  src: Endpoint;
  dst: Endpoint;
  /** transport it travelled on */
  transport: 'udp' | 'tcp' | 'sctp' | 'ip';
  /** IP hop limit / TTL, where known */
  hopLimit?: number;
  /** for stream transports: connection key (both directions share it) */
  conn?: string;
  /** the message bytes (a view, not a copy) */
  raw: Uint8Array;
  value: V;
  issues: DecodeIssue[];
  /** IPsec protection of the packet that carried it (AH SPI; ESP never reaches a decoder) */
  ipsec?: { ah?: number; esp?: number };
  /** set by probes: this message was sent by the tester */
  sentByTester?: boolean;
}
