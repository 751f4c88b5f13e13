// Decode problems: the bytes are odd. Recorded on the message, never thrown past a decoder boundary.
// Codes are dotted and stable: <proto>.<area>.<what> (as Wireshark's expert info ids).

export type IssueSeverity = 'error' | 'warning';

export interface DecodeIssue {
  code: string;
  message: string;
  /** byte offset of the problem, relative to the start of the message (or capture record) */
  offset: number;
  severity: IssueSeverity;
  /** dotted path in the decoded tree, e.g. ['options', 3, 'data'] */
  path?: (string | number)[];
  expected?: unknown;
  actual?: unknown;
}

export function issue(
  code: string,
  message: string,
  offset: number,
  extra: Partial<Omit<DecodeIssue, 'code' | 'message' | 'offset'>> = {},
): DecodeIssue {
  return { code, message, offset, severity: extra.severity ?? 'error', ...extra };
}

/**
 * Internal signal used by Reader when a read runs past its bound. Decoders catch it at their
 * entry point and turn it into a DecodeIssue; it never escapes a public decode function.
 */
export class WireShort extends Error {
  constructor(
    readonly offset: number,
    readonly wanted: number,
    readonly available: number,
  ) {
    super(`need ${wanted} bytes at offset ${offset}, ${available} available`);
  }
}

export function shortIssue(proto: string, e: WireShort, path?: (string | number)[]): DecodeIssue {
  return issue(`${proto}.truncated`, `truncated: ${e.message}`, e.offset, {
    expected: e.wanted,
    actual: e.available,
    ...(path ? { path } : {}),
  });
}
