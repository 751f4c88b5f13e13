// The CLI as a user meets it: exit codes, the JSON verdict fields, one-line errors, list/explain/decode, --coverage.
// Runs main() in-process with stdout/stderr captured.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fromRoot } from '../../src/util/paths.js';

let out = '';
let err = '';
const orig = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
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

const cap = (name: string) => fromRoot('fixtures', 'captures', name, 'capture.pcapng');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'm6cli-'));

describe('audit', () => {
  it('the bundled RFC 6611 exchange: every applicable assertion reported, exit 0', async () => {
    expect(await main(['audit', '--format', 'json'])).toBe(0);
    const r = JSON.parse(out) as { verdicts: Record<string, unknown>[]; status: string };
    expect(r.status).toBe('ok');
    expect(r.verdicts.length).toBeGreaterThan(20);
    for (const v of r.verdicts) for (const k of ['id', 'level', 'role', 'outcome', 'cite', 'message', 'frames']) expect(v).toHaveProperty(k);
    expect(r.verdicts.some((v) => v.outcome === 'fail')).toBe(false);
  });

  it('one seeded fault: exit 1 and the failing verdict names its frame', async () => {
    expect(await main(['audit', cap('dhcpv6-client-option-overrun'), '--format', 'json'])).toBe(1);
    const r = JSON.parse(out) as { verdicts: { outcome: string; frames: number[]; message: string }[] };
    const f = r.verdicts.filter((v) => v.outcome === 'fail');
    expect(f.length).toBeGreaterThan(0);
    expect(f[0]!.frames.length).toBeGreaterThan(0);
  });

  it('--fail-on should turns a warn into exit 1', async () => {
    const file = cap('rfc6611-bootstrap-wrong-ha');
    expect(await main(['audit', file, '--only', 'RFC6611-4.2.1-server-returns-aaa-ha', '--format', 'json'])).toBe(0);
    out = '';
    expect(await main(['audit', file, '--only', 'RFC6611-4.2.1-server-returns-aaa-ha', '--fail-on', 'should', '--format', 'json'])).toBe(1);
  });

  it('a file that is not a capture: one line on stderr, exit 2, no stack', async () => {
    const d = tmp();
    const f = path.join(d, 'x.pcap');
    fs.writeFileSync(f, 'this is not a capture at all\n');
    expect(await main(['audit', f])).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^mip6-conform: M6_ERR_CAPTURE_FORMAT: /);
    expect(err).not.toMatch(/\n\s+at /);
  });

  it('a missing file: exit 2, one line', async () => {
    expect(await main(['audit', '/nonexistent/x.pcapng'])).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('nothing relevant (only link-layer noise): exit 3', async () => {
    expect(await main(['audit', fromRoot('fixtures', 'captures', 'net', 'link-mix', 'capture.pcapng'), '--only', 'RFC6611-*'])).toBe(3);
  });

  it('--coverage lists exercised and unreached clauses', async () => {
    expect(await main(['audit', '--coverage', '--format', 'json'])).toBe(0);
    const r = JSON.parse(out) as { coverage: { exercised: number; total: number; clauses: { exercised: boolean }[] } };
    expect(r.coverage.exercised).toBeGreaterThan(0);
    expect(r.coverage.exercised).toBeLessThan(r.coverage.total);
  });

  it('every report format renders', async () => {
    for (const f of ['console', 'junit', 'tap', 'html']) {
      out = '';
      expect(await main(['audit', '--format', f, '--color', 'false'])).toBe(0);
      expect(out.length).toBeGreaterThan(200);
    }
  });
});

describe('list, explain, decode', () => {
  it('list filters by role and level', async () => {
    expect(await main(['list', '--role', 'server', '--level', 'MUST', '--format', 'json'])).toBe(0);
    const rows = JSON.parse(out) as { role: string; level: string }[];
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.every((r) => r.role === 'server' && r.level === 'MUST')).toBe(true);
  });

  it('explain names the clause and the fixtures where the assertion passes and fails', async () => {
    expect(await main(['explain', 'RFC8415-18.3.6-reply-serverid', '--format', 'json'])).toBe(0);
    const e = JSON.parse(out) as { cite: { doc: string; section: string }; fixtures: { pass: string[]; fail: string[] } };
    expect(e.cite).toMatchObject({ doc: 'RFC8415', section: '18.3.6' });
    expect(e.fixtures.pass.length).toBeGreaterThan(0);
    expect(e.fixtures.fail.length).toBeGreaterThan(0);
  });

  it('explain of an unknown id: exit 2 with suggestions', async () => {
    expect(await main(['explain', 'serverid'])).toBe(2);
    expect(err).toMatch(/did you mean/);
  });

  it('decode --format json: one object per message with frame, proto, msgType and transactionId', async () => {
    expect(await main(['decode', fromRoot('fixtures', 'captures', 'rfc6611-integrated', 'capture.pcapng'), '--format', 'json'])).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ frame: 1, proto: 'dhcpv6', msgType: 'INFORMATION-REQUEST', transactionId: '6611a1' });
    expect(lines[1]).toMatchObject({ frame: 2, proto: 'dhcpv6', msgType: 'RELAY-FORW', hopCount: 0 });
    expect(lines[1]!.relayed).toBeDefined();
  });

  it('usage errors exit 2', async () => {
    expect(await main(['audit', '--format', 'yaml'])).toBe(2);
    expect(await main(['nonsense'])).toBe(2);
  });
});
