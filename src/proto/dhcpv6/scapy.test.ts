// Cross-check with scapy (an independent DHCPv6 implementation): scapy builds → we decode, we build → scapy parses.
// Needs /usr/bin/python3 with scapy; missing scapy fails under CI and skips elsewhere.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { opt, msg } from './build.js';
import { duid } from './duid.js';
import { dataSpan } from './find.js';
import { decodeDhcpv6, encodeDhcpv6 } from './message.js';
import type { Dhcpv6Message, Dhcpv6Option } from './types.js';
import { fromHex, toHex } from '../../wire/codec.js';

const PY = '/usr/bin/python3';
const hasScapy = spawnSync(PY, ['-c', 'import scapy.layers.dhcp6'], { stdio: 'ignore' }).status === 0;
if (!hasScapy && process.env['CI']) throw new Error('scapy is required under CI (/usr/bin/python3 -c "import scapy")');

const SCRIPT = String.raw`
import sys, json
from socket import inet_pton, AF_INET6
from scapy.layers.dhcp6 import *

def duid(d):
    out = {'type': d.type}
    for f in ('hwtype', 'timeval', 'enterprisenum'):
        if hasattr(d, f): out[f] = getattr(d, f)
    if hasattr(d, 'lladdr'): out['lladdr'] = d.lladdr.replace(':', '')
    if hasattr(d, 'id') and d.type == 2: out['id'] = bytes(d.id).hex()
    return out

def desc(p):
    out = {'msgtype': p.msgtype, 'options': []}
    if p.msgtype in (12, 13):
        out.update(hopcount=p.hopcount, linkaddr=p.linkaddr, peeraddr=p.peeraddr)
    else:
        out['trid'] = p.trid
    l = p.payload
    while hasattr(l, 'optcode'):
        o = {'code': l.optcode, 'len': l.optlen}
        n = type(l).__name__
        if n in ('DHCP6OptClientId', 'DHCP6OptServerId'): o['duid'] = duid(l.duid)
        elif n == 'DHCP6OptOptReq': o['reqopts'] = list(l.reqopts)
        elif n == 'DHCP6OptElapsedTime': o['elapsedtime'] = l.elapsedtime
        elif n == 'DHCP6OptIfaceId': o['ifaceid'] = bytes(l.ifaceid).hex()
        elif n == 'DHCP6OptRelayMsg': o['message'] = desc(l.message)
        elif n == 'DHCP6OptStatusCode': o.update(statuscode=l.statuscode, statusmsg=bytes(l.statusmsg).decode())
        elif n == 'DHCP6OptDNSServers': o['dnsservers'] = list(l.dnsservers)
        elif n == 'DHCP6OptInfoRefreshTime': o['reftime'] = l.reftime
        elif n == 'DHCP6OptRelaySuppliedOpt': o['relaysupplied'] = b''.join(bytes(x) for x in l.relaysupplied).hex()
        elif n == 'DHCP6OptUnknown': o['data'] = bytes(l.data).hex()
        out['options'].append(o)
        l = l.payload
    return out

def parse(b):
    cls = {1: DHCP6_Solicit, 7: DHCP6_Reply, 11: DHCP6_InfoRequest, 12: DHCP6_RelayForward, 13: DHCP6_RelayReply}.get(b[0], DHCP6)
    return desc(cls(b))

if sys.argv[1] == 'build':
    cid = DHCP6OptClientId(duid=DUID_LLT(hwtype=1, timeval=0x2b6f5e00, lladdr='02:00:00:00:00:01'))
    ir = DHCP6_InfoRequest(trid=0xabcdef)/cid/DHCP6OptOptReq(reqopts=[23, 24, 32, 83, 49, 69])/DHCP6OptElapsedTime(elapsedtime=0)
    rsoo = DHCP6OptRelaySuppliedOpt(relaysupplied=[DHCP6OptERPDomain(erpdomain=['erp.example.']),
                                                   DHCP6OptUnknown(optcode=72, optlen=16, data=inet_pton(AF_INET6, '2001:db8::1'))])
    rf = DHCP6_RelayForward(hopcount=1, linkaddr='2001:db8:1::1', peeraddr='fe80::1')/DHCP6OptIfaceId(ifaceid=b'eth0')/rsoo/DHCP6OptRelayMsg(message=ir)
    reply = (DHCP6_Reply(trid=0xabcdef)/DHCP6OptServerId(duid=DUID_EN(enterprisenum=32473, id=b'\x01\x02'))/cid
             /DHCP6OptStatusCode(statuscode=0, statusmsg=b'all good')/DHCP6OptDNSServers(dnsservers=['2001:db8::53', '2001:db8::35'])
             /DHCP6OptInfoRefreshTime(reftime=86400))
    rr = DHCP6_RelayReply(hopcount=1, linkaddr='2001:db8:1::1', peeraddr='fe80::1')/DHCP6OptIfaceId(ifaceid=b'eth0')/DHCP6OptRelayMsg(message=reply)
    raw = DHCP6_RelayForward(hopcount=0, linkaddr='::', peeraddr='fe80::2')/DHCP6OptUnknown(optcode=66, optlen=20, data=b'\x00\x48\x00\x10' + inet_pton(AF_INET6, '2001:db8::2'))/DHCP6OptRelayMsg(message=ir)
    out = []
    for name, p in (('ir', ir), ('relay-forw', rf), ('reply', reply), ('relay-repl', rr), ('relay-forw-raw-rsoo', raw)):
        b = bytes(p)
        out.append({'name': name, 'hex': b.hex(), 'desc': parse(b)})
    print(json.dumps(out))
else:
    print(json.dumps([parse(bytes.fromhex(h)) for h in json.load(sys.stdin)]))
`;

interface ScapyOpt {
  code: number;
  len: number;
  duid?: Record<string, number | string>;
  reqopts?: number[];
  elapsedtime?: number;
  ifaceid?: string;
  message?: ScapyMsg;
  statuscode?: number;
  statusmsg?: string;
  dnsservers?: string[];
  reftime?: number;
  relaysupplied?: string;
  data?: string;
}
interface ScapyMsg {
  msgtype: number;
  trid?: number;
  hopcount?: number;
  linkaddr?: string;
  peeraddr?: string;
  options: ScapyOpt[];
}

function py(mode: string, input?: string): unknown {
  return JSON.parse(execFileSync(PY, ['-c', SCRIPT, mode], { input, encoding: 'utf8', maxBuffer: 1 << 24 }));
}

/** asserts our decoded message says what scapy says about the same bytes */
function same(ours: Dhcpv6Message, theirs: ScapyMsg, bytes: Uint8Array): void {
  expect(ours.msgType).toBe(theirs.msgtype);
  if (ours.kind === 'relay') {
    expect([ours.hopCount, ours.linkAddress, ours.peerAddress]).toEqual([theirs.hopcount, theirs.linkaddr, theirs.peeraddr]);
  } else expect(ours.transactionId).toBe(theirs.trid);
  expect(ours.options.map((o) => [o.code, o.length! - 4])).toEqual(theirs.options.map((o) => [o.code, o.len]));
  ours.options.forEach((o: Dhcpv6Option, i) => {
    const t = theirs.options[i]!;
    const data = dataSpan(o)!;
    const hex = toHex(bytes.subarray(data.offset, data.offset + data.length));
    switch (o.kind) {
      case 'clientId':
      case 'serverId':
        expect(o.duid.type).toBe(t.duid!['type']);
        if (o.duid.kind === 'llt') expect([o.duid.hwType, o.duid.time, toHex(o.duid.linkLayer)]).toEqual([t.duid!['hwtype'], t.duid!['timeval'], t.duid!['lladdr']]);
        if (o.duid.kind === 'en') expect([o.duid.enterprise, toHex(o.duid.identifier)]).toEqual([t.duid!['enterprisenum'], t.duid!['id']]);
        break;
      case 'oro': expect(o.codes).toEqual(t.reqopts); break;
      case 'elapsedTime': expect(o.value).toBe(t.elapsedtime); break;
      case 'interfaceId': expect(toHex(o.id)).toBe(t.ifaceid); break;
      case 'relayMsg': same(o.message, t.message!, bytes); break;
      case 'statusCode': expect([o.status, o.message]).toEqual([t.statuscode, t.statusmsg]); break;
      case 'dnsServers': expect(o.servers).toEqual(t.dnsservers); break;
      case 'informationRefreshTime': expect(o.seconds).toBe(t.reftime); break;
      case 'rsoo': expect(hex).toBe(t.relaysupplied ?? t.data); break;
      default: if (t.data !== undefined) expect(hex).toBe(t.data);
    }
  });
}

describe.skipIf(!hasScapy)('scapy cross-check', () => {
  it('decodes messages scapy built', () => {
    const built = py('build') as { name: string; hex: string; desc: ScapyMsg }[];
    expect(built.map((b) => b.name)).toEqual(['ir', 'relay-forw', 'reply', 'relay-repl', 'relay-forw-raw-rsoo']);
    for (const b of built) {
      const bytes = fromHex(b.hex);
      const d = decodeDhcpv6(bytes);
      expect(d.issues, b.name).toEqual([]);
      same(d.value, b.desc, bytes);
      expect(toHex(encodeDhcpv6(d.value)), b.name).toBe(b.hex);
    }
    const rf = decodeDhcpv6(fromHex(built[1]!.hex)).value;
    const rsoo = rf.options.find((o) => o.kind === 'rsoo');
    expect(rsoo && 'options' in rsoo ? rsoo.options.map((o) => [o.kind, 'domain' in o ? o.domain : 'address' in o ? o.address : '']) : []).toEqual([
      ['erpLocalDomainName', 'erp.example'],
      ['haa', '2001:db8::1'],
    ]);
  });

  it('scapy parses messages we built', () => {
    const cid = opt.clientId(duid.llt(fromHex('020000000001'), 0x2b6f5e00));
    const ir = msg.informationRequest(0x1a2b3c, [cid, opt.elapsedTime(100), opt.oro([32, 83, 49, 50, 69, 70]), opt.hnidf('msp.example')]);
    const reply = msg.reply(0x1a2b3c, [
      opt.serverId(duid.en(32473, fromHex('0a0b'))), cid, opt.statusCode(0, 'ok'), opt.dnsServers(['2001:db8::53']),
      opt.informationRefreshTime(3600), opt.idinf([opt.haa('2001:db8::1'), opt.hnp(64, '2001:db8:1::')]),
    ]);
    const rf = msg.relayForw(0, '2001:db8:1::1', 'fe80::1', [
      opt.interfaceId('eth1'), opt.rsoo([opt.erpLocalDomainName('erp.example'), opt.haa('2001:db8::1')]), opt.relayMsg(ir),
    ]);
    const rr = msg.relayRepl(0, '2001:db8:1::1', 'fe80::1', [opt.interfaceId('eth1'), opt.relayMsg(reply)]);
    const rf2 = msg.relayForw(1, '::', '2001:db8:1::1', [opt.relayMsg(rf)]);
    const all = [ir, reply, rf, rr, rf2].map((m) => encodeDhcpv6(m));
    const parsed = py('parse', JSON.stringify(all.map(toHex))) as ScapyMsg[];
    expect(parsed).toHaveLength(all.length);
    all.forEach((bytes, i) => same(decodeDhcpv6(bytes).value, parsed[i]!, bytes));
    // scapy's reading of our RSOO payload is the bytes we wrote
    expect(parsed[2]!.options[1]!.relaysupplied).toBe('0041000d03657270076578616d706c6500' + '0048001020010db8000000000000000000000001');
  });
});
