import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../assert/profiles.js';
import { decodeDhcpv6, encodeDhcpv6, findKind, innermost, msg, opt, relayChain, MSG } from '../../proto/dhcpv6/index.js';
import { buildReply, mirrorRelay, relayReplyPort, TESTER_DUID } from './dhcpv6-client.js';
import { DHCP_RELAY_CASES } from './dhcpv6-relay.js';

const settings = resolveSettings(['default']);
const home = { ha: '2001:db8:10::1', hnp: { len: 64, prefix: '2001:db8:10::' } };

describe('probe dhcp-relay / dhcp-client message builders', () => {
  it('buildReply: SERVERID, CLIENTID echoed, IDINF with the HNIDF the client sent, HAA and HNP', () => {
    const cid = opt.clientId({ kind: 'll', type: 3, hwType: 1, linkLayer: Uint8Array.of(2, 0, 0, 0, 0, 1) });
    const ir = msg.informationRequest(0x123456, [cid, opt.oro([69, 32]), opt.hnidf('msp.example')]);
    const r = buildReply(ir, home);
    expect(r).toMatchObject({ msgType: MSG.REPLY, transactionId: 0x123456 });
    expect(findKind(r, 'serverId')?.duid).toEqual(TESTER_DUID);
    expect(findKind(r, 'clientId')?.duid).toEqual(cid.duid);
    const idinf = findKind(r, 'idinf')!;
    expect(idinf.options.map((o) => o.kind)).toEqual(['hnidf', 'haa', 'hnp']);
    expect(findKind(r, 'informationRefreshTime')?.seconds).toBe(86400);
    expect(findKind(buildReply(msg.informationRequest(1, [opt.oro([70])]), home), 'clientId')).toBeUndefined();
  });

  it('mirrorRelay: every level copies hop-count, link, peer and Interface-ID, nesting reversed', () => {
    const ir = msg.informationRequest(7, []);
    const fw = msg.relayForw(1, '::', 'fe80::2', [opt.relayMsg(msg.relayForw(0, '2001:db8::1', 'fe80::1', [opt.relayMsg(ir), opt.interfaceId('low')])), opt.interfaceId('up')]);
    const back = decodeDhcpv6(encodeDhcpv6(mirrorRelay(fw, msg.reply(7, [])), settings), settings).value;
    const chain = relayChain(back);
    expect(chain.map((r) => [r.msgType, r.hopCount, r.linkAddress, r.peerAddress, new TextDecoder().decode(findKind(r, 'interfaceId')!.id)])).toEqual([
      [MSG.RELAY_REPL, 1, '::', 'fe80::2', 'up'],
      [MSG.RELAY_REPL, 0, '2001:db8::1', 'fe80::1', 'low'],
    ]);
    expect(innermost(back)).toMatchObject({ msgType: MSG.REPLY, transactionId: 7 });
    expect(relayReplyPort(fw, 40000)).toBe(547);
    expect(relayReplyPort({ ...fw, options: [...fw.options, opt.relaySourcePort(40000)] }, 40000)).toBe(40000);
  });

  it('crafted lower-relay chains count hops consistently up to the limit (8, or 32 under rfc3315)', () => {
    for (const [profile, limit] of [['default', 8], ['rfc3315', 32]] as const) {
      const s = resolveSettings([profile]);
      const c = DHCP_RELAY_CASES.find((x) => x.name === 'hop-limit')!.build({ trid: 5, i: 4, settings: s, msp: 'm', linkAddress: '2001:db8:1::1' });
      expect(c.fromPort).toBe(547);
      const hops = relayChain(c.message).map((r) => r.hopCount);
      expect(hops).toEqual(Array.from({ length: limit + 1 }, (_, k) => limit - k));
      expect(innermost(c.message)).toMatchObject({ msgType: MSG.INFORMATION_REQUEST, transactionId: 5 });
    }
    const unknown = DHCP_RELAY_CASES.find((x) => x.name === 'unknown-msg-type')!.build({ trid: 9, i: 5, settings, msp: 'm', linkAddress: '::' });
    expect(unknown).toMatchObject({ fromPort: 546, message: { msgType: 200, transactionId: 9 } });
  });
});
