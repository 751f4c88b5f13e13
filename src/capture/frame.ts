/** One captured record, as the capture readers deliver it. `no` is 1-based, as tshark numbers frames. */
export interface Frame {
  no: number;
  /** capture timestamp in seconds since the epoch (float; ns precision is kept in tsNs) */
  ts: number;
  /** timestamp in nanoseconds since the epoch, exact */
  tsNs: bigint;
  /** interface index (pcapng IDB index; 0 for classic pcap) */
  iface: number;
  /** LINKTYPE_* value of the interface */
  linktype: number;
  /** captured bytes (capLen = data.length) */
  data: Uint8Array;
  origLen: number;
  /** byte offset of the record in the capture file, for error evidence */
  fileOffset: number;
}

/** Well-known LINKTYPE values (tcpdump.org/linktypes.html). */
export const LINKTYPE = {
  NULL: 0, // BSD loopback
  ETHERNET: 1,
  RAW: 101,
  LOOP: 108, // OpenBSD loopback (AF in network byte order)
  LINUX_SLL: 113,
  IPV4: 228,
  IPV6: 229,
  LINUX_SLL2: 276,
} as const;
