import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { opt, msg } from './build.js';
import { duid } from './duid.js';
import { decodeDhcpv6, encodeDhcpv6 } from './message.js';
import { findKind, findOption, innermost, relayChain } from './find.js';
import { describeDhcpv6 } from './describe.js';
import { msgTypeName, optionName } from './names.js';
import { FIXTURES, fixture, roundTrip, strip } from './testing.js';
import { fromHex, toHex } from '../../wire/codec.js';

const ir = msg.informationRequest(0x1a2b3c, [opt.clientId(duid.ll(fromHex('020000000001'))), opt.elapsedTime(0), opt.oro([32, 83])]);

describe('messages', () => {
  it.each(Array.from({ length: 22 }, (_, i) => i))('round-trips msg-type %i', (t) => {
    const m = t === 12 || t === 13 ? msg.relay(t, 1, '2001:db8::1', 'fe80::2', [opt.relayMsg(ir)]) : msg.message(t, 0xfedcba, [opt.elapsedTime(5)]);
    const { bytes, decoded, issues, reencoded } = roundTrip(m);
    expect(issues).toEqual([]);
    expect(toHex(reencoded)).toBe(toHex(bytes));
    expect(strip(decoded)).toEqual(strip(m));
    expect(msgTypeName(t)).toMatch(t >= 1 && t <= 19 ? /^[A-Z-]+$/ : /^MSGTYPE_\d+$/);
  });

  it('names: INFORMATION-REQUEST, RELAY-REPL, fallback for options', () => {
    expect(msgTypeName(11)).toBe('INFORMATION-REQUEST');
    expect(msgTypeName(13)).toBe('RELAY-REPL');
    expect(msgTypeName(19)).toBe('RECONFIGURE-REPLY');
    expect(optionName(66)).toBe('OPTION_RSOO');
    expect(optionName(4242)).toBe('OPTION_4242');
  });

  it('relays nest 3 deep and innermost() finds the client message', () => {
    const l1 = msg.relayForw(0, '2001:db8:1::1', 'fe80::1', [opt.interfaceId('a'), opt.relayMsg(ir)]);
    const l2 = msg.relayForw(1, '::', '2001:db8:1::1', [opt.relayMsg(l1)]);
    const l3 = msg.relayForw(2, '::', '2001:db8:2::1', [opt.relayMsg(l2), opt.rsoo([opt.haa('2001:db8::1')])]);
    const { bytes, decoded, issues, reencoded } = roundTrip(l3);
    expect(issues).toEqual([]);
    expect(toHex(reencoded)).toBe(toHex(bytes));
    expect(relayChain(decoded).map((r) => r.hopCount)).toEqual([2, 1, 0]);
    const inner = innermost(decoded);
    expect(inner).toMatchObject({ kind: 'message', msgType: 11, transactionId: 0x1a2b3c });
    // spans are absolute in the outermost buffer: the inner message starts right after three relay headers + option headers
    expect(inner.offset).toBe(34 + 4 + 34 + 4 + 34 + 4 + 5);
    expect(toHex(bytes.subarray(inner.offset!, inner.offset! + inner.length!))).toBe(toHex(encodeDhcpv6(ir)));
  });

  it('truncated input at every offset never throws and re-encodes to the same bytes', () => {
    const full = fixture('relay-forw-rsoo-haa.hex');
    // cutting exactly after the header or after a top-level option leaves a valid (shorter) message
    const clean = new Set([34, ...decodeDhcpv6(full).value.options.map((o) => o.offset! + o.length!)]);
    for (let n = 0; n <= full.length; n++) {
      const cut = full.subarray(0, n);
      const d = decodeDhcpv6(cut);
      expect(d.issues.length === 0, `cut at ${n}`).toBe(clean.has(n));
      expect(toHex(encodeDhcpv6(d.value)), `cut at ${n}`).toBe(toHex(cut));
    }
  });

  it('random bytes never throw and re-encode byte for byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(0, 1, 11, 12, 13), (b, t) => {
        if (b.length) b[0] = t || b[0]!;
        const d = decodeDhcpv6(b);
        expect(toHex(encodeDhcpv6(d.value))).toBe(toHex(b));
        for (const i of d.issues) expect(i.offset).toBeLessThanOrEqual(b.length);
      }),
      { numRuns: 3000 },
    );
  });

  it('message trailing bytes are written after the options', () => {
    const m = msg.message(11, 9, [opt.elapsedTime(0)], fromHex('ff'));
    expect(toHex(encodeDhcpv6(m))).toBe('0b000009' + '000800020000' + 'ff');
  });

  it('deep nesting is bounded (no stack exhaustion)', () => {
    let m = msg.informationRequest(1);
    for (let i = 0; i < 200; i++) m = msg.relayForw(0, '::', '::', [opt.relayMsg(m)]) as never;
    const bytes = encodeDhcpv6(m);
    const d = decodeDhcpv6(bytes);
    expect(d.issues.map((i) => i.code)).toContain('dhcpv6.option.too-deep');
    expect(toHex(encodeDhcpv6(d.value))).toBe(toHex(bytes));
  });
});

describe('fixtures', () => {
  const expected: Record<string, { type: number; issues: string[]; check?: (v: ReturnType<typeof decodeDhcpv6>) => void }> = {
    'ir-hnidf-oro.hex': {
      type: 11,
      issues: [],
      check: (d) => {
        expect(findKind(d.value, 'oro')?.codes).toEqual([32, 83, 49, 69]);
        expect(findKind(d.value, 'hnidf')?.fqdn).toBe('msp.example');
      },
    },
    'ir-no-oro.hex': { type: 11, issues: [], check: (d) => expect(findOption(d.value, 6)).toBeUndefined() },
    'ir-hnidf-hiopt.hex': { type: 11, issues: ['dhcpv6.fqdn.label-too-long'] },
    'ir-unknown-option.hex': {
      type: 11,
      issues: [],
      check: (d) => expect(d.value.options.map((o) => o.kind)).toEqual(['elapsedTime', 'unknown', 'oro']),
    },
    'ir-oro-odd.hex': { type: 11, issues: ['dhcpv6.oro.odd-length'] },
    'reply-idinf.hex': {
      type: 7,
      issues: [],
      check: (d) => {
        const idinf = findKind(d.value, 'idinf')!;
        expect(findKind(idinf, 'haa')?.address).toBe('2001:db8:ffff::1');
        expect(findKind(idinf, 'hnp')).toMatchObject({ prefixLength: 64, prefix: '2001:db8:ffff::' });
        expect(findKind(idinf, 'haf')?.fqdn).toBe('ha.msp.example');
        expect(findKind(d.value, 'serverId')?.duid).toMatchObject({ kind: 'en', enterprise: 32473 });
      },
    },
    'reply-status-nul.hex': { type: 7, issues: ['dhcpv6.status.nul-terminated'] },
    'relay-forw-rsoo-haa.hex': {
      type: 12,
      issues: [],
      check: (d) => {
        const rsoo = findKind(d.value, 'rsoo')!;
        expect(rsoo.options.map((o) => o.code)).toEqual([72, 71]);
        expect(d.value).toMatchObject({ hopCount: 0, linkAddress: '2001:db8:1::1', peerAddress: 'fe80::1' });
        expect(innermost(d.value)).toMatchObject({ msgType: 11, transactionId: 0x1a2b3c });
      },
    },
    'relay-repl-idinf.hex': { type: 13, issues: [], check: (d) => expect(innermost(d.value).msgType).toBe(7) },
    'relay-forw-3-deep.hex': { type: 12, issues: [], check: (d) => expect(relayChain(d.value)).toHaveLength(3) },
    'option-overrun.hex': {
      type: 11,
      issues: ['dhcpv6.option.length-overrun'],
      check: (d) => {
        expect(d.value.options.map((o) => o.kind)).toEqual(['elapsedTime']);
        expect(d.issues[0]).toMatchObject({ offset: 10, path: ['options', 1], expected: 4, actual: 32 });
        expect(toHex(d.value.trailing!)).toBe('0006002000170018');
      },
    },
    'hnidf-compression.hex': { type: 11, issues: ['dhcpv6.fqdn.compression'] },
    'message-truncated.hex': { type: 12, issues: ['dhcpv6.truncated'], check: (d) => expect(d.value.partial).toBe(true) },
  };

  it('every fixture file has an expectation', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.hex')).sort();
    expect(files).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('%s', (name, e) => {
    const bytes = fixture(name);
    const d = decodeDhcpv6(bytes);
    expect(d.value.msgType).toBe(e.type);
    expect(d.issues.map((i) => i.code)).toEqual(e.issues);
    expect(toHex(encodeDhcpv6(d.value))).toBe(toHex(bytes));
    e.check?.(d);
    expect(() => JSON.stringify(describeDhcpv6(d.value))).not.toThrow();
  });

  it('ir-hnidf-hiopt decodes cleanly under the hiopt-draft profile', () => {
    const d = decodeDhcpv6(fixture('ir-hnidf-hiopt.hex'), { 'dhcpv6.hnidf': 'hiopt-draft' });
    expect(d.issues).toEqual([]);
    expect(findKind(d.value, 'hnidf')).toMatchObject({ idType: 1, fqdn: 'msp.example' });
  });
});

describe('describe', () => {
  it('gives the decode --format json tree', () => {
    const d = decodeDhcpv6(fixture('relay-forw-rsoo-haa.hex'));
    const j = JSON.parse(JSON.stringify(describeDhcpv6(d.value)));
    expect(j).toMatchObject({ msgType: 'RELAY-FORW', msgTypeCode: 12, hopCount: 0, linkAddress: '2001:db8:1::1', peerAddress: 'fe80::1' });
    expect(j.options.map((o: { name: string }) => o.name)).toEqual(['OPTION_INTERFACE_ID', 'OPTION_RSOO', 'OPTION_RELAY_MSG']);
    expect(j.options[0]).toMatchObject({ code: 18, length: 4, value: { id: '65746831' } });
    expect(j.options[1].options[0]).toMatchObject({ code: 72, name: 'OPTION_MIP6_HAA', length: 16, value: { address: '2001:db8:ffff::1' } });
    expect(j.relayed).toMatchObject({ msgType: 'INFORMATION-REQUEST', msgTypeCode: 11, transactionId: '1a2b3c' });
    expect(j.relayed.options[0].value.duid).toMatchObject({ kind: 'llt', linkLayer: '020000000001' });
    const auth = describeDhcpv6(msg.informationRequest(1, [opt.auth({ protocol: 3, algorithm: 1, rdm: 0, replay: 2n ** 63n, info: fromHex('01') })]));
    expect(JSON.parse(JSON.stringify(auth)).options[0].value.replay).toBe('9223372036854775808');
  });
});
