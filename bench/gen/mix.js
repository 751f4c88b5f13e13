// Bench capture (c): every protocol the tool decodes, interleaved round by round:
//   DHCPv6   RFC 6611 exchange (IR, Relay-forw + RSOO, Relay-repl + IDINF, Reply)       UDP 546/547   4 packets
//   Diameter AAR/AAA over TCP (whole, split, coalesced, straddling segments)             TCP 3868      2–5 packets
//   PANA     PCI, PAR/PAN start (RFC 5191)                                                UDP 716       3 packets
//   MIPv4    Registration Request/Reply (RFC 5944) with NAI and MN-HA auth               UDP 434       2 packets
//   MH       Binding Update/Acknowledgement (RFC 6275), checksummed                       IPv6 135      2 packets
//   IKEv2    IKE_SA_INIT request/response (RFC 7296)                                      UDP 500       2 packets
// Identifiers (transaction-id, hop-by-hop, PANA session/seq, MIPv4 identification, MH sequence, IKE SPI) change
// every round, so every request pairs with its own answer.
import { dist, FileSink } from '../lib.js';
import { fastExchanges } from './dhcpv6.js';
import { diameterTraffic } from './diameter.js';

const { PcapngWriter } = await dist('capture/write.js');
const { buildIp, buildUdp } = await dist('net/build.js');
const { panaMessage, panaAvp } = await dist('proto/pana/build.js');
const { encodePana } = await dist('proto/pana/message.js');
const { rrq, rrp, mipv4Ext } = await dist('proto/mipv4/build.js');
const { encodeMipv4 } = await dist('proto/mipv4/message.js');
const { bu, ba } = await dist('proto/mh/build.js');
const { encodeMh } = await dist('proto/mh/message.js');
const { withMhChecksum } = await dist('proto/mh/checksum.js');
const { ikeMessage, ikePayload } = await dist('proto/ikev2/build.js');
const { encodeIke } = await dist('proto/ikev2/message.js');

const T0 = 1_700_000_000;
const PAC = '2001:db8:20::10';
const PAA = '2001:db8:20::1';
const MN4 = '198.51.100.7';
const HA4 = '192.0.2.1';
const MN6 = '2001:db8:30::7';
const HA6 = '2001:db8:10::1';
const IKE_I = '2001:db8:40::7';
const IKE_R = '2001:db8:10::1';

const hex16 = (i) => (0x1000000000000000n + BigInt(i)).toString(16).padStart(16, '0');

/** the frames of round i other than DHCPv6 and Diameter (those come from their own generators) */
function others(i) {
  const out = [];
  const udp = (src, dst, sport, dport, payload) => out.push(buildUdp({ src, dst, sport, dport, payload }));
  // PANA: PCI, then the PAA's PAR with S and the PaC's PAN (RFC 5191 §4.1)
  const sid = (i + 1) >>> 0;
  udp(PAC, PAA, 716, 716, encodePana(panaMessage({ type: 1 })));
  udp(PAA, PAC, 716, 716, encodePana(panaMessage({ type: 2, flags: ['R', 'S'], sessionId: sid, seq: i >>> 0, avps: [panaAvp.prfAlgorithm(5), panaAvp.integrityAlgorithm(12)] })));
  udp(PAC, PAA, 716, 716, encodePana(panaMessage({ type: 2, flags: ['S'], sessionId: sid, seq: i >>> 0, avps: [panaAvp.prfAlgorithm(5), panaAvp.integrityAlgorithm(12)] })));
  // MIPv4 registration
  const id = BigInt(T0 + i) << 32n;
  udp(MN4, HA4, 434, 434, encodeMipv4(rrq({ flags: ['S'], homeAgent: HA4, careOfAddress: MN4, identification: id, extensions: [mipv4Ext.nai(`mn${i % 1000}@example.com`), mipv4Ext.auth(32, 256, new Uint8Array(16))] })));
  udp(HA4, MN4, 434, 434, encodeMipv4(rrp({ code: 0, lifetime: 1800, homeAddress: '192.0.2.77', homeAgent: HA4, identification: id, extensions: [mipv4Ext.auth(32, 256, new Uint8Array(16))] })));
  // Mobility Header binding
  const seq = i & 0xffff;
  out.push(buildIp({ src: MN6, dst: HA6, proto: 135, payload: withMhChecksum(encodeMh(bu({ seq, flags: ['A', 'H'], lifetimeS: 400 })), MN6, HA6) }));
  out.push(buildIp({ src: HA6, dst: MN6, proto: 135, payload: withMhChecksum(encodeMh(ba({ seq, status: 0, lifetimeS: 400 })), HA6, MN6) }));
  // IKEv2 IKE_SA_INIT
  const ispi = hex16(i);
  const sa = ikePayload.sa([ikePayload.transform(1, 12, false), ikePayload.transform(2, 5, false), ikePayload.transform(3, 12, false), ikePayload.transform(4, 19, true)]);
  const nonce = new Uint8Array(32).fill(i & 0xff);
  udp(IKE_I, IKE_R, 500, 500, encodeIke(ikeMessage({ ispi, exchangeType: 34, flags: ['I'], payloads: [sa, ikePayload.ke(19, new Uint8Array(64)), ikePayload.nonce(nonce)] })));
  udp(IKE_R, IKE_I, 500, 500, encodeIke(ikeMessage({ ispi, rspi: hex16(i + 0x5000000), exchangeType: 34, flags: ['R'], payloads: [sa, ikePayload.ke(19, new Uint8Array(64)), ikePayload.nonce(nonce)] })));
  return out;
}

/** write about `packets` packets (whole rounds of ~16); returns the number written */
export async function generate(file, packets) {
  const sink = new FileSink(file);
  const w = new PcapngWriter(sink, { application: 'mip6-conform bench mix' });
  let n = 0;
  const put = (data) => w.write({ ts: T0 + n++ * 0.0005, linktype: 1, data, iface: 0 });
  const dhcp = fastExchanges();
  const dia = diameterTraffic(put, 16);
  for (let i = 0; n < packets; i++) {
    for (const f of dhcp(i)) put(f.data);
    dia.round();
    for (const f of others(i)) put(f);
  }
  dia.close();
  await w.close();
  return n;
}
