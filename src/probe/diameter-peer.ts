// A small Diameter peer for probes (RFC 6733 §5): CER/CEA, DWR/DWA, DPR/DPA, Hop-by-Hop and End-to-End
// allocation (§3), and request/answer pairing by Hop-by-Hop Id (§6.2). It answers the other side's DWR and DPR
// while it waits, so a target that watchdogs (freeDiameter after a reconnect) never stalls a case. Every wait ends
// by its deadline with a typed outcome: an answer, a timeout, a close (FIN/RST), junk, or an oversize claim.
import { randomInt } from 'node:crypto';
import { avp, decodeDiameter, diameterMessage, encodeDiameter, findAll, findAvp, CMD, type DiameterAvp, type DiameterMessage, type Dictionary } from '../proto/diameter/index.js';
import type { DecodeIssue } from '../wire/issue.js';
import type { FrameLength, TcpFrameRead } from './transport/tcp.js';
import type { Endpoint, SendResult } from './transport/types.js';

/** RFC 6733 §3 framing: Version 1, 24-bit Message Length ≥ 20. A longer claim than the cap is reported by readUntil as
 * 'oversize' before any of it is buffered; a length that is not a multiple of 4 is cut as claimed (the decoder flags it). */
export const diameterFrameLength: FrameLength = (buf) => {
  if (buf[0] !== undefined && buf[0] !== 1) return 'invalid';
  if (buf.length < 4) return undefined;
  const len = (buf[1]! << 16) | (buf[2]! << 8) | buf[3]!;
  return len < 20 ? 'invalid' : len;
};

/** What a probe needs of a stream connection: TcpConn (client side) or an accepted connection (diameter-listen.ts). */
export interface Link {
  readonly local: Endpoint;
  readonly remote: Endpoint;
  readonly conn: string;
  readonly bytesReceived: number;
  write(data: Uint8Array): Promise<SendResult>;
  readUntil(frameLength: FrameLength, timeoutMs: number): Promise<TcpFrameRead>;
  end(): Promise<void>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

export interface Identity {
  originHost: string;
  originRealm: string;
  /** Auth-Application-Ids advertised in CER/CEA */
  authApps: number[];
  acctApps?: number[];
  /** Vendor-Id of the product (default 32473, the documentation PEN of RFC 5612) */
  vendorId?: number;
  productName?: string;
}

/** How one wait ended. */
export type Outcome =
  | { kind: 'answer'; msg: DiameterMessage; issues: DecodeIssue[]; ms: number }
  | { kind: 'timeout'; afterMs: number; partial?: number }
  | { kind: 'closed'; how: 'fin' | 'rst' }
  | { kind: 'oversize'; claimed?: number; cap: number; bytes: number }
  | { kind: 'invalid'; bytes: number; head: Uint8Array }
  | { kind: 'error'; code: string; message: string };

/** Incoming messages the peer did not consume itself (requests of the other side, stray answers). */
export interface Incoming {
  msg: DiameterMessage;
  issues: DecodeIssue[];
}

export const DOC_PEN = 32473;
const VERSION = 'mip6-conform';

export const resultCodeOf = (m: DiameterMessage): number | undefined => {
  const v = findAvp(m, 'Result-Code')?.value;
  return typeof v === 'number' ? v : undefined;
};

/** One line for a report: what a wait ended with. */
export function describeOutcome(o: Outcome, what = 'the request'): string {
  switch (o.kind) {
    case 'answer': {
      const rc = resultCodeOf(o.msg);
      const e = (o.msg.flags & CMD.E) !== 0 ? ' E=1' : '';
      return `${o.msg.name ?? `command ${o.msg.commandCode}`}${rc !== undefined ? ` Result-Code ${rc}` : ' without Result-Code'}${e} after ${o.ms} ms`;
    }
    case 'timeout':
      return `no answer to ${what} within ${o.afterMs} ms${o.partial ? ` (${o.partial} octets of an incomplete message)` : ''}`;
    case 'closed':
      return o.how === 'fin' ? `connection closed (FIN) before an answer to ${what}` : `connection reset (RST) before an answer to ${what}`;
    case 'oversize':
      return `the target claimed a ${o.claimed ?? '?'}-octet message (cap ${o.cap}); connection reset after ${o.bytes} octets`;
    case 'invalid':
      return `the target sent ${o.bytes} octets that are not Diameter (first: ${Buffer.from(o.head).toString('hex')})`;
    case 'error':
      return `${o.code}: ${o.message}`;
  }
}

export class DiameterPeer {
  private hbh: number;
  private e2e: number;
  private sessions = 0;
  /** requests of the other side and answers nobody waited for, in arrival order */
  readonly inbox: Incoming[] = [];
  /** set once the other side closed, reset, or broke the framing */
  dead: Outcome | null = null;
  /** the other side asked to disconnect (DPR) and was answered */
  disconnected = false;
  /** answer the other side's DWR/DPR in next(); off until a server-side peer has seen the CER (§5.6.1) */
  autoAnswer = true;

  constructor(
    readonly link: Link,
    readonly id: Identity,
    readonly dict: Dictionary,
  ) {
    this.hbh = randomInt(0, 0x7fffffff);
    // §3: high 12 bits = low 12 bits of the time, low 20 bits random
    this.e2e = ((((Math.floor(Date.now() / 1000) & 0xfff) << 20) | randomInt(0, 1 << 20)) >>> 0);
  }

  nextIds(): { hopByHop: number; endToEnd: number } {
    this.hbh = (this.hbh + 1) >>> 0;
    this.e2e = (this.e2e + 1) >>> 0;
    return { hopByHop: this.hbh, endToEnd: this.e2e };
  }

  /** '<Origin-Host>;<high>;<low>;mip6' (§8.8) */
  sessionId(tag = 'mip6'): string {
    this.sessions++;
    return `${this.id.originHost};${Math.floor(Date.now() / 1000)};${this.sessions};${tag}`;
  }

  /** Host-IP-Address: the local address of the connection (§5.3.5) */
  get hostIp(): string {
    return this.link.local.addr;
  }

  /** CER (§5.3.1) with this peer's identity; `avps` replaces the application list when given. */
  cer(apps?: DiameterAvp[]): DiameterMessage {
    return diameterMessage('CER', [...this.identityAvps(), ...(apps ?? this.appAvps())], { dict: this.dict });
  }

  private identityAvps(): DiameterAvp[] {
    const d = { dict: this.dict };
    return [
      avp('Origin-Host', this.id.originHost, d),
      avp('Origin-Realm', this.id.originRealm, d),
      avp('Host-IP-Address', this.hostIp, d),
      avp('Vendor-Id', this.id.vendorId ?? DOC_PEN, d),
      avp('Product-Name', this.id.productName ?? VERSION, d),
    ];
  }

  appAvps(): DiameterAvp[] {
    const d = { dict: this.dict };
    return [
      ...this.id.authApps.map((a) => avp('Auth-Application-Id', a, d)),
      ...(this.id.acctApps ?? []).map((a) => avp('Acct-Application-Id', a, d)),
    ];
  }

  /** CEA (§5.3.2) to `cer` */
  cea(cer: DiameterMessage, resultCode: number): DiameterMessage {
    const d = { dict: this.dict };
    const m = diameterMessage('CEA', [avp('Result-Code', resultCode, d), ...this.identityAvps(), ...this.appAvps()], { dict: this.dict });
    return { ...m, hopByHop: cer.hopByHop, endToEnd: cer.endToEnd };
  }

  dwr(): DiameterMessage {
    const d = { dict: this.dict };
    return diameterMessage('DWR', [avp('Origin-Host', this.id.originHost, d), avp('Origin-Realm', this.id.originRealm, d)], { dict: this.dict });
  }

  dpr(cause = 'REBOOTING'): DiameterMessage {
    const d = { dict: this.dict };
    return diameterMessage(
      'DPR',
      [avp('Origin-Host', this.id.originHost, d), avp('Origin-Realm', this.id.originRealm, d), avp('Disconnect-Cause', cause, d)],
      { dict: this.dict },
    );
  }

  /**
   * An answer to a locally processed request (§6.2): same identifiers and command code, P copied, Session-Id and
   * Proxy-Info echoed, our Origin-Host/Realm and the Result-Code; E set for 3xxx (§7.1.3).
   */
  answer(req: DiameterMessage, resultCode: number, avps: DiameterAvp[] = []): DiameterMessage {
    const d = { dict: this.dict };
    const sid = findAvp(req, 'Session-Id');
    const body: DiameterAvp[] = [
      ...(sid ? [avp('Session-Id', sid.value as string, d)] : []),
      avp('Result-Code', resultCode, d),
      avp('Origin-Host', this.id.originHost, d),
      avp('Origin-Realm', this.id.originRealm, d),
      ...avps,
      ...findAll(req, 'Proxy-Info'),
    ];
    const e = resultCode >= 3000 && resultCode < 4000 ? CMD.E : 0;
    const m = diameterMessage(req.commandCode, body, { request: false, applicationId: req.applicationId, dict: this.dict, flags: (req.flags & CMD.P) | e });
    return { ...m, hopByHop: req.hopByHop, endToEnd: req.endToEnd };
  }

  /** Sends a message; fresh identifiers unless `keepIds`. */
  async send(msg: DiameterMessage, keepIds = false): Promise<{ msg: DiameterMessage; sent: SendResult }> {
    const m = keepIds ? msg : { ...msg, ...this.nextIds() };
    return { msg: m, sent: await this.link.write(encodeDiameter(m)) };
  }

  sendRaw(bytes: Uint8Array): Promise<SendResult> {
    return this.link.write(bytes);
  }

  /** Sends `msg` and waits for its answer (§6.2: by Hop-by-Hop Identifier). */
  async request(msg: DiameterMessage, timeoutMs: number, keepIds = false): Promise<{ sent: DiameterMessage; outcome: Outcome }> {
    if (this.dead) return { sent: msg, outcome: this.dead };
    const { msg: sent, sent: r } = await this.send(msg, keepIds);
    if (r.kind === 'error') return { sent, outcome: { kind: 'error', code: r.code, message: r.message } };
    return { sent, outcome: await this.waitAnswer(sent.hopByHop, timeoutMs) };
  }

  /** Waits for the answer carrying `hopByHop`; answers the other side's DWR/DPR meanwhile. */
  async waitAnswer(hopByHop: number, timeoutMs: number): Promise<Outcome> {
    const start = performance.now();
    const deadline = start + timeoutMs;
    const hit = this.inbox.findIndex((x) => !(x.msg.flags & CMD.R) && x.msg.hopByHop === hopByHop);
    if (hit >= 0) {
      const [x] = this.inbox.splice(hit, 1);
      return { kind: 'answer', msg: x!.msg, issues: x!.issues, ms: 0 };
    }
    for (;;) {
      const r = await this.next(Math.max(0, deadline - performance.now()));
      if (r.kind !== 'message') {
        if (r.kind === 'timeout') return { ...r, afterMs: Math.round(performance.now() - start) };
        return r;
      }
      const m = r.msg;
      if (!(m.flags & CMD.R) && m.hopByHop === hopByHop) return { kind: 'answer', msg: m, issues: r.issues, ms: Math.round(performance.now() - start) };
      this.inbox.push({ msg: m, issues: r.issues });
    }
  }

  /** The next message that is not a DWR/DPR of the other side (those are answered here), or why there is none. */
  async next(timeoutMs: number): Promise<Outcome | { kind: 'message'; msg: DiameterMessage; issues: DecodeIssue[] }> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (this.dead) return this.dead;
      const r = await this.link.readUntil(diameterFrameLength, Math.max(0, deadline - performance.now()));
      switch (r.kind) {
        case 'frame': {
          const d = decodeDiameter(r.frame, this.dict);
          const m = d.value;
          if (this.autoAnswer && m.flags & CMD.R && m.commandCode === 280) {
            await this.send(this.answer(m, 2001, []), true); // DWA (§5.5.2)
            continue;
          }
          if (this.autoAnswer && m.flags & CMD.R && m.commandCode === 282) {
            await this.send(this.answer(m, 2001, []), true); // DPA (§5.4.2); the other side then closes
            this.disconnected = true;
            continue;
          }
          return { kind: 'message', msg: m, issues: d.issues };
        }
        case 'timeout':
          return { kind: 'timeout', afterMs: Math.round(timeoutMs), ...(r.partial ? { partial: r.partial } : {}) };
        case 'closed':
          return (this.dead = { kind: 'closed', how: r.how });
        case 'oversize':
          return (this.dead = { kind: 'oversize', cap: r.cap, bytes: r.bytes, ...(r.claimed !== undefined ? { claimed: r.claimed } : {}) });
        case 'invalid':
          // the stream cannot be framed any more (§2.1): stop using it
          await this.link.reset();
          return (this.dead = { kind: 'invalid', bytes: r.data.length, head: r.data.subarray(0, 16) });
        case 'error':
          return (this.dead = { kind: 'error', code: r.code, message: r.message });
      }
    }
  }

  /** CER/CEA on a fresh connection. */
  capabilities(timeoutMs: number, cer: DiameterMessage = this.cer()): Promise<{ sent: DiameterMessage; outcome: Outcome }> {
    return this.request(cer, timeoutMs);
  }

  /** DPR/DPA (§5.4), then close. Never waits longer than timeoutMs. */
  async disconnect(timeoutMs: number): Promise<Outcome | null> {
    let o: Outcome | null = null;
    if (!this.dead && !this.disconnected) o = (await this.request(this.dpr(), timeoutMs)).outcome;
    await this.link.close();
    return o;
  }
}
