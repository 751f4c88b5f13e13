// Bench capture (a): RFC 6611 §4.2.1 integrated-scenario DHCPv6 exchanges, four packets each
// (Information-request, Relay-forw with RSOO, Relay-repl with IDINF, Reply), written streaming to pcapng.
// Every exchange has its own transaction-id, client (MAC, DUID, link-local address, relay peer-address) and t0.
import { dist, FileSink } from '../lib.js';

const { rfc6611Exchange, RFC6611_ADDR } = await dist('scenario/rfc6611.js');
const { PcapngWriter } = await dist('capture/write.js');
const { duid, OPT } = await dist('proto/dhcpv6/index.js');
const { udpChecksum } = await dist('net/udp.js');

const ETH = 14;
const T0 = 1_700_000_000;

/** the i-th client: MAC 00:11:22:xx:xx:xx and its EUI-64 link-local address */
function client(i) {
  const mac = Uint8Array.of(0x00, 0x11, 0x22, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
  const ll = new Uint8Array(16);
  ll[0] = 0xfe;
  ll[1] = 0x80;
  ll.set([mac[0] ^ 0x02, mac[1], mac[2], 0xff, 0xfe, mac[3], mac[4], mac[5]], 8);
  const h = (a, b) => ((ll[a] << 8) | ll[b]).toString(16);
  const text = `fe80::${h(8, 9)}:${h(10, 11)}:${h(12, 13)}:${h(14, 15)}`;
  return { mac, ll, text };
}

/** put `addr` in the IPv6 source (which = 8) or destination (24) of an Ethernet/IPv6/UDP frame; fix the UDP checksum */
function setAddr(frame, which, addr) {
  frame.set(addr, ETH + which);
  const udp = frame.subarray(ETH + 40);
  udp[6] = 0;
  udp[7] = 0;
  const c = udpChecksum(frame.subarray(ETH + 8, ETH + 24), frame.subarray(ETH + 24, ETH + 40), udp);
  udp[6] = c >> 8;
  udp[7] = c & 0xff;
}

const withDuid = (d) => (m) => ({ ...m, options: m.options.map((o) => (o.code === OPT.CLIENTID ? { ...o, duid: d } : o)) });
const withPeer = (peer) => (m) => ({ ...m, peerAddress: peer });

/** The i-th exchange's four frames (Ethernet), timestamps from t0. */
export function exchange(i) {
  const c = client(i);
  const d = duid.ll(c.mac);
  const ex = rfc6611Exchange({
    t0: T0 + i * 0.01,
    transactionId: (0x100000 + i * 7919) & 0xffffff,
    mutate: { client: withDuid(d), relayForw: withPeer(c.text), relayRepl: withPeer(c.text), reply: withDuid(d) },
  });
  const [ir, fw, rp, reply] = ex.frames;
  setAddr(ir.data, 8, c.ll);
  setAddr(reply.data, 24, c.ll);
  void fw;
  void rp;
  void RFC6611_ADDR;
  return ex.frames;
}

/** write `packets` packets (a multiple of 4 is written; the rest of the last exchange is cut) */
export async function generate(file, packets) {
  const sink = new FileSink(file);
  const w = new PcapngWriter(sink, { application: 'mip6-conform bench dhcpv6' });
  let n = 0;
  for (let i = 0; n < packets; i++) {
    for (const f of exchange(i)) {
      if (n++ >= packets) break;
      w.write({ ts: f.ts, linktype: 1, data: f.data, iface: 0 });
    }
  }
  await w.close();
  return n;
}
