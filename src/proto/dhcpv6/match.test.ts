import { describe, expect, it } from 'vitest';
import type { Message } from '../../flow/message.js';
import { opt, msg } from './build.js';
import { duid } from './duid.js';
import { Dhcpv6Matcher } from './match.js';
import { decodeDhcpv6, encodeDhcpv6 } from './message.js';
import type { Dhcpv6Message } from './types.js';
import { fromHex } from '../../wire/codec.js';
import { dhcpv6Module } from './register.js';
import { DEFAULTS } from '../../assert/profiles.js';

const CLIENT = 'fe80::1';
const RELAY_LL = 'fe80::ff';
const RELAY = '2001:db8:1::1';
const RELAY2 = '2001:db8:2::1';
const SERVER = '2001:db8:9::547';

let frame = 0;
function at(ts: number, src: string, dst: string, value: Dhcpv6Message, sport = 546, dport = 547): Message<Dhcpv6Message> {
  const raw = encodeDhcpv6(value);
  frame++;
  return {
    proto: 'dhcpv6', frame, frames: [frame], ts, transport: 'udp', raw,
    src: { addr: src, port: sport }, dst: { addr: dst, port: dport }, value: decodeDhcpv6(raw).value, issues: [],
  };
}

const cid = opt.clientId(duid.ll(fromHex('020000000001')));
const ir = (trid = 0x1a2b3c) => msg.informationRequest(trid, [cid, opt.elapsedTime(0), opt.oro([32, 83, 69])]);
const reply = (trid = 0x1a2b3c) => msg.reply(trid, [opt.serverId(duid.en(9, fromHex('01'))), cid]);
const rf = (inner: Dhcpv6Message) => msg.relayForw(0, RELAY, CLIENT, [opt.interfaceId('eth1'), opt.relayMsg(inner)]);
const rr = (inner: Dhcpv6Message) => msg.relayRepl(0, RELAY, CLIENT, [opt.interfaceId('eth1'), opt.relayMsg(inner)]);

function run(msgs: Message<Dhcpv6Message>[], window = 5) {
  const m = new Dhcpv6Matcher({ 'flow.window': window });
  const pushed = msgs.flatMap((x) => m.push(x));
  const flushed = m.flush();
  return { pushed, flushed, all: [...pushed, ...flushed] };
}

describe('Dhcpv6Matcher', () => {
  it('pairs a direct Information-request with its Reply', () => {
    const c = at(0, CLIENT, 'ff02::1:2', ir());
    const r = at(0.1, 'fe80::2', CLIENT, reply(), 547, 546);
    const { pushed, flushed } = run([c, r]);
    expect(pushed).toEqual([]);
    expect(flushed).toHaveLength(1);
    const tx = flushed[0]!;
    expect(tx).toMatchObject({ proto: 'dhcpv6', kind: 'dhcpv6.exchange' });
    expect(tx.request).toBe(c);
    expect(tx.answers).toEqual([r]);
    expect(tx.timeout).toBeUndefined();
    expect(tx.legs).toEqual({ client: [c], relayForw: [], relayRepl: [], reply: [r] });
  });

  it('ties the four legs of a relayed exchange into one transaction', () => {
    const c = at(0, CLIENT, 'ff02::1:2', ir());
    const f = at(0.01, RELAY, SERVER, rf(ir()), 547, 547);
    const p = at(0.05, SERVER, RELAY, rr(reply()), 547, 547);
    const r = at(0.06, RELAY_LL, CLIENT, reply(), 547, 546);
    const txs = run([c, f, p, r]).all;
    expect(txs).toHaveLength(1);
    const tx = txs[0]!;
    expect(tx.request).toBe(c);
    expect(tx.answers).toEqual([p, r]);
    expect(tx.legs).toEqual({ client: [c], relayForw: [f], relayRepl: [p], reply: [r] });
  });

  it('between relay and server the Relay-forw is the request', () => {
    const f = at(0, RELAY, SERVER, rf(ir()), 547, 547);
    const p = at(0.2, SERVER, RELAY, rr(reply()), 547, 547);
    const [tx, ...rest] = run([f, p]).all;
    expect(rest).toEqual([]);
    expect(tx!.request).toBe(f);
    expect(tx!.answers).toEqual([p]);
  });

  it('two-level relays: both Relay-forw and both Relay-repl join', () => {
    const c = at(0, CLIENT, 'ff02::1:2', ir());
    const f1v = rf(ir());
    const f1 = at(0.01, RELAY, RELAY2, f1v, 547, 547);
    const f2 = at(0.02, RELAY2, SERVER, msg.relayForw(1, '::', RELAY, [opt.relayMsg(f1v)]), 547, 547);
    const r1v = rr(reply());
    const p2 = at(0.05, SERVER, RELAY2, msg.relayRepl(1, '::', RELAY, [opt.relayMsg(r1v)]), 547, 547);
    const p1 = at(0.06, RELAY2, RELAY, r1v, 547, 547);
    const r = at(0.07, RELAY_LL, CLIENT, reply(), 547, 546);
    const txs = run([c, f1, f2, p2, p1, r]).all;
    expect(txs).toHaveLength(1);
    expect(txs[0]!.legs).toEqual({ client: [c], relayForw: [f1, f2], relayRepl: [p2, p1], reply: [r] });
  });

  it('keeps retransmissions of the same Information-request as extra client legs', () => {
    const c1 = at(0, CLIENT, 'ff02::1:2', ir());
    const c2 = at(1, CLIENT, 'ff02::1:2', ir());
    const c3 = at(3, CLIENT, 'ff02::1:2', ir());
    const r = at(7.5, 'fe80::2', CLIENT, reply(), 547, 546); // 4.5 s after the last retransmission: inside the window
    const txs = run([c1, c2, c3, r]).all;
    expect(txs).toHaveLength(1);
    expect(txs[0]!.request).toBe(c1);
    expect(txs[0]!.legs!['client']).toEqual([c1, c2, c3]);
    expect(txs[0]!.answers).toEqual([r]);
  });

  it('flushes an unanswered request with a timeout once capture time passes the window', () => {
    const c = at(0, CLIENT, 'ff02::1:2', ir(1));
    const other = at(5.5, 'fe80::9', 'ff02::1:2', ir(2));
    const m = new Dhcpv6Matcher({ 'flow.window': 5 });
    expect(m.push(c)).toEqual([]);
    const out = m.push(other);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ kind: 'dhcpv6.exchange', answers: [], timeout: { afterMs: 5000 } });
    expect(out[0]!.request).toBe(c);
    // at end of input the timeout says how long the capture actually waited
    const end = m.flush();
    expect(end).toHaveLength(1);
    expect(end[0]!.timeout).toEqual({ afterMs: 0 });
  });

  it('a Reply after the window does not pair: the request times out and the Reply is an orphan', () => {
    const c = at(0, CLIENT, 'ff02::1:2', ir());
    const r = at(9, 'fe80::2', CLIENT, reply(), 547, 546);
    const txs = run([c, r]).all;
    expect(txs.map((t) => [t.kind, t.answers.length, t.timeout?.afterMs])).toEqual([
      ['dhcpv6.exchange', 0, 5000],
      ['dhcpv6.orphan', 0, undefined],
    ]);
    expect(txs[1]!.request).toBe(r);
  });

  it('a Relay-repl without its Relay-forw is an orphan transaction; the relayed Reply joins it', () => {
    const p = at(0, SERVER, RELAY, rr(reply()), 547, 547);
    const r = at(0.01, RELAY_LL, CLIENT, reply(), 547, 546);
    const txs = run([p, r]).all;
    expect(txs).toHaveLength(1);
    expect(txs[0]).toMatchObject({ kind: 'dhcpv6.orphan' });
    expect(txs[0]!.request).toBe(p);
    expect(txs[0]!.timeout).toBeUndefined();
    expect(txs[0]!.legs).toEqual({ client: [], relayForw: [], relayRepl: [p], reply: [r] });
  });

  it('a Relay-repl whose inner transaction-id was altered still pairs by hop-count, link, peer and Interface-ID', () => {
    const f = at(0, RELAY, SERVER, rf(ir(0x111111)), 547, 547);
    const p = at(0.1, SERVER, RELAY, rr(reply(0x222222)), 547, 547);
    const txs = run([f, p]).all;
    expect(txs).toHaveLength(1);
    expect(txs[0]!.answers).toEqual([p]);
    // a different Interface-ID does not pair
    const q = at(0.1, SERVER, RELAY, msg.relayRepl(0, RELAY, CLIENT, [opt.interfaceId('eth2'), opt.relayMsg(reply(0x222222))]), 547, 547);
    expect(run([f, q]).all.map((t) => t.kind)).toEqual(['dhcpv6.exchange', 'dhcpv6.orphan']);
  });

  it('same transaction-id from two clients makes two transactions', () => {
    const a = at(0, CLIENT, 'ff02::1:2', ir());
    const b = at(0, 'fe80::2', 'ff02::1:2', ir());
    const ra = at(0.1, 'fe80::99', CLIENT, reply(), 547, 546);
    const txs = run([a, b, ra]).all;
    expect(txs).toHaveLength(2);
    expect(txs.find((t) => t.request === a)!.answers).toEqual([ra]);
    expect(txs.find((t) => t.request === b)!.timeout).toBeDefined();
  });

  it('memory stays bounded: old groups are emitted as time passes', () => {
    const m = new Dhcpv6Matcher({ 'flow.window': 5 });
    let emitted = 0;
    for (let i = 0; i < 1000; i++) emitted += m.push(at(i, CLIENT, 'ff02::1:2', ir(i))).length;
    expect(emitted).toBe(1000 - 6);
    expect(m.flush()).toHaveLength(6);
  });

  it('the module exposes ports, decode, matcher and describe', () => {
    expect(dhcpv6Module.udpPorts).toEqual([546, 547]);
    const c = at(0, CLIENT, 'ff02::1:2', ir());
    expect(dhcpv6Module.decode(c.raw, DEFAULTS).value.msgType).toBe(11);
    const mt = dhcpv6Module.matcher(DEFAULTS);
    mt.push(c);
    expect(mt.flush()).toHaveLength(1);
    expect(dhcpv6Module.describe(c)).toMatchObject({ msgType: 'INFORMATION-REQUEST', transactionId: '1a2b3c' });
  });
});
