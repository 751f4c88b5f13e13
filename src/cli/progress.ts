import fs from 'node:fs';
import type { AuditProgress } from '../pipeline/audit.js';

/** Packets per second and time left on stderr, only on a TTY and not with --quiet. */
export function progressReporter(quiet: boolean): { update?: (p: AuditProgress) => void; done(): void } {
  if (quiet || !process.stderr.isTTY) return { done() {} };
  const t0 = Date.now();
  const sizes = new Map<string, number>();
  let shown = false;
  return {
    update(p) {
      let size = sizes.get(p.input);
      if (size === undefined) {
        try {
          size = p.input === '-' ? 0 : fs.statSync(p.input).size;
        } catch {
          size = 0;
        }
        sizes.set(p.input, size);
      }
      const secs = (Date.now() - t0) / 1000;
      const pps = secs > 0 ? Math.round(p.frames / secs) : 0;
      const left = size > 0 && p.bytes > 0 && secs > 0 ? ` ~${Math.max(0, Math.round(((size - p.bytes * 1.0) / p.bytes) * secs))}s left` : '';
      process.stderr.write(`\r${p.input}: ${p.frames} packets, ${pps}/s${left}   `);
      shown = true;
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}
