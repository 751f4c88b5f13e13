// Diameter over a byte stream (TCP, or SCTP user data; RFC 6733 §2.1): cut messages by Message Length.
// Bounded memory: a claimed length over the limit is an issue and a resync, never a buffer. Bytes are copied at most once
// per message (pending chunks are kept as views; a message inside one chunk is a view, not a copy).
// Framing issues carry the stream offset (octets since the stream start) and path ['stream'].
import { issue, type DecodeIssue } from '../../wire/issue.js';
import type { FramedMessage, Framer } from '../module.js';
import { defaultDictionary, type Dictionary } from './dictionary/index.js';
import { CMD, HEADER_LENGTH } from './header.js';

export const DEFAULT_MAX_LENGTH = 1 << 20;

export interface FramerOptions {
  /** largest Message Length accepted (default 1 MiB) */
  maxLength?: number;
  dict?: Dictionary;
}

interface Piece {
  frame: number;
  ts: number;
  data: Uint8Array;
}

type Verdict = 'yes' | 'likely' | 'no' | 'more';

export class DiameterFramer implements Framer {
  private pieces: Piece[] = [];
  /** offset of the first pending byte inside pieces[0] */
  private head = 0;
  private avail = 0;
  /** stream offset of the first pending byte */
  private consumed = 0;
  private synced = true;
  private first = true;
  private skipped = 0;
  private skipFrom = 0;
  private pending: DecodeIssue[] = [];
  /** resync: offsets of unconfirmed candidate headers, and how far the pending bytes were scanned */
  private candidates: number[] = [];
  private scanned = 0;
  private readonly max: number;
  private readonly dict: Dictionary;

  constructor(opts: FramerOptions = {}) {
    this.max = opts.maxLength ?? DEFAULT_MAX_LENGTH;
    this.dict = opts.dict ?? defaultDictionary();
  }

  push(chunk: { frame: number; ts: number; data: Uint8Array }, gap = false): FramedMessage[] {
    if (gap) {
      this.candidates = [];
      this.scanned = 0;
      if (this.avail > 0) {
        this.note('diameter.framing.gap', `${this.avail} octets of an incomplete message dropped at a capture gap`, this.consumed, { actual: this.avail });
        this.drop(this.avail);
      }
      this.synced = false;
    }
    if (chunk.data.length > 0) {
      this.pieces.push(chunk);
      this.avail += chunk.data.length;
    }
    return this.drain(false);
  }

  end(): { messages: FramedMessage[]; issues: DecodeIssue[] } {
    const messages = this.drain(true);
    if (!this.synced) this.lose(this.avail);
    this.flushSkip();
    if (this.avail > 0) {
      this.note('diameter.framing.incomplete', `stream ended inside a message: ${this.avail} octets left`, this.consumed, { actual: this.avail });
      this.drop(this.avail);
    }
    return { messages, issues: this.pending.splice(0) };
  }

  private drain(final: boolean): FramedMessage[] {
    const out: FramedMessage[] = [];
    for (;;) {
      if (!this.synced) {
        if (!this.resync(final)) break;
      }
      if (this.avail < HEADER_LENGTH) break;
      const len = this.u24(1);
      if (len > this.max && this.byteAt(0) === 1) {
        this.note('diameter.framing.oversize', `Message Length ${len} exceeds the ${this.max}-octet limit; resynchronising`, this.consumed, { expected: `≤ ${this.max}`, actual: len });
        this.synced = false;
        this.lose(1);
        continue;
      }
      // a stream's first message, or a header whose version is not 1, must look like Diameter; otherwise follow the length
      let v = this.first || this.byteAt(0) !== 1 ? this.plausible(0, false, final) : len >= HEADER_LENGTH ? 'yes' : 'no';
      if (v === 'more' && final) v = 'no';
      if (v === 'more') break;
      if (v === 'no') {
        this.note('diameter.framing.bad-header', `no Diameter header at stream offset ${this.consumed}; resynchronising`, this.consumed, { actual: Array.from(this.copy(0, Math.min(8, this.avail))) });
        this.synced = false;
        this.lose(1);
        continue;
      }
      if (this.avail < len) break;
      out.push(this.take(len));
    }
    return out;
  }

  /**
   * Looks for the next plausible header; true when the stream is synchronised again. A candidate confirmed by the
   * header that follows it wins; unconfirmed ones (their message or the next header not here yet) are remembered, and
   * the earliest is taken when nothing better shows up by the end of the stream.
   */
  private resync(final: boolean): boolean {
    // recheck what was pending, then scan the bytes not scanned yet
    const hold: number[] = [];
    for (const c of this.candidates) {
      const v = this.plausible(c, true, final);
      if (v === 'yes') return this.syncAt(c);
      if (v !== 'no') hold.push(c);
    }
    // the unscanned bytes are at the tail: find the piece holding offset `scanned` walking back from the end, so a
    // long wait for more data (many small pieces) stays linear
    let k = Math.max(0, this.pieces.length - 1);
    let end = this.avail;
    while (k > 0) {
      const len = this.pieces[k]!.data.length;
      if (end - len <= this.scanned) break;
      end -= len;
      k--;
    }
    const lenK = k === 0 ? (this.pieces[0]?.data.length ?? 0) - this.head : this.pieces[k]!.data.length;
    let i = end - lenK;
    for (; k < this.pieces.length; k++) {
      const d = this.pieces[k]!.data;
      let j = k === 0 ? this.head : 0;
      if (i < this.scanned) {
        j += this.scanned - i;
        i = this.scanned;
      }
      for (; j < d.length; j++, i++) {
        if (d[j] !== 1) continue;
        const v = this.plausible(i, true, final);
        if (v === 'yes') return this.syncAt(i);
        if (v !== 'no' && hold.length < 64) hold.push(i);
      }
    }
    this.scanned = this.avail;
    const first = hold[0];
    if (first !== undefined && final) return this.syncAt(first);
    const keepFrom = first ?? Math.max(0, this.avail - HEADER_LENGTH);
    this.candidates = hold.map((c) => c - keepFrom);
    this.scanned -= keepFrom;
    this.lose(keepFrom);
    return false;
  }

  private syncAt(i: number): boolean {
    this.lose(i);
    this.candidates = [];
    this.scanned = 0;
    this.flushSkip();
    this.synced = true;
    return true;
  }

  /**
   * Is there a plausible header at pending offset i? Version 1 (when asked), length ≥ 20, multiple of 4, ≤ limit,
   * no reserved bits, not R+E, command ≥ 256, first AVP sane. 'yes' when the following header (or the stream end)
   * confirms it; 'likely' when the command is known but the confirmation is not here yet; 'more' when bytes are missing.
   */
  private plausible(i: number, needVersion: boolean, final: boolean): Verdict {
    const have = this.avail - i;
    if (have < HEADER_LENGTH) return final ? 'no' : 'more';
    const h = this.copy(i, HEADER_LENGTH);
    if (needVersion && h[0] !== 1) return 'no';
    const len = (h[1]! << 16) | (h[2]! << 8) | h[3]!;
    const flags = h[4]!;
    const code = (h[5]! << 16) | (h[6]! << 8) | h[7]!;
    if (len < HEADER_LENGTH || len % 4 !== 0 || len > this.max) return 'no';
    if (flags & CMD.RESERVED || (flags & CMD.R && flags & CMD.E)) return 'no';
    if (code < 256) return 'no';
    if (len >= HEADER_LENGTH + 8) {
      if (have < HEADER_LENGTH + 8) return final ? 'no' : 'more';
      const a = this.copy(i + HEADER_LENGTH, 8);
      const alen = (a[5]! << 16) | (a[6]! << 8) | a[7]!;
      if (alen < (a[4]! & 0x80 ? 12 : 8) || alen > len - HEADER_LENGTH || a[4]! & 0x1f) return 'no';
    } else if (len !== HEADER_LENGTH) return 'no';
    if (have >= len + 4) {
      const n = this.copy(i + len, 4);
      const nlen = (n[1]! << 16) | (n[2]! << 8) | n[3]!;
      return n[0] === 1 && nlen >= HEADER_LENGTH && nlen % 4 === 0 && nlen <= this.max ? 'yes' : 'no';
    }
    const known = this.dict.hasCommandCode(code);
    // a known command whose message ends exactly where the data ends (as segments usually do) counts as confirmed
    if (have === len && (known || final)) return 'yes';
    return known ? 'likely' : 'more';
  }

  private take(len: number): FramedMessage {
    const frames: number[] = [];
    let frame = 0;
    let ts = 0;
    let left = len;
    let off = this.head;
    for (const p of this.pieces) {
      if (left <= 0) break;
      const n = Math.min(p.data.length - off, left);
      if (frames[frames.length - 1] !== p.frame) frames.push(p.frame);
      frame = p.frame;
      ts = p.ts;
      left -= n;
      off = 0;
    }
    const bytes = this.copy(0, len);
    this.drop(len);
    this.first = false;
    return { bytes, frames, frame, ts, issues: this.pending.splice(0) };
  }

  private byteAt(i: number): number {
    if (i >= this.avail) return -1; // not here yet: no walk over the pieces (keeps a long wait linear)
    let off = this.head + i;
    for (const p of this.pieces) {
      if (off < p.data.length) return p.data[off]!;
      off -= p.data.length;
    }
    return -1;
  }

  private u24(i: number): number {
    return (this.byteAt(i) << 16) | (this.byteAt(i + 1) << 8) | this.byteAt(i + 2);
  }

  /** n pending bytes from offset i: a view when they sit in one piece, else one copy. */
  private copy(i: number, n: number): Uint8Array {
    let off = this.head + i;
    let k = 0;
    while (k < this.pieces.length && off >= this.pieces[k]!.data.length) off -= this.pieces[k++]!.data.length;
    const first = this.pieces[k]?.data;
    if (!first) return new Uint8Array(0);
    if (off + n <= first.length) return first.subarray(off, off + n);
    const out = new Uint8Array(n);
    let at = 0;
    for (; k < this.pieces.length && at < n; k++) {
      const d = this.pieces[k]!.data;
      const part = d.subarray(off, Math.min(d.length, off + n - at));
      out.set(part, at);
      at += part.length;
      off = 0;
    }
    return at === n ? out : out.subarray(0, at);
  }

  private drop(n: number): void {
    this.avail -= n;
    this.consumed += n;
    let left = n + this.head;
    let k = 0;
    while (k < this.pieces.length && left >= this.pieces[k]!.data.length) left -= this.pieces[k++]!.data.length;
    if (k > 0) this.pieces.splice(0, k);
    this.head = this.pieces.length ? left : 0;
  }

  /** drop n octets as not-Diameter while resynchronising */
  private lose(n: number): void {
    if (n <= 0) return;
    if (this.skipped === 0) this.skipFrom = this.consumed;
    this.skipped += n;
    this.drop(n);
  }

  private flushSkip(): void {
    if (this.skipped === 0) return;
    this.note('diameter.framing.resync', `${this.skipped} octets skipped looking for a Diameter header`, this.skipFrom, { severity: 'warning', actual: this.skipped });
    this.skipped = 0;
  }

  private note(code: string, message: string, offset: number, extra: { severity?: 'error' | 'warning'; expected?: unknown; actual?: unknown }): void {
    this.pending.push(issue(code, message, offset, { path: ['stream'], ...extra }));
  }
}

export function createFramer(opts: FramerOptions = {}): DiameterFramer {
  return new DiameterFramer(opts);
}

/**
 * A TLS record (RFC 8446 §5.1: type 22 handshake, legacy version 0x03xx) at the start of a stream means Diameter over
 * TLS (RFC 6733 §2.1, port 5658, or after an in-band TLS negotiation): not decodable, the pipeline marks it opaque.
 * A Diameter header starts with version 1, so the two cannot be confused.
 */
export function looksLikeTls(bytes: Uint8Array): boolean {
  if (bytes.length < 3 || bytes[0] !== 0x16 || bytes[1] !== 0x03 || bytes[2]! > 0x04) return false;
  if (bytes.length < 5) return true;
  const len = (bytes[3]! << 8) | bytes[4]!;
  return len > 0 && len <= 16384 + 2048;
}

/** Diameter-over-TLS port (RFC 6733 §2.1). */
export const TLS_PORT = 5658;
