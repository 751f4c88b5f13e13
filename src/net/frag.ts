// IP fragment reassembly (RFC 791 §3.2, RFC 8200 §4.5) with bounded memory: per datagram at most
// MAX_DATAGRAM bytes, at most maxEntries reassemblies at once (oldest evicted), timeout in capture time.
// Overlapping fragments with different bytes discard the datagram (RFC 5722) and raise an issue.
import type { DecodeIssue } from '../wire/issue.js';
import { netIssue, type FrameRef } from './issues.js';

export const MAX_DATAGRAM = 65535;

interface Part {
  off: number;
  data: Uint8Array;
}

interface Entry {
  parts: Part[];
  bytes: number;
  /** total length, known once the last fragment (more = false) arrived */
  total: number;
  /** upper protocol from the offset-0 fragment (IPv6: next header of its fragment header) */
  proto: number;
  frames: number[];
  first: FrameRef;
  firstTs: number;
  /** discarded after an error; swallows further fragments until it times out */
  dead: boolean;
}

export interface Reassembled {
  payload: Uint8Array;
  proto: number;
  frames: number[];
}

export interface FragOptions {
  maxEntries?: number;
  /** seconds of capture time */
  timeout?: number;
}

export class FragmentReassembler {
  private entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly timeout: number;

  constructor(opts: FragOptions = {}) {
    this.maxEntries = opts.maxEntries ?? 1024;
    this.timeout = opts.timeout ?? 60;
  }

  get size(): number {
    return this.entries.size;
  }

  /** drop reassemblies older than the timeout (insertion order is time order, near enough) */
  expire(now: number, issues: DecodeIssue[]): void {
    if (this.entries.size === 0) return;
    for (const [k, e] of this.entries) {
      if (now - e.firstTs <= this.timeout) break;
      this.entries.delete(k);
      if (!e.dead) issues.push(this.incomplete(e, 'net.ip.frag-timeout', `reassembly timed out after ${this.timeout} s`));
    }
  }

  private incomplete(e: Entry, code: string, why: string): DecodeIssue {
    return netIssue(e.first, code, `${why}; fragments in frames ${e.frames.join(',')} dropped`, 0, {
      severity: 'warning', expected: e.total >= 0 ? e.total : undefined, actual: e.bytes });
  }

  /**
   * Add one fragment. `key` identifies the datagram (addresses, id, and for IPv4 the protocol).
   * Returns the whole payload when this fragment completes it.
   */
  add(key: string, offset: number, more: boolean, proto: number, data: Uint8Array, f: FrameRef, issues: DecodeIssue[]): Reassembled | undefined {
    let e = this.entries.get(key);
    if (!e) {
      if (this.entries.size >= this.maxEntries) {
        const [oldKey, old] = this.entries.entries().next().value as [string, Entry];
        this.entries.delete(oldKey);
        if (!old.dead) issues.push(this.incomplete(old, 'net.ip.frag-evicted', `more than ${this.maxEntries} reassemblies at once`));
      }
      e = { parts: [], bytes: 0, total: -1, proto: -1, frames: [], first: f, firstTs: f.ts, dead: false };
      this.entries.set(key, e);
    }
    if (e.dead) return undefined;
    e.frames.push(f.no);
    const end = offset + data.length;
    const kill = (code: string, why: string): undefined => {
      e.dead = true;
      e.parts = [];
      issues.push(netIssue(f, code, `${why}; datagram discarded (fragments in frames ${e.frames.join(',')})`, 0));
      return undefined;
    };
    if (end > MAX_DATAGRAM) return kill('net.ip.frag-too-big', `fragment ends at byte ${end}, past ${MAX_DATAGRAM}`);
    if (more && data.length % 8 !== 0)
      issues.push(netIssue(f, 'net.ip.frag-bad-length', `non-last fragment of ${data.length} bytes, not a multiple of 8`, 0, { severity: 'warning' }));
    if (!more) {
      if (e.total >= 0 && e.total !== end) return kill('net.ip.frag-inconsistent', `two last fragments end at ${e.total} and ${end}`);
      e.total = end;
    }
    if (e.total >= 0 && end > e.total) return kill('net.ip.frag-inconsistent', `fragment ends at ${end}, past the last fragment's end ${e.total}`);
    // overlap: identical bytes are a retransmission (ignored); different bytes kill the datagram
    let at = e.parts.length;
    for (let i = 0; i < e.parts.length; i++) {
      const p = e.parts[i]!;
      const pend = p.off + p.data.length;
      if (p.off >= end) {
        at = Math.min(at, i);
        continue;
      }
      if (pend <= offset) continue;
      if (p.off === offset && pend === end && equal(p.data, data)) return undefined;
      return kill('net.ip.frag-overlap', `fragment [${offset},${end}) overlaps [${p.off},${pend}) from an earlier fragment`);
    }
    if (e.total >= 0 && e.parts.some((p) => p.off + p.data.length > e.total))
      return kill('net.ip.frag-inconsistent', `earlier fragment runs past the last fragment's end ${e.total}`);
    e.parts.splice(at, 0, { off: offset, data });
    e.bytes += data.length;
    if (offset === 0) e.proto = proto;
    if (e.total < 0 || e.bytes !== e.total) return undefined;
    this.entries.delete(key);
    const payload = new Uint8Array(e.total);
    for (const p of e.parts) payload.set(p.data, p.off);
    return { payload, proto: e.proto, frames: e.frames };
  }

  /** end of capture: every open reassembly is incomplete */
  flush(issues: DecodeIssue[]): void {
    for (const e of this.entries.values())
      if (!e.dead) issues.push(this.incomplete(e, 'net.ip.frag-incomplete', 'capture ended during reassembly'));
    this.entries.clear();
  }
}

function equal(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
