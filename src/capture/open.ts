// Opens a capture file (or '-' for stdin) and streams its frames. Memory stays at one record plus one read chunk.
import { createReadStream } from 'node:fs';
import type { Frame } from './frame.js';
import { ByteQueue } from './queue.js';
import { PcapReader } from './pcap.js';
import { PcapngReader } from './pcapng.js';
import { CaptureFormatError, CaptureReadError } from '../util/errors.js';

export type CaptureKind =
  | { format: 'pcap'; le: boolean; nanos: boolean }
  | { format: 'pcapng' };

/** Recognise a capture from its first 4 bytes; undefined when it is neither pcap nor pcapng. */
export function sniffCapture(first: Uint8Array): CaptureKind | undefined {
  if (first.length < 4) return undefined;
  const m = ((first[0]! << 24) | (first[1]! << 16) | (first[2]! << 8) | first[3]!) >>> 0;
  switch (m) {
    case 0xa1b2c3d4: return { format: 'pcap', le: false, nanos: false };
    case 0xd4c3b2a1: return { format: 'pcap', le: true, nanos: false };
    case 0xa1b23c4d: return { format: 'pcap', le: false, nanos: true };
    case 0x4d3cb2a1: return { format: 'pcap', le: true, nanos: true };
    case 0x0a0d0d0a: return { format: 'pcapng' };
    default: return undefined;
  }
}

const CHUNK = 256 * 1024;

function hex(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return s;
}

/**
 * Frames of a capture in batches (one batch per read chunk; cheaper than one await per frame).
 * Throws CaptureFormatError before any frame when the magic is not pcap/pcapng, and CaptureReadError
 * (with the byte offset) after the good frames when a record is corrupt or the file is truncated.
 */
export async function* readCaptureBatches(
  source: string | AsyncIterable<Uint8Array | string>,
  name = typeof source === 'string' ? source : '-',
): AsyncGenerator<Frame[]> {
  const input: AsyncIterable<Uint8Array | string> =
    typeof source !== 'string' ? source : source === '-' ? process.stdin : createReadStream(source, { highWaterMark: CHUNK });
  const q = new ByteQueue();
  let reader: PcapReader | PcapngReader | undefined;
  const it = input[Symbol.asyncIterator]();
  try {
    for (;;) {
      let r: IteratorResult<Uint8Array | string>;
      try {
        r = await it.next();
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        throw new CaptureReadError(name, q.offset + q.length, `read failed: ${msg}`);
      }
      if (r.done) break;
      const chunk = r.value;
      q.push(typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk);
      if (!reader) {
        if (q.length < 4) continue;
        const kind = sniffCapture(Uint8Array.of(q.at(0), q.at(1), q.at(2), q.at(3)));
        if (!kind) throw new CaptureFormatError(name, `magic 0x${hex(Uint8Array.of(q.at(0), q.at(1), q.at(2), q.at(3)))}`);
        reader = kind.format === 'pcap' ? new PcapReader(name) : new PcapngReader(name);
      }
      const out: Frame[] = [];
      try {
        reader.parse(q, out);
      } catch (e) {
        if (out.length) yield out;
        throw e;
      }
      if (out.length) yield out;
    }
    if (!reader) {
      const got = q.length ? `magic 0x${hex(q.take(q.length))}` : 'empty input';
      throw new CaptureFormatError(name, got);
    }
    reader.end(q);
  } finally {
    await it.return?.();
  }
}

/** Frames of a capture file, or of stdin for '-'. See readCaptureBatches for the errors. */
export async function* openCapture(path: string): AsyncGenerator<Frame> {
  for await (const batch of readCaptureBatches(path)) yield* batch;
}

/** Frames from any byte stream (a Readable, a socket, a test generator). */
export async function* openCaptureStream(stream: AsyncIterable<Uint8Array | string>, name = '-'): AsyncGenerator<Frame> {
  for await (const batch of readCaptureBatches(stream, name)) yield* batch;
}
