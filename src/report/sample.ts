// A hand-built RunResult for reporter tests and demos: every outcome, a provisional assertion, several
// instances with two dropped, hostile strings (<&">, C0/C1 control chars, ESC, newline, '#'), bigint and byte values, an input error.
import type { AssertionResult, RunResult } from '../assert/result.js';
import type { Cite, Level, Outcome, Role, Verdict } from '../assert/types.js';
import type { ProtoName } from '../flow/message.js';

const ZERO: Record<Outcome, number> = { pass: 0, fail: 0, warn: 0, inconclusive: 0, 'not-applicable': 0, error: 0 };

interface Meta {
  id: string;
  title: string;
  level: Level;
  role: Role;
  cite: Cite;
  proto: ProtoName;
  provisional?: boolean;
}

function result(m: Meta, instances: Pick<Verdict, 'outcome' | 'message' | 'evidence'>[], dropped: Partial<Record<Outcome, number>> = {}): AssertionResult {
  const counts = { ...ZERO };
  for (const i of instances) counts[i.outcome]++;
  let nDropped = 0;
  for (const [o, n] of Object.entries(dropped) as [Outcome, number][]) {
    counts[o] += n;
    nDropped += n;
  }
  const rank: Outcome[] = ['fail', 'error', 'warn', 'inconclusive', 'pass', 'not-applicable'];
  const outcome = rank.find((o) => counts[o] > 0) ?? 'not-applicable';
  const provisional = m.provisional ?? false;
  const verdicts: Verdict[] = instances.map((i) => ({ ...i, id: m.id, title: m.title, level: m.level, role: m.role, cite: m.cite, provisional, proto: m.proto }));
  return { ...m, provisional, outcome, counts, verdicts, dropped: nDropped };
}

const oro = result(
  {
    id: 'RFC6611-4.2.1-client-oro',
    title: 'Information-request asks for home network information',
    level: 'SHALL',
    role: 'client',
    proto: 'dhcpv6',
    cite: {
      doc: 'RFC6611',
      section: '4.2.1',
      quote: 'The MN SHALL include the Home Network Identifier FQDN option in the ORO.',
      url: 'https://www.rfc-editor.org/rfc/rfc6611#section-4.2.1',
      digest: 'INT-05',
    },
  },
  [
    { outcome: 'fail', message: 'Information-request carries no ORO (6)', evidence: { frames: [12], path: 'request.options', expected: 'ORO with 49/50/69/70', actual: [8, 1, 2], offset: 4 } },
    { outcome: 'fail', message: 'ORO [23, 24] requests none of 49/50/69/70', evidence: { frames: [14, 15], path: 'request.options.ORO', expected: [49, 50, 69, 70], actual: [23, 24] } },
    { outcome: 'pass', message: 'ORO requests 50', evidence: { frames: [30] } },
  ],
  { pass: 2 },
);

const hops = result(
  {
    id: 'RFC8415-19.1.1-relay-hop-limit',
    title: 'Relay discards a message at HOP_COUNT_LIMIT',
    level: 'MUST NOT',
    role: 'relay',
    proto: 'dhcpv6',
    cite: { doc: 'RFC8415', section: '19.1.1', quote: 'the relay agent MUST NOT forward the message', url: 'https://www.rfc-editor.org/rfc/rfc8415#section-19.1.1' },
  },
  [{ outcome: 'pass', message: 'hop-count 7 < 8 forwarded', evidence: { frames: [3, 4], path: 'relay.hopCount', expected: 7n, actual: 7n } }],
);

const hostile = result(
  {
    id: 'RFC6610-4.2-server-hnidf-fqdn',
    title: 'HNIDF holds a valid <FQDN> & "quoted" name #1',
    level: 'SHOULD',
    role: 'server',
    proto: 'dhcpv6',
    provisional: true,
    cite: {
      doc: 'RFC6610',
      section: '4.2',
      quote: 'The id-type <&"> field # is not there \u0001 any more',
      url: 'https://www.rfc-editor.org/rfc/rfc6610#section-4.2',
    },
  },
  [
    {
      outcome: 'warn',
      message: 'FQDN label "a<b>&c" has a control char \u0007 and ]]> inside',
      evidence: { frames: [21], path: 'reply.options.IDINF.HNIDF', expected: 'ldh labels', actual: new Uint8Array([0x61, 0x3c, 0x07, 0x26]) },
    },
  ],
);

const mia = result(
  {
    id: 'RFC5447-5.2-aaa-server-mia-result',
    title: 'MIA carries a Result-Code',
    level: 'MUST',
    role: 'aaa-server',
    proto: 'diameter',
    cite: { doc: 'RFC5447', section: '5.2', quote: 'The MIA message MUST include the Result-Code AVP.', url: 'https://www.rfc-editor.org/rfc/rfc5447#section-5.2' },
  },
  [{ outcome: 'inconclusive', message: 'MIR in frame 40 has no answer within 5 s\nafter 1 retransmission', evidence: { frames: [40], path: 'answer', expected: 'MIA', actual: null } }],
);

const pana = result(
  {
    id: 'RFC5191-4.1-paa-auth-request',
    title: 'PAA starts authentication',
    level: 'MAY',
    role: 'paa',
    proto: 'pana',
    cite: { doc: 'RFC5191', section: '4.1', quote: 'The PAA MAY send a PANA-Auth-Request.' },
  },
  [{ outcome: 'not-applicable', message: 'no PANA traffic', evidence: { frames: [] } }],
);

const grammar = result(
  {
    id: 'RFC6733-3-diameter-node-header-length',
    title: 'Message Length matches the bytes',
    level: 'INFO',
    role: 'diameter-node',
    proto: 'diameter',
    cite: { doc: 'RFC6733', section: '3', quote: 'Message Length: three octets', url: 'javascript:alert(1)' },
  },
  [{ outcome: 'error', message: 'check threw: TypeError: cannot read x\u009b[2J', evidence: { frames: [50] } }],
);

/** The sample run. Deterministic: fixed time and duration. */
export function sampleRun(): RunResult {
  const results = [oro, hops, hostile, mia, pana, grammar];
  const totals = { ...ZERO };
  for (const a of results) for (const o of Object.keys(totals) as Outcome[]) totals[o] += a.counts[o];
  return {
    tool: { name: 'mip6-conform', version: '0.1.0' },
    startedAt: '2024-05-01T12:00:00.000Z',
    durationMs: 1234,
    profiles: ['default', 'iana-rsoo'],
    settings: { 'dhcpv6.rsoo': 'iana-strict', strict: false, 'flow.window': 5, big: 2n ** 64n },
    inputs: [
      {
        name: 'fixtures/captures/int-msp/capture.pcapng',
        frames: 60,
        bytes: 9000,
        messages: { dhcpv6: 10, diameter: 4 },
        transactions: 7,
        decodeIssues: 1,
        issueExamples: [{ frame: 21, code: 'dhcpv6.option.bad-length', message: 'option 49 length 300 > 12 left \u001b[31mred', offset: 41 }],
      },
      { name: 'broken<&>.pcap', frames: 0, bytes: 10, messages: {}, transactions: 0, decodeIssues: 0, issueExamples: [], error: { code: 'M6_ERR_CAPTURE_FORMAT', message: 'broken<&>.pcap: not a pcap or pcapng capture (magic 00000000)' } },
    ],
    results,
    totals,
    status: 'failed',
  };
}
