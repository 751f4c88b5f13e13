// Issue 7 part 4: what the tester crafts is well-formed. Every probe role in the registry runs each of its cases
// against a loopback counterpart, the recording is saved (Recorder.save) and decoded by tshark with Decode-As for
// the non-standard ports; no frame the tester SENT may carry a malformed mark or an expert error, except the cases
// that are malformed on purpose (MALFORMED_ON_PURPOSE: the reason, and the complaint tshark must make — any other
// complaint in such a case still fails). Every sent payload must also be dissected as its protocol (else "not
// malformed" proves nothing; NOT_DISSECTED_ON_PURPOSE lists the exceptions), and DHCPv6 options / PANA AVPs must
// tile their message (tiling.ts: what tshark 4.0 lets pass). Roles with no loopback counterpart get a test.todo.
// tshark missing: fails when CI is set, skipped otherwise.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/assert/profiles.js';
import { Recorder } from '../../src/probe/recorder.js';
import { PROBE_ROLES } from '../../src/probe/roles/index.js';
import type { ProbeOptions, ProbeRole } from '../../src/probe/roles/types.js';
import { DHCP_RELAY_CASES } from '../../src/probe/scenarios/dhcpv6-relay.js';
import { DHCP_SERVER_CASES } from '../../src/probe/scenarios/dhcpv6-server.js';
import { HOME_AGENT_CASES } from '../../src/probe/scenarios/diameter-home-agent.js';
import { DIAMETER_SERVER_CASES } from '../../src/probe/scenarios/diameter-server.js';
import { FHA_CASES } from '../../src/probe/scenarios/mipv4-fha.js';
import { PANA_PAA_CASES } from '../../src/probe/scenarios/pana-paa.js';
import { duid, msg, opt, OPT } from '../../src/proto/dhcpv6/index.js';
import { startFha } from '../../src/serve/fha.js';
import { startPaa, type RunningServer } from '../../src/serve/pana-paa.js';
import { startReference, type Reference } from '../../src/serve/run.js';
import { ProbeTargetError } from '../../src/util/errors.js';
import { dhcpClient, freePort, tinyNas, tinyRelay } from './targets.js';
import { dhcpv6Tiling, panaTiling } from './tiling.js';
import { hasTshark, tsharkDecode, type Packet } from './tshark.js';

const TSHARK = hasTshark();
const CI = Boolean(process.env.CI);
const settings = resolveSettings([]);
/** the probes' settings: a short matcher window, so unanswered Diameter requests expire quickly in the recording */
const probeSettings = resolveSettings([], { 'flow.window': 1 });

/** role/case → why it is malformed on purpose, and the complaint tshark makes about it (any other complaint still fails) */
const MALFORMED_ON_PURPOSE: Record<string, { why: string; complaint: RegExp }> = {
  'diameter-server/invalid-avp-length': {
    why: 'Auth-Request-Type claims AVP Length 10, i.e. 2 data octets for an Enumerated (DIA-16), so the other 2 value octets read as non-zero padding',
    complaint: /Bad Integer32 Length \(2\)|Padding is non-zero/,
  },
};

/** role/case → why one sent message is, on purpose, not even taken for the protocol by tshark's dissector (its
 * header check refuses it and the bytes show as data: nothing there to judge as malformed) */
const NOT_DISSECTED_ON_PURPOSE: Record<string, string> = {
  'diameter-server/wrong-version': 'DWR with Version 2 (DIA-17): the Diameter dissector accepts only Version 1',
  'home-agent/wrong-version': 'DWR with Version 2 (DIA-17): the Diameter dissector accepts only Version 1',
  'diameter-server/r-and-e': 'AAR with both R and E set (DIA-08): the Diameter dissector refuses that flag combination',
  'diameter-server/garbage': '64 octets that are not Diameter at all (DIA-18)',
  'home-agent/garbage': '64 octets that are not Diameter at all (DIA-18)',
  'pana-paa/unknown-avp':
    "a PAN whose first AVP is the unassigned code 65000 (PBS-06): tshark's PANA heuristic refuses a message whose first AVP code is past its table (the tiling check still covers it)",
};

/** the probe could not bind a fixed port (546/547) */
const PORT_BUSY = /cannot open .*EADDRINUSE/;


const HA = '2001:db8:10::1';
const HNP = '2001:db8:10::/64';

const options = (target: string, o: Partial<ProbeOptions> = {}): ProbeOptions => ({
  target, bind: '::1', timeout: 400, cases: [], ha: HA, hnp: HNP, msp: 'msp.example', linkAddress: '2001:db8:1::1',
  originHost: 'tester.test.realm', originRealm: 'test.realm', extra: {}, ...o,
});

interface Ctx {
  reference(): Promise<Reference>;
  paa(): Promise<RunningServer>;
  fha(): Promise<RunningServer>;
}

interface CraftCase {
  name: string;
  /** runs the role once into `rec`; returns a note (e.g. what the counterpart did) */
  run(role: ProbeRole, rec: Recorder, ctx: Ctx): Promise<string | void>;
}

type Proto = 'dhcpv6' | 'diameter' | 'pana' | 'mipv4';

interface Setup {
  /** what the tester faces, for the test names */
  counterpart: string;
  /** the protocol of every payload the role sends */
  proto: Proto;
  cases: CraftCase[];
}

const IR_ORO = [OPT.INFORMATION_REFRESH_TIME, OPT.INF_MAX_RT];
const clientDuid = opt.clientId(duid.ll(Uint8Array.of(0x02, 0x6d, 0x36, 0, 9, 9)));

/** How each registry role is exercised on loopback. A role missing here becomes a test.todo. */
const SETUPS: Record<string, Setup> = {
  'dhcp-server': {
    proto: 'dhcpv6',
    counterpart: 'reference DHCPv6 server (src/serve)',
    cases: [
      ...DHCP_SERVER_CASES.filter((c) => c.modes.includes('relay')).map((c) => ({
        name: `relay:${c.name}`,
        run: async (role: ProbeRole, rec: Recorder, ctx: Ctx) => {
          const ref = await ctx.reference();
          await role.run(options(`[::1]:${ref.server.port}`, { cases: [c.name], timeout: 300 }), probeSettings, rec);
        },
      })),
      ...DHCP_SERVER_CASES.filter((c) => c.modes.includes('client')).map((c) => ({
        name: `client:${c.name}`,
        run: async (role: ProbeRole, rec: Recorder, ctx: Ctx) => {
          const ref = await ctx.reference();
          // client mode from an ephemeral port (546 needs no other test holding it); unicast to the server
          await role.run(options(`[::1]:${ref.server.port}`, { cases: [c.name], timeout: 300, mode: 'client', localPort: 0 }), probeSettings, rec);
        },
      })),
    ],
  },
  'diameter-server': {
    proto: 'diameter',
    counterpart: 'reference AAA server (src/serve)',
    cases: DIAMETER_SERVER_CASES.map((c) => ({
      name: c.name,
      run: async (role: ProbeRole, rec: Recorder, ctx: Ctx) => {
        const ref = await ctx.reference();
        await role.run(options(`[::1]:${ref.aaa.port}`, { cases: [c.name], timeout: 500 }), probeSettings, rec);
      },
    })),
  },
  'home-agent': {
    proto: 'diameter',
    // no reference home agent yet: the reference AAA server is a Diameter node, and the MHR cases still go out as crafted
    counterpart: 'reference AAA server standing in for a home agent',
    cases: HOME_AGENT_CASES.map((c) => ({
      name: c.name,
      run: async (role: ProbeRole, rec: Recorder, ctx: Ctx) => {
        const ref = await ctx.reference();
        await role.run(options(`[::1]:${ref.aaa.port}`, { cases: [c.name], timeout: 500 }), probeSettings, rec);
      },
    })),
  },
  nas: {
    proto: 'diameter',
    counterpart: 'a tiny NAS in test/crafting (CER, DWR, AAR, DER, MIR, DPR)',
    cases: [
      {
        name: 'session',
        run: async (role, rec) => {
          const port = await freePort('tcp');
          const served = role.run(options('::1', { localPort: port, timeout: 500, extra: { wait: 5000, idle: 700 } }), probeSettings, rec);
          const answers = await tinyNas(port, settings);
          await served;
          return `${answers} answers to the tiny NAS`;
        },
      },
    ],
  },
  'dhcp-client': {
    proto: 'dhcpv6',
    counterpart: 'a tiny DHCPv6 client in test/crafting (sends until answered)',
    cases: (
      [
        ['idinf-hnidf', () => msg.informationRequest(0x6d6301, [clientDuid, opt.elapsedTime(0), opt.oro([OPT.MIP6_IDINF, ...IR_ORO]), opt.hnidf('msp.example')])],
        ['vdinf', () => msg.informationRequest(0x6d6302, [clientDuid, opt.elapsedTime(0), opt.oro([OPT.MIP6_VDINF, ...IR_ORO])])],
        ['udinf', () => msg.informationRequest(0x6d6303, [clientDuid, opt.elapsedTime(0), opt.oro([OPT.MIP6_UDINF, ...IR_ORO])])],
        ['no-clientid', () => msg.informationRequest(0x6d6304, [opt.elapsedTime(0), opt.oro([OPT.MIP6_IDINF, ...IR_ORO])])],
        [
          'relayed',
          (lp: number) =>
            msg.relayForw(0, '2001:db8:1::1', 'fe80::6d36:9', [
              opt.relayMsg(msg.informationRequest(0x6d6305, [clientDuid, opt.elapsedTime(0), opt.oro([OPT.MIP6_IDINF, ...IR_ORO]), opt.hnidf('msp.example')])),
              opt.interfaceId('tiny9'),
              opt.relaySourcePort(lp),
            ]),
        ],
      ] as const
    ).map(([name, m]) => ({
      name,
      run: async (role: ProbeRole, rec: Recorder) => {
        const port = await freePort('udp');
        const served = role.run(options('::1', { localPort: port, timeout: 5000, extra: { linger: 200 } }), probeSettings, rec);
        const answered = await dhcpClient(port, m, settings);
        await served;
        return answered ? 'answered' : 'the tiny client got no answer';
      },
    })),
  },
  'dhcp-relay': {
    proto: 'dhcpv6',
    counterpart: 'a tiny relay in test/crafting (forwards to the tester-server, delivers the Relay-reply back)',
    cases: DHCP_RELAY_CASES.map((c) => ({
      name: c.name,
      run: async (role: ProbeRole, rec: Recorder) => {
        const serverPort = await freePort('udp');
        const relay = await tinyRelay(serverPort, settings);
        try {
          // the tester-client sends from [::1]:546 (and :547 as a lower relay)
          const extra = { clientInterface: 'lo', clientBind: '::1', serverBind: '::1', serverPort: String(serverPort) };
          await role.run(options(`[::1]:${relay.port}`, { cases: [c.name], timeout: 400, extra }), probeSettings, rec);
        } finally {
          await relay.stop();
        }
      },
    })),
  },
  'pana-paa': {
    proto: 'pana',
    counterpart: 'reference PAA (src/serve/pana-paa.ts)',
    cases: PANA_PAA_CASES.map((c) => ({
      name: c.name,
      run: async (role: ProbeRole, rec: Recorder, ctx: Ctx) => {
        const paa = await ctx.paa();
        await role.run(options(`[::1]:${paa.port}`, { cases: [c.name], timeout: 1000 }), probeSettings, rec);
      },
    })),
  },
  fha: {
    proto: 'mipv4',
    counterpart: 'reference Mobile IPv4 home agent (src/serve/fha.ts)',
    cases: FHA_CASES.map((c) => ({
      name: c.name,
      run: async (role: ProbeRole, rec: Recorder, ctx: Ctx) => {
        const fha = await ctx.fha();
        await role.run(options(`127.0.0.1:${fha.port}`, { bind: '127.0.0.1', cases: [c.name], timeout: 500 }), probeSettings, rec);
      },
    })),
  },
};

/** tshark's dissector, its well-known ports (no Decode-As needed), and the field that shows a message was dissected */
const TSHARK_PROTO: Record<Proto, { name: string; transport: 'udp' | 'tcp'; ports: number[]; key: string; heuristic?: boolean }> = {
  dhcpv6: { name: 'dhcpv6', transport: 'udp', ports: [546, 547], key: 'dhcpv6.msgtype' },
  diameter: { name: 'diameter', transport: 'tcp', ports: [3868], key: 'diameter.cmd.code' },
  // PANA has no Decode-As entry in tshark 4.0: its UDP heuristic finds it on any port
  pana: { name: 'pana', transport: 'udp', ports: [716], key: 'pana.type', heuristic: true },
  mipv4: { name: 'mip', transport: 'udp', ports: [434], key: 'mip.type' },
};

/** checks of our own, independent of tshark and of the codecs */
const TILING: Partial<Record<Proto, (b: Uint8Array) => string[]>> = { dhcpv6: (b) => dhcpv6Tiling(b), pana: panaTiling };

/** Decode-As for every non-standard port seen */
function decodeAs(rec: Recorder, proto: Proto): string[] {
  const t = TSHARK_PROTO[proto];
  if (t.heuristic) return [];
  const ports = new Set<number>();
  for (const r of rec.records()) if (r.transport === t.transport) for (const p of [r.src.port, r.dst.port]) if (!t.ports.includes(p)) ports.add(p);
  return [...ports].map((p) => `${t.transport}.port==${p},${t.name}`);
}

const show = (c: Packet) => `frame ${c.frame} (${c.protocols}): ${c.problems.join('; ')}`;

describe.skipIf(!TSHARK && !CI)('well-formed crafting: what each probe role sends, decoded by tshark', () => {
  let dir = '';
  let ref: Promise<Reference> | undefined;
  let paa: Promise<RunningServer> | undefined;
  let fha: Promise<RunningServer> | undefined;
  const ctx: Ctx = {
    reference: () =>
      (ref ??= startReference({ bind: '::1', serverPort: 0, relayPort: 0, aaaPort: 0, faults: new Set(), settings: resolveSettings([]) })),
    paa: () => (paa ??= startPaa({ bind: '::1', port: 0, faults: new Set(), settings: resolveSettings([]), retransmitMs: 150 })),
    fha: () => (fha ??= startFha({ bind: '127.0.0.1', port: 0, faults: new Set(), settings: resolveSettings([]) })),
  };
  /** malformed frames the tester sent, per role/case, kept for the report line at the end */
  const found: string[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'm6-crafting-'));
  });
  afterAll(async () => {
    for (const x of [ref, paa, fha]) if (x) await (await x).stop();
    if (found.length) console.log(`malformed on purpose, as tshark saw them:\n  ${found.join('\n  ')}`);
    if (process.env.M6_KEEP_CAPTURES) console.log(`recordings kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  });

  it('tshark is installed (required when CI is set)', () => {
    expect(TSHARK, 'tshark not found on PATH').toBe(true);
  });

  it('the tiling checks catch an option / AVP overrun (tshark 4.0 lets the DHCPv6 one pass: fixture dhcpv6-client-option-overrun)', () => {
    // Information-request, CLIENTID (10 octets), then an option claiming 60 octets with 13 present
    const ir = Uint8Array.of(11, 0x66, 0x11, 0xa1, 0, 1, 0, 10, 0, 3, 0, 1, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 69, 0, 60, ...new Uint8Array(13));
    expect(dhcpv6Tiling(ir)).toEqual(['@18: option 69 claims 60 octets, 13 left']);
    // and inside a Relay-forw: found at the inner offset (4 + 34 octets of relay header and option header further on)
    const fw = Uint8Array.of(12, 0, ...new Uint8Array(32), 0, 9, 0, ir.length, ...ir);
    expect(dhcpv6Tiling(fw)).toEqual(['@56: option 69 claims 60 octets, 13 left']);
    expect(dhcpv6Tiling(ir.subarray(0, 18))).toEqual([]);
    // PANA: a 16-octet header, then an AVP (code 7, Value length 4) and one claiming 9 Value octets with 4 present
    const avp = (code: number, len: number, value: number[]) => [0, code, 0, 0, 0, len, 0, 0, ...value];
    const pana = (avps: number[]) => Uint8Array.of(0, 0, 0, 16 + avps.length, 0x80, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 1, ...avps);
    expect(panaTiling(pana(avp(7, 4, [1, 2, 3, 4])))).toEqual([]);
    expect(panaTiling(pana([...avp(7, 4, [1, 2, 3, 4]), ...avp(8, 9, [1, 2, 3, 4])]))).toEqual(['@28: AVP 8 claims 9 value octets, 4 left']);
  });

  it('every registry role is listed once', () => {
    const names = PROBE_ROLES.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThan(0);
  });

  for (const role of PROBE_ROLES) {
    const setup = SETUPS[role.name];
    if (!setup) {
      it.todo(`${role.name}: no loopback counterpart in test/crafting yet (add one to SETUPS)`);
      continue;
    }
    describe(`${role.name} against ${setup.counterpart}`, () => {
      for (const c of setup.cases) {
        const k = `${role.name}/${c.name}`;
        const tail = MALFORMED_ON_PURPOSE[k] ? ' (except the overrun on purpose)' : NOT_DISSECTED_ON_PURPOSE[k] ? ' (one message not the protocol on purpose)' : '';
        it(`${role.name} / ${c.name}: every sent frame dissects without a malformed mark${tail}`, async (t) => {
          let rec = new Recorder();
          let note = '';
          for (let attempt = 0; ; attempt++) {
            rec = new Recorder();
            try {
              note = (await c.run(role, rec, ctx)) ?? '';
            } catch (e) {
              // a counterpart that does not answer some case is not this test's concern; the frames sent still are
              if (!(e instanceof ProbeTargetError)) throw e;
              note = e.message;
            }
            // dhcp-relay's tester-client needs [::1]:546/547, which another test (e.g. a Kea on ::1:547) may hold for a while
            if (!PORT_BUSY.test(note)) break;
            if (attempt === 9) return t.skip(`a fixed port is held by another process: ${note}`);
            await new Promise((r) => setTimeout(r, 1000));
          }
          const file = join(dir, `${role.name}-${c.name.replace(/[^a-z0-9-]/gi, '_')}.pcapng`);
          await rec.save(file);
          const records = rec.records();
          const sent = new Map(records.filter((r) => r.dir === 'sent').map((r) => [r.frame, r]));
          expect([...sent.values()].some((r) => r.payload.length > 0), `the tester sent nothing with a payload (${note})`).toBe(true);
          const packets = await tsharkDecode(file, decodeAs(rec, setup.proto));
          expect(packets.length, 'tshark read every recorded frame').toBe(records.length);
          const ours = packets.filter((x) => sent.has(x.frame));

          // 1. dissected as the protocol at all (else "not malformed" would prove nothing)
          const undissected = ours.filter((x) => {
            const r = sent.get(x.frame)!;
            return r.payload.length > 0 && !x.fields.has(TSHARK_PROTO[setup.proto].key);
          });
          const notOnPurpose = NOT_DISSECTED_ON_PURPOSE[k];
          if (notOnPurpose) expect(undissected.map((x) => x.frame), `${k}: exactly one message not dissected (${notOnPurpose})`).toHaveLength(1);
          else expect(undissected.map((x) => `frame ${x.frame}: ${x.protocols}`), `${k}: sent payloads tshark did not dissect`).toEqual([]);

          // 2. no malformed mark or expert error, except the listed ones
          const complaints = ours.filter((x) => x.problems.length > 0);
          const purpose = MALFORMED_ON_PURPOSE[k];
          const unexpected = complaints.filter((x) => !purpose || !x.problems.every((p) => purpose.complaint.test(p)));
          expect(unexpected.map(show), `${k}${note ? ` (${note})` : ''}`).toEqual([]);
          // 3. options / AVPs tile each message exactly (what tshark 4.0 does not mark, or skips)
          const tiling = TILING[setup.proto];
          const untiled = tiling ? [...sent.values()].filter((r) => r.payload.length > 0).flatMap((r) => tiling(r.payload).map((p) => `frame ${r.frame} ${p}`)) : [];
          expect(untiled, `${k}: options or AVPs that do not tile the message`).toEqual([]);
          if (purpose) {
            // the list must not go stale: the case is still malformed the way it says
            expect(complaints.length, `${k} is listed as malformed on purpose (${purpose.why}) but tshark found nothing`).toBeGreaterThan(0);
            found.push(...complaints.map((x) => `${k}: ${show(x)}`));
          }
        });
      }
    });
  }
});
