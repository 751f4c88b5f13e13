import fs from 'node:fs';
import type { CommandModule } from 'yargs';
import { openCapture } from '../capture/open.js';
import type { Message } from '../flow/message.js';
import { Demux, type Opaque } from '../pipeline/messages.js';
import { PROTOCOLS } from '../proto/index.js';
import { toJsonSafe } from '../util/json.js';
import type { DecodeIssue } from '../wire/issue.js';
import { settingsFrom } from './options.js';

interface DecodeArgs {
  capture: string;
  format: 'json' | 'text';
  output?: string;
  proto: string[];
  profile: string[];
  set: string[];
  strict: boolean;
}

/** `decode`: one JSON object per message per line (tshark-like), with the decoded tree and any decode issues. */
export function decodeCommand(setCode: (c: number) => void): CommandModule<{}, DecodeArgs> {
  return {
    command: 'decode <capture>',
    describe: 'print every protocol message in a capture (json: one object per line)',
    builder: (y) =>
      y
        .positional('capture', { type: 'string', demandOption: true })
        .option('format', { alias: 'f', choices: ['json', 'text'] as const, default: 'text' as const })
        .option('output', { alias: 'o', type: 'string' })
        .option('proto', { type: 'string', array: true, default: [] as string[], describe: 'only these protocols' })
        .option('profile', { alias: 'p', type: 'string', array: true, default: [] as string[] })
        .option('set', { type: 'string', array: true, default: [] as string[] })
        .option('strict', { type: 'boolean', default: false }) as never,
    handler: async (args) => {
      const { settings } = settingsFrom(args);
      const out = args.output ? fs.createWriteStream(args.output) : process.stdout;
      const lines: string[] = [];
      const flush = () => {
        if (lines.length) out.write(lines.join(''));
        lines.length = 0;
      };
      let count = 0;
      const emit = (o: unknown) => {
        lines.push(args.format === 'json' ? JSON.stringify(toJsonSafe(o)) + '\n' : textLine(o as Record<string, unknown>));
        if (lines.length >= 256) flush();
      };
      const sink = {
        message(m: Message) {
          if (args.proto.length && !args.proto.includes(m.proto)) return;
          count++;
          const mod = PROTOCOLS.find((p) => p.name === m.proto)!;
          emit({
            frame: m.frame,
            ...(m.frames.length > 1 ? { frames: m.frames } : {}),
            ts: m.ts,
            proto: m.proto,
            src: endpointText(m.src),
            dst: endpointText(m.dst),
            ...mod.describe(m),
            ...(m.issues.length ? { issues: m.issues.map(issueJson) } : {}),
          });
        },
        issue(frame: number, i: DecodeIssue) {
          emit({ frame, proto: 'capture', issues: [issueJson(i)] });
        },
        opaque(o: Opaque) {
          emit({ frame: o.frames[0] ?? 0, frames: o.frames, proto: o.proto, opaque: o.reason });
        },
      };
      const demux = new Demux(PROTOCOLS, settings, sink);
      try {
        for await (const f of openCapture(args.capture)) demux.frame(f);
      } catch (e) {
        demux.end();
        flush();
        throw e;
      }
      demux.end();
      flush();
      if (out !== process.stdout) await new Promise<void>((r) => (out as fs.WriteStream).end(r));
      setCode(count === 0 ? 3 : 0);
    },
  };
}

/** [v6]:port, v4:port, or the bare address when there is no port (IP-level protocols) */
function endpointText(e: { addr: string; port: number }): string {
  if (!e.port) return e.addr;
  return e.addr.includes(':') ? `[${e.addr}]:${e.port}` : `${e.addr}:${e.port}`;
}

function issueJson(i: DecodeIssue) {
  return { code: i.code, message: i.message, offset: i.offset, ...(i.path ? { path: i.path.join('.') } : {}) };
}

function textLine(o: Record<string, unknown>): string {
  const { frame, proto, src, dst, issues, opaque, ...rest } = o;
  const name = rest.msgType ?? rest.commandName ?? '';
  const extra = Object.entries(rest)
    .filter(([k, v]) => k !== 'msgType' && k !== 'ts' && k !== 'frames' && (typeof v !== 'object' || v === null))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
  const iss = Array.isArray(issues) ? ` ISSUES: ${(issues as { code: string; offset: number }[]).map((i) => `${i.code}@${i.offset}`).join(', ')}` : '';
  return `${String(frame).padStart(6)} ${String(proto).padEnd(8)} ${src ?? ''} → ${dst ?? ''} ${String(name)} ${extra}${opaque ? ` (${String(opaque)})` : ''}${iss}\n`;
}
