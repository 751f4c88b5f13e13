// Offline audit: for each capture, frames → Demux → Session. A capture that cannot be read is an input
// error on that input; the other inputs are still audited.
import { openCapture } from '../capture/open.js';
import type { Frame } from '../capture/frame.js';
import type { RunResult } from '../assert/result.js';
import { Mip6Error } from '../util/errors.js';
import { Demux } from './messages.js';
import { Session, type SessionOptions } from './session.js';

export interface AuditProgress {
  input: string;
  frames: number;
  bytes: number;
}

/** A capture path ('-' for stdin), or frames already in memory (tests, fixtures, probes). */
export type AuditInput = string | { name: string; frames: Iterable<Frame> | AsyncIterable<Frame> };

export async function audit(
  inputs: readonly AuditInput[],
  opts: SessionOptions & { onProgress?: (p: AuditProgress) => void },
): Promise<RunResult> {
  const session = new Session(opts);
  for (const input of inputs) {
    const name = typeof input === 'string' ? input : input.name;
    const sink = session.beginInput(name);
    const demux = new Demux(opts.modules, opts.settings, sink);
    let frames = 0;
    let bytes = 0;
    try {
      const source = typeof input === 'string' ? openCapture(input) : input.frames;
      for await (const f of source) {
        frames++;
        bytes += f.data.length;
        demux.frame(f);
        if (opts.onProgress && (frames & 0x3fff) === 0) opts.onProgress({ input: name, frames, bytes });
      }
    } catch (e) {
      if (!(e instanceof Mip6Error)) throw e;
      session.inputError(e.code, e.message);
    } finally {
      demux.end();
      sink.frames(frames, bytes);
    }
  }
  return session.finish();
}
