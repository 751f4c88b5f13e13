// RFC 6733 §3 Diameter header: Version(1) Length(3) | Flags(1) Command-Code(3) | Application-ID(4) | Hop-by-Hop(4) | End-to-End(4).
import type { Writer } from '../../wire/writer.js';

export const HEADER_LENGTH = 20;

/** Command flags (§3): R request, P proxiable, E error, T potentially retransmitted; the low 4 bits are reserved. */
export const CMD = { R: 0x80, P: 0x40, E: 0x20, T: 0x10, RESERVED: 0x0f } as const;

export interface DiameterHeader {
  version: number;
  /** Message Length as read (on encode it is computed unless `lengthOverride` is set on the message) */
  length: number;
  /** the whole flags octet, reserved bits included */
  flags: number;
  commandCode: number;
  applicationId: number;
  hopByHop: number;
  endToEnd: number;
}

export interface CommandFlags {
  R: boolean;
  P: boolean;
  E: boolean;
  T: boolean;
  /** value of the 4 reserved bits */
  reserved: number;
}

export function commandFlags(flags: number): CommandFlags {
  return { R: (flags & CMD.R) !== 0, P: (flags & CMD.P) !== 0, E: (flags & CMD.E) !== 0, T: (flags & CMD.T) !== 0, reserved: flags & CMD.RESERVED };
}

export function isRequest(h: { flags: number }): boolean {
  return (h.flags & CMD.R) !== 0;
}

/** Reads a header at `at`; the caller has checked that 20 octets are there. */
export function readHeader(b: Uint8Array, at = 0): DiameterHeader {
  const dv = new DataView(b.buffer, b.byteOffset + at, HEADER_LENGTH);
  return {
    version: b[at]!,
    length: (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!,
    flags: b[at + 4]!,
    commandCode: (b[at + 5]! << 16) | (b[at + 6]! << 8) | b[at + 7]!,
    applicationId: dv.getUint32(8),
    hopByHop: dv.getUint32(12),
    endToEnd: dv.getUint32(16),
  };
}

/** Writes a header with the given length field. */
export function writeHeader(w: Writer, h: Omit<DiameterHeader, 'length'>, length: number): void {
  w.u8(h.version).u24(length).u8(h.flags).u24(h.commandCode).u32(h.applicationId).u32(h.hopByHop).u32(h.endToEnd);
}
