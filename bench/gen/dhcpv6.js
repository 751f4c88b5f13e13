// Bench capture (a): RFC 6611 §4.2.1 integrated-scenario DHCPv6 exchanges, four packets each
// (Information-request, Relay-forw with RSOO, Relay-repl with IDINF, Reply), written streaming to pcapng.
// Every exchange has its own transaction-id, client (MAC, DUID-LL, link-local address = relay peer-address) and t0.
//
// rfc6611Exchange costs ~1 ms (address parsing in the builders), too slow for 10M packets, so it builds one
// template exchange with a marked client and transaction-id; each exchange is that template with those bytes
// replaced and the UDP checksum recomputed. The template is checked to hold each mark exactly where expected.
import { dist, FileSink } from '../lib.js';

const { rfc6611Exchange } = await dist('scenario/rfc6611.js');
const { PcapngWriter } = await dist('capture/write.js');
const { duid, OPT } = await dist('proto/dhcpv6/index.js');
const { udpChecksum } = await dist('net/udp.js');

const ETH = 14;
export const T0 = 1_700_000_000;
/** seconds between exchanges (legs of one exchange span 5 ms) */
export const SPACING = 0.01;

/** the i-th client: MAC 00:11:22:xx:xx:xx and its modified EUI-64 link-local address (RFC 4291 App. A) */
export function client(i) {
  const mac = Uint8Array.of(0x00, 0x11, 0x22, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff);
  const ll = new Uint8Array(16);
  ll[0] = 0xfe;
  ll[1] = 0x80;
  ll.set([mac[0] ^ 0x02, mac[1], mac[2], 0xff, 0xfe, mac[3], mac[4], mac[5]], 8);
  const h = (a, b) => ((ll[a] << 8) | ll[b]).toString(16);
  return { mac, ll, text: `fe80::${h(8, 9)}:${h(10, 11)}:${h(12, 13)}:${h(14, 15)}` };
}

export const trid = (i) => (0x100000 + i * 7919) & 0xffffff;

const withDuid = (d) => (m) => ({ ...m, options: m.options.map((o) => (o.code === OPT.CLIENTID ? { ...o, duid: d } : o)) });
const withPeer = (peer) => (m) => ({ ...m, peerAddress: peer });
/** Relay-repl: the client's peer-address, and its DUID in the relayed Reply too */
const replFor = (peer, d) => (m) => ({
  ...m,
  peerAddress: peer,
  options: m.options.map((o) => (o.kind === 'relayMsg' ? { ...o, message: withDuid(d)(o.message) } : o)),
});

/** The i-th exchange straight from rfc6611Exchange (slow; used for the template and to check the patching). */
export function exchangeSlow(i) {
  const c = client(i);
  const d = duid.ll(c.mac);
  const ex = rfc6611Exchange({
    t0: T0 + i * SPACING,
    transactionId: trid(i),
    mutate: { client: withDuid(d), relayForw: withPeer(c.text), relayRepl: replFor(c.text, d), reply: withDuid(d) },
  });
  const [ir, , , reply] = ex.frames;
  setAddr(ir.data, 8, c.ll); // IR source and Reply destination: the client's link-local address
  setAddr(reply.data, 24, c.ll);
  return ex.frames;
}

function setAddr(frame, which, addr) {
  frame.set(addr, ETH + which);
  fixUdp(frame);
}

function fixUdp(frame) {
  const udp = frame.subarray(ETH + 40);
  udp[6] = 0;
  udp[7] = 0;
  const c = udpChecksum(frame.subarray(ETH + 8, ETH + 24), frame.subarray(ETH + 24, ETH + 40), udp);
  udp[6] = c >> 8;
  udp[7] = c & 0xff;
}

function find(b, pat) {
  const at = [];
  outer: for (let i = 0; i + pat.length <= b.length; i++) {
    for (let j = 0; j < pat.length; j++) if (b[i + j] !== pat[j]) continue outer;
    at.push(i);
  }
  return at;
}

const MARK = 0x9b7c4a; // template client index; its trid and MAC/link-local bytes do not collide
function template() {
  const frames = exchangeSlow(MARK);
  const c = client(MARK);
  const t = trid(MARK);
  const tb = Uint8Array.of(t >> 16, (t >> 8) & 0xff, t & 0xff);
  return frames.map((f, leg) => {
    const spots = { trid: find(f.data, tb), mac: find(f.data, c.mac), ll: find(f.data, c.ll) };
    for (const [k, v] of Object.entries(spots))
      if (v.length !== 1) throw new Error(`bench template: leg ${leg} has ${v.length} copies of the ${k} mark (want 1)`);
    return { dt: f.ts - (T0 + MARK * SPACING), data: f.data.slice(), ...spots };
  });
}

/** Frames of exchange i, one reused buffer per leg: write each before asking for the next exchange. */
export function fastExchanges() {
  const legs = template();
  return (i) => {
    const c = client(i);
    const t = trid(i);
    const t0 = T0 + i * SPACING;
    return legs.map((L) => {
      const b = L.data;
      const p = L.trid[0];
      b[p] = t >> 16;
      b[p + 1] = (t >> 8) & 0xff;
      b[p + 2] = t & 0xff;
      b.set(c.mac, L.mac[0]);
      b.set(c.ll, L.ll[0]);
      fixUdp(b);
      return { ts: t0 + L.dt, data: b };
    });
  };
}

/** write `packets` packets (whole exchanges; the last one is cut to fit); returns the number written */
export async function generate(file, packets) {
  const sink = new FileSink(file);
  const w = new PcapngWriter(sink, { application: 'mip6-conform bench dhcpv6' });
  const ex = fastExchanges();
  let n = 0;
  for (let i = 0; n < packets; i++) {
    for (const f of ex(i)) {
      if (n >= packets) break;
      w.write({ ts: f.ts, linktype: 1, data: f.data, iface: 0 });
      n++;
    }
  }
  await w.close();
  return n;
}
