// Headless Chromium for one page: --dump-dom or --screenshot, a fresh profile each time, a hard time limit (the
// process group is killed by PID when it hangs), nothing fetched from the network.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export interface ChromiumRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

const BASE = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run',
];

/** runs chromium on `url` with `args` (e.g. ['--dump-dom']); kills its process group after `timeoutMs` */
export function runChromium(url: string, args: string[], timeoutMs = 60_000): Promise<ChromiumRun> {
  const profile = mkdtempSync(join(tmpdir(), 'm6-chromium-'));
  return new Promise((resolve, reject) => {
    // detached: its own process group, so a hang is ended with every helper process it started
    const child = spawn(CHROMIUM, [...BASE, `--user-data-dir=${profile}`, ...args, url], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          child.kill('SIGKILL');
        }
      }
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      rmSync(profile, { recursive: true, force: true });
      resolve({ code, signal, timedOut, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
