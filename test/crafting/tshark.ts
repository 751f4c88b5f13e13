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

export interface Complaint {
  frame: number;
  /** the protocol layers tshark saw, e.g. eth:ethertype:ipv6:udp:dhcpv6 */
  protocols: string;
  /** malformed marks and expert errors, as text */
  problems: string[];
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** every malformed mark and expert error anywhere in one packet's layers */
export function problemsOf(layers: Json): string[] {
  const out: string[] = [];
  const walk = (v: Json, path: string): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, path);
      return;
    }
    if (v === null || typeof v !== 'object') return;
    for (const [k, x] of Object.entries(v)) {
      if (k === '_ws.malformed') out.push(`${path}: malformed ${JSON.stringify(x)}`);
      else if (k === '_ws.expert' && x && typeof x === 'object') {
        for (const e of Array.isArray(x) ? x : [x]) {
          if (e && typeof e === 'object' && !Array.isArray(e) && e['_ws.expert.severity'] === PI_ERROR) {
            out.push(`${path}: expert error ${String(e['_ws.expert.message'] ?? '')} [${String(e['_ws.expert.group'] ?? '')}]`);
          }
        }
      }
      walk(x, k.startsWith('_ws.') ? path : k);
    }
  };
  walk(layers, '');
  return out;
}

/** decode `file` with tshark; `decodeAs` = ['udp.port==N,dhcpv6', ...]; the complaints per frame (only frames with any) */
export function tsharkComplaints(file: string, decodeAs: string[]): Promise<Complaint[]> {
  const args = ['-r', file, ...decodeAs.flatMap((d) => ['-d', d]), '-T', 'json', '--no-duplicate-keys'];
  return new Promise((resolve, reject) => {
    execFile('tshark', args, { maxBuffer: 256 << 20, timeout: 60_000 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`tshark ${args.join(' ')}: ${err.message}\n${stderr}`));
      let packets: { _source: { layers: Record<string, Json> } }[];
      try {
        packets = JSON.parse(stdout) as typeof packets;
      } catch (e) {
        return reject(new Error(`tshark printed no JSON: ${(e as Error).message}\n${stdout.slice(0, 500)}`));
      }
      const out: Complaint[] = [];
      for (const p of packets) {
        const layers = p._source.layers;
        const frame = layers.frame as Record<string, Json> | undefined;
        const problems = problemsOf(layers);
        if (problems.length) out.push({ frame: Number(frame?.['frame.number']), protocols: String(frame?.['frame.protocols'] ?? ''), problems });
      }
      resolve(out);
    });
  });
}
