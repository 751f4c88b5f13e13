// Test-side helpers shared by the four protocol folders: load a hex vector, cut a message at every offset.
import fs from 'node:fs';
import { fromRoot } from '../../util/paths.js';
import { fromHex } from '../../wire/codec.js';
import type { Decoded } from '../../wire/codec.js';

export function fixture(proto: string, name: string): Uint8Array {
  return fromHex(fs.readFileSync(fromRoot('fixtures', 'messages', proto, name), 'utf8'));
}

export function fixtureNames(proto: string): string[] {
  return fs.readdirSync(fromRoot('fixtures', 'messages', proto)).filter((f) => f.endsWith('.hex')).sort();
}

/** decodes every prefix of `bytes`; returns how many prefixes produced at least one issue (never throws) */
export function everyPrefix<T>(bytes: Uint8Array, decode: (b: Uint8Array) => Decoded<T>, encode: (v: T) => Uint8Array): { withIssues: number; exact: number } {
  let withIssues = 0;
  let exact = 0;
  for (let n = 0; n < bytes.length; n++) {
    const cut = bytes.slice(0, n);
    const d = decode(cut);
    if (d.issues.length > 0) withIssues++;
    const again = encode(d.value);
    if (Buffer.from(again).equals(Buffer.from(cut))) exact++;
  }
  return { withIssues, exact };
}

import type { Message, ProtoName } from '../../flow/message.js';

/** a Message as the pipeline would deliver it (test helper) */
export function msgOf<V>(proto: ProtoName, value: V, at: { ts: number; src: string; dst: string; sport?: number; dport?: number; frame?: number }): Message<V> {
  const frame = at.frame ?? Math.round(at.ts * 1000);
  return {
    proto, frame, frames: [frame], ts: at.ts, transport: proto === 'mh' ? 'ip' : 'udp',
    src: { addr: at.src, port: at.sport ?? 0 }, dst: { addr: at.dst, port: at.dport ?? 0 },
    raw: new Uint8Array(0), value, issues: [],
  };
}
