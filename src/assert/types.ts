import type { Message, ProtoName } from '../flow/message.js';
import type { Transaction } from '../flow/transaction.js';
import type { Settings } from './profiles.js';

/** Requirement level as the text writes it. SHALL is MUST; 'INFO' marks derived checks with no keyword. */
export type Level = 'MUST' | 'MUST NOT' | 'SHALL' | 'SHALL NOT' | 'SHOULD' | 'SHOULD NOT' | 'MAY' | 'INFO';
export const LEVELS: readonly Level[] = ['MUST', 'MUST NOT', 'SHALL', 'SHALL NOT', 'SHOULD', 'SHOULD NOT', 'MAY', 'INFO'];

/** Whose behaviour an assertion judges. */
export type Role =
  | 'client' // DHCPv6 client / mobile node
  | 'relay' // DHCPv6 relay (possibly co-located with the NAS)
  | 'server' // DHCPv6 server
  | 'nas' // Diameter client at the access network (NAS)
  | 'aaa-server' // Diameter home AAA server
  | 'diameter-node' // any Diameter peer (base protocol rules)
  | 'home-agent'
  | 'mobile-node' // MIPv6/MIPv4/IKEv2 mobile node
  | 'paa'
  | 'pac'
  | 'fha' // Mobile IPv4 (foreign) home agent
  | 'any';
export const ROLES: readonly Role[] = [
  'client', 'relay', 'server', 'nas', 'aaa-server', 'diameter-node', 'home-agent', 'mobile-node', 'paa', 'pac', 'fha', 'any',
];

export type Outcome = 'pass' | 'fail' | 'warn' | 'inconclusive' | 'not-applicable' | 'error';
export const OUTCOMES: readonly Outcome[] = ['fail', 'error', 'warn', 'inconclusive', 'pass', 'not-applicable'];

export interface Cite {
  /** 'RFC6611', 'RFC8415', 'S000' (seed document) ... */
  doc: string;
  section: string;
  /** the sentence the assertion checks, verbatim where we have the text, else the DIGEST paraphrase marked as such */
  quote: string;
  url?: string;
  /** DIGEST requirement row, e.g. 'INT-05' */
  digest?: string;
}

/** What a verdict rests on: the frames, the field, expected vs seen. */
export interface Evidence {
  /** 1-based frame numbers, as tshark/Wireshark number them */
  frames: number[];
  /** dotted field path, e.g. 'reply.options.IDINF.HAA' */
  path?: string;
  expected?: unknown;
  actual?: unknown;
  /** byte offset in the message, where a field is pointed at */
  offset?: number;
}

/** What a check returns. The engine adds the assertion's metadata and applies level/profile rules. */
export interface Check {
  outcome: Outcome;
  message: string;
  evidence: Evidence;
}

export interface Verdict extends Check {
  id: string;
  title: string;
  level: Level;
  role: Role;
  cite: Cite;
  provisional: boolean;
  /** the proto of the subject */
  proto: ProtoName;
}

export interface RunContext {
  settings: Settings;
}

interface AssertionBase {
  /** <DOC>-<section>-<slug>; stable, never a sequence number */
  id: string;
  title: string;
  level: Level;
  role: Role;
  cite: Cite;
  proto: ProtoName;
  /** true where the spec text is UNVERIFIED or specs disagree (DIGEST §13): the verdict is marked provisional */
  provisional?: boolean;
  /** settings keys whose value changes this assertion's verdict */
  profileKeys?: string[];
  /** where it can be observed: capture, probe or both */
  observe?: 'cap' | 'probe' | 'both';
  /** one line on what the check looks at (shown by `explain`) */
  looksAt: string;
}

/** Judged once per transaction it applies to. */
export interface TxAssertion<Req = any, Ans = any> extends AssertionBase {
  scope: 'transaction';
  /**
   * whose behaviour the check judges: the request's sender or the answerer. In a probe run, the tester's own
   * crafted messages are never judged: a transaction whose subject was sent by the tester is skipped.
   */
  subject?: 'request' | 'answer';
  applies(tx: Transaction<Req, Ans>, ctx: RunContext): boolean;
  check(tx: Transaction<Req, Ans>, ctx: RunContext): Check | Check[];
}

/** Judged once per message it applies to (grammar, flags, codec sanity). */
export interface MsgAssertion<V = any> extends AssertionBase {
  scope: 'message';
  applies(msg: Message<V>, ctx: RunContext): boolean;
  check(msg: Message<V>, ctx: RunContext): Check | Check[];
}

/** Sees every transaction of the run, judges at the end (ordering, correlation, sessions). */
export interface RunAssertion extends AssertionBase {
  scope: 'run';
  /** `see` may judge at once (return checks) so nothing need be kept; `end` judges what was kept */
  start(ctx: RunContext): { see(tx: Transaction): Check | Check[] | void; end(): Check[] };
}

export type Assertion = TxAssertion | MsgAssertion | RunAssertion;

/** Helpers for checks: evidence is required, messages say what was expected and what was seen. */
export const v = {
  pass: (message: string, evidence: Evidence): Check => ({ outcome: 'pass', message, evidence }),
  fail: (message: string, evidence: Evidence): Check => ({ outcome: 'fail', message, evidence }),
  warn: (message: string, evidence: Evidence): Check => ({ outcome: 'warn', message, evidence }),
  inconclusive: (message: string, evidence: Evidence): Check => ({ outcome: 'inconclusive', message, evidence }),
  na: (message: string, evidence: Evidence = { frames: [] }): Check => ({ outcome: 'not-applicable', message, evidence }),
  error: (message: string, evidence: Evidence): Check => ({ outcome: 'error', message, evidence }),
};

const ID_RE = /^(RFC\d{4}|S00\d)-[0-9A-Za-z.]+-[a-z0-9]+(-[a-z0-9]+)*$/;

export function defineAssertion<A extends Assertion>(a: A): Readonly<A> {
  if (!ID_RE.test(a.id)) throw new Error(`assertion id '${a.id}' does not match <DOC>-<section>-<slug>`);
  if (!a.cite.section || !a.cite.quote) throw new Error(`assertion ${a.id}: cite needs section and quote`);
  return Object.freeze(a);
}
