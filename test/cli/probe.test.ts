// `probe` through the CLI, against the embedded reference on loopback: flags, a YAML config file, --save, and the
// exit code for a target that does not answer at all.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { resolveSettings } from '../../src/assert/profiles.js';
import { startReference, type Reference } from '../../src/serve/run.js';

let ref: Reference;
let out = '';
let err = '';
const orig = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
beforeAll(async () => {
  ref = await startReference({ bind: '::1', serverPort: 0, relayPort: 0, aaaPort: 0, faults: new Set(), settings: resolveSettings([]) });
});
afterAll(async () => ref.stop());
beforeEach(() => {
  out = '';
  err = '';
  process.stdout.write = ((s: string | Uint8Array) => ((out += String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => ((err += String(s)), true)) as typeof process.stderr.write;
});
afterEach(() => {
  process.stdout.write = orig.out;
  process.stderr.write = orig.err;
});

describe('probe via the CLI', () => {
  it('dhcp-server from a YAML config, saved as pcapng, judged as JSON', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'm6probe-'));
    const cfg = path.join(dir, 'probe.yaml');
    const save = path.join(dir, 'probe.pcapng');
    fs.writeFileSync(cfg, `target: "[::1]:${ref.server.port}"\ntimeout: 600\nmsp: msp.example\nsave: ${save}\n`);
    expect(await main(['probe', 'dhcp-server', '--config', cfg, '--format', 'json'])).toBe(0);
    const r = JSON.parse(out) as { verdicts: { id: string; outcome: string; role: string }[]; status: string };
    expect(r.status).toBe('ok');
    expect(r.verdicts.every((v) => v.role === 'server')).toBe(true);
    expect(r.verdicts.find((v) => v.id === 'RFC8415-18.3.6-reply-serverid')?.outcome).toBe('pass');
    expect(fs.statSync(save).size).toBeGreaterThan(1000);
  });

  it('diameter-server with --origin-host/--origin-realm', async () => {
    const code = await main(['probe', 'diameter-server', '--target', `[::1]:${ref.aaa.port}`, '--origin-host', 'tester.test.realm', '--origin-realm', 'test.realm', '--timeout', '600', '--format', 'json']);
    const r = JSON.parse(out) as { verdicts: { id: string; outcome: string }[] };
    expect(code).toBe(0);
    expect(r.verdicts.find((v) => v.id === 'RFC6733-6.2-answer-identifiers')?.outcome).toBe('pass');
  });

  it('a target that does not answer: exit 4, one line', async () => {
    const code = await main(['probe', 'dhcp-server', '--target', '[::1]:9', '--timeout', '300']);
    expect(code).toBe(4);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/M6_ERR_TARGET_UNREACHABLE/);
  });
});
