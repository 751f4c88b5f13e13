import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../index.js';
import { CASES } from '../../src/fixtures/dhcpv6-server.js';
import { runCase } from '../../src/fixtures/kit.js';
import type { Transaction } from '../../src/flow/transaction.js';
import { Dhcpv6Matcher } from '../../src/proto/dhcpv6/index.js';
import { decodeDhcpv6, encodeDhcpv6, msg, opt } from '../../src/proto/dhcpv6/index.js';
import type { Dhcpv6Message } from '../../src/proto/dhcpv6/index.js';
import type { Message } from '../../src/flow/message.js';
import { rfc6611Exchange } from '../../src/scenario/rfc6611.js';
import { toHex } from '../../src/wire/codec.js';
import type { DTx } from './kit.js';
import { discardReason, isUnknownMsgType, optionBytes, received, sent } from './server-kit.js';

/** decodes built messages into Message values and pairs them with the real matcher */
function txOf(parts: { m: Dhcpv6Message; src: string; dst: string; sport?: number; dport?: number }[]): DTx[] {
  const matcher = new Dhcpv6Matcher({ 'flow.window': 5 });
  const out: Transaction[] = [];
  parts.forEach((p, i) => {
    const raw = encodeDhcpv6(p.m);
    const d = decodeDhcpv6(raw);
    const message: Message<Dhcpv6Message> = {
      proto: 'dhcpv6', frame: i + 1, frames: [i + 1], ts: i * 0.001, transport: 'udp', raw, value: d.value, issues: d.issues,
      src: { addr: p.src, port: p.sport ?? 547 }, dst: { addr: p.dst, port: p.dport ?? 547 },
    };
    out.push(...matcher.push(message));
  });
  return [...out, ...matcher.flush()] as DTx[];
}

describe('server-kit', () => {
  it('takes the request and the answer from the server side of a relayed exchange', () => {
    const ex = rfc6611Exchange();
    const [tx] = txOf([
      { m: ex.messages.client, src: 'fe80::211:22ff:fe33:4455', dst: 'ff02::1:2', sport: 546 },
      { m: ex.messages.relayForw, src: '2001:db8:ff::1', dst: '2001:db8:ff::2' },
      { m: ex.messages.relayRepl, src: '2001:db8:ff::2', dst: '2001:db8:ff::1' },
      { m: ex.messages.reply, src: 'fe80::1', dst: 'fe80::211:22ff:fe33:4455', dport: 546 },
    ]);
    expect(received(tx!)?.carrier.frame).toBe(2);
    expect(sent(tx!)?.carrier.frame).toBe(3);
    const clientId = received(tx!)!.msg.options[0]!;
    // option bytes are cut from the captured Relay-forw: code 1, then the DUID-LL
    expect(toHex(optionBytes(received(tx!)!.carrier, clientId)!)).toBe('0001000a00030001001122334455');
  });

  it('names why a server may stay silent', () => {
    const ia = msg.informationRequest(7, [opt.iaNa(1)]);
    const [a] = txOf([{ m: ia, src: 'fe80::5', dst: 'ff02::1:2', sport: 546 }]);
    expect(discardReason(a!, received(a!))).toMatch(/IA option/);
    const [b] = txOf([{ m: msg.informationRequest(8), src: 'fe80::5', dst: '2001:db8::2', sport: 546 }]);
    expect(discardReason(b!, received(b!))).toMatch(/unicast/);
    const [c] = txOf([{ m: msg.informationRequest(9), src: 'fe80::5', dst: 'ff02::1:2', sport: 546 }]);
    expect(discardReason(c!, received(c!))).toBeUndefined();
    expect(c!.timeout).toBeDefined();
    expect([isUnknownMsgType(200), isUnknownMsgType(11), isUnknownMsgType(0)]).toEqual([true, false, true]);
  });
});

describe('server verdict evidence', () => {
  const find = (name: string) => CASES.find((c) => c.name === `dhcpv6-server-${name}`)!;

  it('a malformed Reply names frame, issue code and offset', async () => {
    const r = await runCase(find('malformed-reply'), CATALOGUE);
    const wf = r.results.find((x) => x.id === 'RFC8415-21.1-server-well-formed')!;
    const bad = wf.verdicts.filter((x) => x.outcome === 'fail');
    expect(bad.length).toBeGreaterThan(0);
    expect(bad[0]!.message).toMatch(/^frame \d+: dhcpv6\.option\./);
    expect(typeof bad[0]!.evidence.offset).toBe('number');
    expect(bad[0]!.evidence.frames.length).toBe(1);
  });

  it('INT-07 reports expected vs seen home agent and flips with the iana-rsoo profile', async () => {
    const c = find('idinf-ignores-rsoo');
    const def = await runCase(c, CATALOGUE);
    const v = def.results.find((x) => x.id === 'RFC6611-4.2.1-server-idinf-from-rsoo')!.verdicts[0]!;
    expect(v.outcome).toBe('fail');
    expect(v.provisional).toBe(true);
    expect(JSON.stringify(v.evidence.expected)).toContain('OPTION_MIP6_HAA=20010db8001000000000000000000001');
    const iana = await runCase({ ...c, profiles: ['iana-rsoo'] }, CATALOGUE);
    const w = iana.results.find((x) => x.id === 'RFC6611-4.2.1-server-idinf-from-rsoo')!.verdicts[0]!;
    expect(w.outcome).toBe('pass');
    expect(w.message).toMatch(/iana-rsoo/);
  });

  it('the seed ORO combination is reported, not silently accepted', async () => {
    const r = await runCase(find('oro-vdinf-answer-idinf'), CATALOGUE);
    const v = r.results.find((x) => x.id === 'RFC6610-4.3-reply-container')!.verdicts[0]!;
    expect(v.outcome).toBe('pass');
    expect(v.message).toContain('ORO {50} + HNIDF → OPTION_MIP6_IDINF');
    expect(v.message).toContain('RFC 6611 combination');
  });
});
