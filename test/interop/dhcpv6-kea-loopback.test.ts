// probe dhcp-server against Kea 2.2 on loopback ([::1]:11547, a port of its own so no other test file's Kea on 547 /
// 10547 collides). The verdicts asserted here are the ones Kea really earns: each was established by reading the
// saved recording with tshark (fields below), and the test re-reads the capture with tshark to check the fact.
//
// Verdict summary, Kea 2.2 (scripts/peers/kea6.json), default profile, tester as relay (Relay-forw with
// Relay-Source-Port from an ephemeral port) — 13 requests, 11 answered; wall time of this file ≈ 5 s (test ≈ 3 s):
//   RFC8415-18.3.6-reply-serverid            pass  tshark: every Reply (inner msgtype 7) carries option 2
//   RFC8415-16.10-reply-clientid             pass  tshark: Replies echo option 1 whenever the IR had one
//   RFC8415-18.3.6-reply-without-clientid    pass  tshark: IR 0x6d0007 has no option 1 → its Reply has none
//   RFC8415-16.12-ir-ia-option               FAIL  tshark: IR 0x6d000a carries option 3 (IA_NA) and Kea answered it
//   RFC8415-16.12-ir-foreign-serverid        pass  tshark: IR 0x6d000b names another SERVERID (option 2): no answer
//   RFC8415-16-server-unknown-msg-type       pass  tshark: message type 200 (0x6d000c): no answer
//   RFC8415-16-server-unknown-options        pass  tshark: IR with option 65000 (0x6d0008) answered
//   RFC8415-16.14-server-relay-reply-discard FAIL  tshark: a Relay-reply (13) sent to Kea (0x6d000d) was answered
//   RFC8415-21.18-relay-repl-interface-id    pass  tshark: every Relay-repl carries option 18
//   RFC8415-19.3-relay-repl-nesting          pass  tshark: two-level Relay-forw (12,12) → Relay-repl (13,13)
//   RFC8415-21.23-reply-irt-requested        warn  tshark: ORO lists 32, no Reply carries option 32
//   RFC6610-3-home-info-encapsulated         warn  tshark: Replies to RSOO requests carry 71/72 at the top level
//   RFC6422-6-rsoo-enabled-only              warn  same frames: HAA (72) from the RSOO copied though not IANA RSOO-enabled
//   RFC6611-4.2.1-server-idinf-from-rsoo     FAIL  IDINF holds Kea's class data, not the RSOO's HAA/HNP (they go top level)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../suites/index.js';
import { resolveSettings } from '../../src/assert/profiles.js';
import type { RunResult } from '../../src/assert/result.js';
import { judgeRecording } from '../../src/probe/finish.js';
import { findBinary, requirePeer, startKea, type KeaPeer } from '../../src/probe/peers.js';
import { Recorder } from '../../src/probe/recorder.js';
import { probeDhcpServer } from '../../src/probe/scenarios/dhcpv6-server.js';

const PORT = 11547;
const STATE = '/tmp/mip6-peers/kea-interop-lo';
const SAVE = `${STATE}/probe.pcapng`;

let kea: KeaPeer | undefined;
afterAll(async () => {
  await kea?.stop();
});

/** tshark -T fields over the saved probe capture: one row per frame */
function tsharkRows(file: string): { no: number; sport: number; types: number[]; xid: string; opts: number[] }[] {
  const out = execFileSync(
    'tshark',
    ['-r', file, '-d', `udp.port==${PORT},dhcpv6`, '-T', 'fields', '-E', 'separator=\t', '-e', 'frame.number', '-e', 'udp.srcport', '-e', 'dhcpv6.msgtype', '-e', 'dhcpv6.xid', '-e', 'dhcpv6.option.type'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 },
  );
  return out.trim().split('\n').map((l) => {
    const [no, sport, types, xid, opts] = l.split('\t');
    const nums = (s: string | undefined): number[] => (s ? s.split(',').map(Number) : []);
    return { no: Number(no), sport: Number(sport), types: nums(types), xid: xid ?? '', opts: nums(opts) };
  });
}

const outcomes = (r: RunResult): Record<string, string> => Object.fromEntries(r.results.map((a) => [a.id, a.outcome]));

describe.skipIf(!requirePeer('kea'))('probe dhcp-server against Kea on loopback', () => {
  it('earns the verdicts its traffic shows', async () => {
    kea = await startKea({ mode: 'loopback', port: PORT, stateDir: STATE });
    const settings = resolveSettings(['default']);
    settings['flow.window'] = 4;
    const rec = new Recorder();
    const cases = await probeDhcpServer({
      target: { addr: '::1', port: PORT }, mode: 'relay', timeoutMs: 1500, settings,
      ha: '2001:db8:10::1', hnp: { len: 64, prefix: '2001:db8:10::' }, msp: 'msp.example', linkAddress: '2001:db8:1::1', tap: rec.tap,
    });
    await kea.stop();
    const res = await judgeRecording(rec, {
      role: 'dhcp-server', targetRoles: ['server'], settings, profiles: ['default'], catalogue: CATALOGUE, failOn: 'must', save: SAVE,
      port: { proto: 'dhcpv6', port: PORT },
    });

    // which requests Kea answered (the probe's own bookkeeping)
    const answered = Object.fromEntries(cases.map((c) => [c.name, c.answered]));
    expect(answered).toEqual({
      'idinf-hnidf-rsoo': true, 'idinf-hnidf': true, 'idinf-no-hnidf': true, 'vdinf-rsoo': true, udinf: true, 'unknown-msp': true,
      'no-clientid': true, 'unknown-option': true, 'two-relays': true, 'ia-in-ir': true, 'foreign-serverid': false,
      'unknown-msg-type': false, 'relay-repl-to-server': true,
    });

    expect(outcomes(res)).toMatchObject({
      'RFC8415-18.3.6-reply-serverid': 'pass',
      'RFC8415-16.10-reply-clientid': 'pass',
      'RFC8415-18.3.6-reply-without-clientid': 'pass',
      'RFC8415-16.12-ir-ia-option': 'fail',
      'RFC8415-16.12-ir-foreign-serverid': 'pass',
      'RFC8415-16-server-unknown-msg-type': 'pass',
      'RFC8415-16-server-unknown-options': 'pass',
      'RFC8415-16.14-server-relay-reply-discard': 'fail',
      'RFC8415-21.18-relay-repl-interface-id': 'pass',
      'RFC8415-19.3-relay-repl-nesting': 'pass',
      'RFC8415-21.23-reply-irt-requested': 'warn',
      'RFC6610-3-home-info-encapsulated': 'warn',
      'RFC6422-6-rsoo-enabled-only': 'warn',
      'RFC6611-4.2.1-server-idinf-from-rsoo': 'fail',
    });
    expect(res.totals.error).toBe(0);
    expect(res.status).toBe('failed');

    // the facts behind the verdicts, read back by tshark
    if (!findBinary('tshark')) return;
    expect(fs.existsSync(SAVE)).toBe(true);
    const rows = tsharkRows(SAVE);
    const byXid = (xid: number) => rows.filter((r) => r.xid.split(',').includes(`0x${xid.toString(16).padStart(6, '0')}`));
    const answers = rows.filter((r) => r.sport === PORT);
    expect(answers.every((r) => r.types[0] === 13)).toBe(true);
    expect(answers.length).toBe(11);
    for (const a of answers) {
      expect(a.opts).toContain(2); // SERVERID in every Reply
      expect(a.opts).toContain(18); // Interface-ID copied into every Relay-repl
      expect(a.opts).not.toContain(32); // no Information Refresh Time, though the ORO asked for it
    }
    expect(byXid(0x6d000a).map((r) => r.types[0])).toEqual([12, 13]); // IR with IA_NA: answered
    expect(byXid(0x6d000a)[0]!.opts).toContain(3);
    expect(byXid(0x6d000b).map((r) => r.types[0])).toEqual([12]); // foreign SERVERID: silence
    expect(byXid(0x6d000c).map((r) => r.types[0])).toEqual([12]); // type 200: silence
    expect(byXid(0x6d000d).map((r) => r.types[0])).toEqual([13, 13]); // Relay-reply to the server: answered
    expect(byXid(0x6d0007)[1]!.opts.filter((o) => o === 1)).toEqual([]); // no CLIENTID asked, none given
    expect(byXid(0x6d0001)[1]!.opts).toEqual(expect.arrayContaining([69, 71, 72])); // HNP/HAA from RSOO at top level
  });
});
