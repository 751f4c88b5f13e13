// tshark as an oracle for what the tester crafted: decode a saved recording (Decode-As for non-standard ports) and
// list the frames tshark marks malformed (`_ws.malformed`) or with an expert error.
import { execFile, execFileSync } from 'node:child_process';

/** expert severity "error" (epan/proto.h PI_ERROR) as tshark's JSON prints it */
export const PI_ERROR = String(0x00800000);

export function hasTshark(): boolean {
  try {
    execFileSync('tshark', ['--version'], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

export interface Packet {
  frame: number;
  /** the protocol layers tshark saw, e.g. eth:ethertype:ipv6:udp:dhcpv6 */
  protocols: string;
  /** malformed marks and expert errors, as text */
  problems: string[];
  /** dotted field names present anywhere in the packet (to tell a decoded message from undissected data) */
  fields: Set<string>;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: Json | undefined): v is Obj => v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v);
const experts = (v: Json | undefined): Obj[] => (Array.isArray(v) ? v.filter(isObj) : isObj(v) ? [v] : []);

/** every malformed mark (with the expert message of the same tree) and every expert error in one packet */
export function problemsOf(layers: Json): string[] {
  const out: string[] = [];
  const walk = (v: Json, path: string): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, path);
      return;
    }
    if (!isObj(v)) return;
    const here = experts(v['_ws.expert']);
    if ('_ws.malformed' in v) {
      const why = here.map((e) => String(e['_ws.expert.message'] ?? '')).filter(Boolean);
      out.push(`${path}: malformed${why.length ? ` (${why.join('; ')})` : ` ${JSON.stringify(v['_ws.malformed'])}`}`);
    }
    for (const e of here) if (e['_ws.expert.severity'] === PI_ERROR) out.push(`${path}: expert error: ${String(e['_ws.expert.message'] ?? '')}`);
    for (const [k, x] of Object.entries(v)) walk(x, k.startsWith('_ws.') ? path : k);
  };
  walk(layers, '');
  return out;
}

function fieldsOf(layers: Json): Set<string> {
  const out = new Set<string>();
  const walk = (v: Json): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObj(v)) {
      for (const [k, x] of Object.entries(v)) {
        out.add(k);
        walk(x);
      }
    }
  };
  walk(layers);
  return out;
}

/** decode `file` with tshark; `decodeAs` = ['udp.port==N,dhcpv6', ...]; one entry per frame */
export function tsharkDecode(file: string, decodeAs: string[]): Promise<Packet[]> {
  const args = ['-r', file, ...decodeAs.flatMap((d) => ['-d', d]), '-T', 'json', '--no-duplicate-keys'];
  return new Promise((resolve, reject) => {
    execFile('tshark', args, { maxBuffer: 256 << 20, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`tshark ${args.join(' ')}: ${err.message}\n${stderr}`));
      let packets: { _source: { layers: Obj } }[];
      try {
        packets = JSON.parse(stdout) as typeof packets;
      } catch (e) {
        return reject(new Error(`tshark printed no JSON: ${(e as Error).message}\n${stdout.slice(0, 500)}`));
      }
      resolve(
        packets.map((p) => {
          const layers = p._source.layers;
          const frame = isObj(layers.frame) ? layers.frame : {};
          return { frame: Number(frame['frame.number']), protocols: String(frame['frame.protocols'] ?? ''), problems: problemsOf(layers), fields: fieldsOf(layers) };
        }),
      );
    });
  });
}
