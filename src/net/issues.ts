import { issue, type DecodeIssue, type IssueSeverity } from '../wire/issue.js';

/** The frame a network-layer problem was found in. Issues carry its byte offset in the capture file. */
export interface FrameRef {
  no: number;
  fileOffset: number;
  ts: number;
  /** the record was cut by the snap length (origLen > captured length) */
  snapped: boolean;
}

/** A network-layer issue: offset = the record's file offset; path = ['frame', frame number, byte offset in the frame]. */
export function netIssue(
  f: FrameRef,
  code: string,
  message: string,
  at: number,
  extra: { severity?: IssueSeverity; expected?: unknown; actual?: unknown } = {},
): DecodeIssue {
  return issue(code, `frame ${f.no}: ${message}`, f.fileOffset, { ...extra, path: ['frame', f.no, at] });
}
