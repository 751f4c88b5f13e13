// Cross-check of whole fixture captures with Wireshark's dissector: after TCP/SCTP reassembly (split, straddling,
// coalesced, reordered, retransmitted segments; bundled and fragmented DATA chunks) tshark and our pipeline must see the
// same messages in the same frames: command codes, flags, identifiers, AVP codes (depth first) and every top-level
// AVP's bytes. Fails in CI when tshark is missing, skips otherwise.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../assert/profiles.js';
import { openCapture } from '../capture/open.js';
import type { Message } from '../flow/message.js';
import { Demux } from '../pipeline/messages.js';
import { PROTOCOLS } from '../proto/index.js';
import type { DiameterAvp, DiameterMessage } from '../proto/diameter/index.js';
import { fromRoot } from '../util/paths.js';

function hasTshark(): boolean {
  try {
    execFileSync('tshark', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const present = hasTshark();
if (!present && process.env.CI) throw new Error('tshark is required in CI for the Diameter capture cross-check');

const CAPTURES = [
  'diameter-nas-tcp-whole', 'diameter-nas-tcp-split-header', 'diameter-nas-tcp-split-many', 'diameter-nas-tcp-coalesced',
  'diameter-nas-tcp-straddle', 'diameter-nas-tcp-retransmit', 'diameter-nas-tcp-reordered', 'diameter-nas-tcp-midstream',
  'diameter-nas-sctp-bundled', 'diameter-nas-sctp-fragmented', 'diameter-mip6a-clean', 's001-mbr-clean',
  'diameter-error-avp-unsupported', 'diameter-error-not-allowed', 'diameter-agent-info-three-ha',
];

interface Row {
  frame: number;
  code: number;
  flags: number;
  app: number;
  hbh: number;
  e2e: number;
  codes: number[];
  avps: string[];
}

type Json = Record<string, any>;
const list = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);
const hexColon = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(':');

/** AVP codes depth first under one tshark diameter (or grouped) node */
function tsharkCodes(node: Json, out: number[] = []): number[] {
  for (const a of list<Json>(node['diameter.avp_tree'])) {
    out.push(Number(a['diameter.avp.code']));
    for (const [k, v] of Object.entries(a)) if (k.endsWith('_tree') && v && typeof v === 'object' && 'diameter.avp_tree' in (v as Json)) tsharkCodes(v as Json, out);
  }
  return out;
}

function tsharkRows(file: string): Row[] {
  const out = execFileSync('tshark', ['-r', file, '-o', 'tcp.reassemble_out_of_order:TRUE', '-T', 'json', '--no-duplicate-keys'], { maxBuffer: 64 << 20 }).toString();
  const rows: Row[] = [];
  for (const p of JSON.parse(out) as Json[]) {
    const l = p._source.layers as Json;
    for (const d of list<Json>(l.diameter)) {
      rows.push({
        frame: Number(l.frame['frame.number']),
        code: Number(d['diameter.cmd.code']),
        flags: Number(d['diameter.flags']),
        app: Number(d['diameter.applicationId']),
        hbh: Number(d['diameter.hopbyhopid']),
        e2e: Number(d['diameter.endtoendid']),
        codes: tsharkCodes(d),
        avps: list<string>(d['diameter.avp']),
      });
    }
  }
  return rows;
}

async function ourRows(file: string): Promise<Row[]> {
  const msgs: Message<DiameterMessage>[] = [];
  const demux = new Demux(PROTOCOLS, resolveSettings([]), {
    message: (m) => void (m.proto === 'diameter' && msgs.push(m as Message<DiameterMessage>)),
    issue: () => undefined,
    opaque: () => undefined,
  });
  for await (const f of openCapture(file)) demux.frame(f);
  demux.end();
  const codes = (l: readonly DiameterAvp[], out: number[] = []): number[] => {
    for (const a of l) {
      out.push(a.code);
      if (a.avps && Array.isArray(a.value)) codes(a.avps, out);
    }
    return out;
  };
  return msgs.map((m) => ({
    // tshark names the frame that completed reassembly (latest in capture order); Message.frame is the frame holding the
    // message's last byte in stream order, which differs when segments arrive out of order: compare max(frames)
    frame: Math.max(...m.frames),
    code: m.value.commandCode,
    flags: m.value.flags,
    app: m.value.applicationId,
    hbh: m.value.hopByHop,
    e2e: m.value.endToEnd,
    codes: codes(m.value.avps),
    // tshark shows each AVP with its padding
    avps: m.value.avps.map((a) => hexColon(m.raw.subarray(a.raw!.offset, a.raw!.offset + ((a.raw!.length + 3) & ~3)))),
  }));
}

describe.skipIf(!present)('tshark cross-check of whole Diameter captures (reassembled)', () => {
  for (const name of CAPTURES) {
    it(`${name}: tshark and our decode agree message by message`, async () => {
      const file = fromRoot('fixtures', 'captures', name, 'capture.pcapng');
      const theirs = tsharkRows(file);
      const ours = await ourRows(file);
      expect(ours.length).toBeGreaterThan(1);
      expect(ours).toEqual(theirs);
    });
  }

  it('typed values agree: Origin-Host, Result-Code, MIP6-Feature-Vector, MIP-Home-Agent-Address', () => {
    const file = fromRoot('fixtures', 'captures', 'diameter-nas-tcp-straddle', 'capture.pcapng');
    const out = execFileSync('tshark', ['-r', file, '-T', 'fields', '-E', 'separator=|', '-e', 'diameter.Origin-Host', '-e', 'diameter.Result-Code',
      '-e', 'diameter.MIP6-Feature-Vector', '-e', 'diameter.MIP-Home-Agent-Address.IPv6', '-Y', 'diameter.cmd.code == 265']).toString().trim().split('\n');
    expect(out).toEqual(['nas.example.net||3|', 'aaa.example.com|2001|1|2001:db8:10::1']);
  });
});
