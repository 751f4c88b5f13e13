import type { DecodeIssue } from '../wire/issue.js';

export type Transport = 'udp' | 'tcp' | 'sctp' | 'ip';

/** Address + port of one end; `addr` is the canonical text form (ipaddr.js toString / toNormalizedString rules: RFC 5952 for IPv6). */
export interface Endpoint {
  addr: string;
  port: number;
}

/**
 * What the network layer hands to the protocol demux: one transport payload.
 *  - udp: one datagram payload
 *  - ip: a payload carried directly in IP (MH next-header 135, or an upper protocol we do not know)
 *  - tcp / sctp: already reassembled application bytes are NOT delivered here; see StreamData
 */
export interface Datagram {
  transport: 'udp' | 'ip';
  /** frame that completed it (the last fragment) */
  frame: number;
  /** every frame that contributed (fragments) */
  frames: number[];
  ts: number;
  ipVersion: 4 | 6;
  src: Endpoint;
  dst: Endpoint;
  /** IP protocol / IPv6 next header of the payload (17 for UDP, 135 for MH, ...) */
  ipProto: number;
  /** IPv4 TTL / IPv6 hop limit */
  hopLimit: number;
  payload: Uint8Array;
  /** link-level interface index, for multi-interface captures */
  iface: number;
  /** IPsec protection of the packet: AH SPI (the payload is then still readable); ESP SPI when ipProto is 50 */
  ipsec?: { ah?: number; esp?: number };
  issues: DecodeIssue[];
}

/** Ordered application bytes from a TCP connection or SCTP stream, one direction. */
export interface StreamData {
  transport: 'tcp' | 'sctp';
  /** connection key, stable for both directions: "a|b" sorted */
  conn: string;
  src: Endpoint;
  dst: Endpoint;
  ts: number;
  /** the bytes, with the frame each byte range came from */
  chunks: { frame: number; ts: number; data: Uint8Array }[];
  /** SCTP payload protocol id, when transport is sctp (46 Diameter, 47 Diameter DTLS) */
  ppid?: number;
  /** a gap (lost segment) precedes these bytes */
  gap?: boolean;
  /** the connection was closed (FIN/RST) after these bytes; 'rst' or 'fin' */
  closed?: 'fin' | 'rst';
  /** the frame that carried the FIN or RST */
  closedFrame?: number;
  issues: DecodeIssue[];
}
