// Bench capture (b): Diameter over TCP (RFC 6733) between NASes and an AAA server, AAR/AAA with MIP6-Agent-Info
// (RFC 5447), on 64 connections (half IPv6, half IPv4), each opened with a handshake and closed with FIN.
// Segments come in four shapes, in turn: whole messages; a header split after 10 bytes and an answer in three
// pieces; two messages coalesced in one segment; a segment ending inside the next message (straddle).
// Messages are encoded once (encodeDiameter) and per message only the hop-by-hop / end-to-end identifiers and
// the Session-Id digits change; frames are built with buildTcp.
import { dist, FileSink } from '../lib.js';

const { PcapngWriter } = await dist('capture/write.js');
const { buildTcp } = await dist('net/build.js');
const { avp, diameterMessage, encodeDiameter, prefix17 } = await dist('proto/diameter/index.js');

const T0 = 1_700_000_000;
const CONNS = 64;
const AAA6 = '2001:db8:aaa::1';
const AAA4 = '198.51.100.1';
const SID_DIGITS = 8;

function peers(c) {
  return c % 2 === 0
    ? { nas: `2001:db8:a::${(c + 1).toString(16)}`, aaa: AAA6, host: `nas${c}.example.net` }
    : { nas: `192.0.2.${c + 1}`, aaa: AAA4, host: `nas${c}.example.net` };
}

function find(b, pat) {
  outer: for (let i = 0; i + pat.length <= b.length; i++) {
    for (let j = 0; j < pat.length; j++) if (b[i + j] !== pat[j]) continue outer;
    return i;
  }
  throw new Error('bench template: Session-Id mark not found');
}

/** AAR/AAA templates for connection c; fill(i) patches identifiers and Session-Id in place and returns the bytes */
function templates(c) {
  const { host } = peers(c);
  const sid = `${host};1700000000;${'0'.repeat(SID_DIGITS)}`;
  const hlp = prefix17(64, [0x20, 0x01, 0x0d, 0xb8, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const agent = avp('MIP6-Agent-Info', [avp('MIP-Home-Agent-Address', '2001:db8:1::1'), avp('MIP6-Home-Link-Prefix', hlp)]);
  const aar = encodeDiameter(
    diameterMessage('AAR', [
      avp('Session-Id', sid), avp('Auth-Application-Id', 1), avp('Origin-Host', host), avp('Origin-Realm', 'example.net'),
      avp('Destination-Realm', 'example.com'), avp('Auth-Request-Type', 'AUTHORIZE_AUTHENTICATE'), avp('User-Name', `mn${c}@example.com`),
      avp('Calling-Station-Id', '66-77-88-99-aa-bb'), agent, avp('MIP6-Feature-Vector', 0x3n),
    ], { hopByHop: 1, endToEnd: 1 }),
  );
  const aaa = encodeDiameter(
    diameterMessage('AAA', [
      avp('Session-Id', sid), avp('Auth-Application-Id', 1), avp('Auth-Request-Type', 'AUTHORIZE_AUTHENTICATE'),
      avp('Result-Code', 'DIAMETER_SUCCESS'), avp('Origin-Host', 'aaa.example.com'), avp('Origin-Realm', 'example.com'),
      agent, avp('MIP6-Feature-Vector', 0x1n),
    ], { hopByHop: 1, endToEnd: 1 }),
  );
  const mark = new TextEncoder().encode(sid);
  const at = (b) => find(b, mark) + mark.length - SID_DIGITS;
  const spots = [at(aar), at(aaa)];
  const fill = (b, sidAt, i, hbh) => {
    const v = new DataView(b.buffer, b.byteOffset);
    v.setUint32(12, hbh >>> 0);
    v.setUint32(16, (0x5a000000 + i) >>> 0);
    const d = (i >>> 0).toString(16).padStart(SID_DIGITS, '0');
    for (let k = 0; k < SID_DIGITS; k++) b[sidAt + k] = d.charCodeAt(k);
    return b;
  };
  return {
    request: (i, hbh) => fill(aar.slice(), spots[0], i, hbh),
    answer: (i, hbh) => fill(aaa.slice(), spots[1], i, hbh),
  };
}

const cat = (...p) => {
  const out = new Uint8Array(p.reduce((n, x) => n + x.length, 0));
  let o = 0;
  for (const x of p) {
    out.set(x, o);
    o += x.length;
  }
  return out;
};

/**
 * A Diameter/TCP traffic source over `conns` connections. `emit(frameBytes)` receives each Ethernet frame in order;
 * round() emits one round (2 or 4 messages) and returns the messages it sent; close() ends every connection.
 */
export function diameterTraffic(emit, conns = CONNS) {
  const cs = Array.from({ length: conns }, (_, c) => ({ ...peers(c), sport: 40000 + c, cseq: 1000, sseq: 5000, t: templates(c), hbh: c << 20, open: false }));
  const seg = (c, fromNas, flags, payload = new Uint8Array(0)) => {
    const o = fromNas
      ? { src: c.nas, dst: c.aaa, sport: c.sport, dport: 3868, seq: c.cseq, ack: c.sseq }
      : { src: c.aaa, dst: c.nas, sport: 3868, dport: c.sport, seq: c.sseq, ack: c.cseq };
    emit(buildTcp({ ...o, flags, payload }));
    const n = payload.length + (flags.includes('S') || flags.includes('F') ? 1 : 0);
    if (fromNas) c.cseq = (c.cseq + n) >>> 0;
    else c.sseq = (c.sseq + n) >>> 0;
  };
  /** send `b` in pieces cut at the given offsets */
  const pieces = (c, fromNas, b, cuts) => {
    let prev = 0;
    for (const x of [...cuts, b.length]) {
      seg(c, fromNas, 'PA', b.subarray(prev, x));
      prev = x;
    }
  };
  let round = 0;
  return {
    round() {
      const c = cs[round % conns];
      const shape = Math.floor(round / conns) % 4;
      const i = round++;
      if (!c.open) {
        seg(c, true, 'S');
        seg(c, false, 'SA');
        seg(c, true, 'A');
        c.open = true;
      }
      const req = c.t.request(i, ++c.hbh);
      const ans = c.t.answer(i, c.hbh);
      if (shape === 0) {
        seg(c, true, 'PA', req);
        seg(c, false, 'PA', ans);
        return 2;
      }
      if (shape === 1) {
        pieces(c, true, req, [10]); // header split
        pieces(c, false, ans, [Math.floor(ans.length / 3), Math.floor((2 * ans.length) / 3)]);
        return 2;
      }
      const req2 = c.t.request(i + 0x800000, ++c.hbh);
      const ans2 = c.t.answer(i + 0x800000, c.hbh);
      if (shape === 2) {
        seg(c, true, 'PA', cat(req, req2)); // coalesced
        seg(c, false, 'PA', cat(ans, ans2));
      } else {
        pieces(c, true, cat(req, req2), [req.length + 25]); // straddle
        seg(c, false, 'PA', ans);
        seg(c, false, 'PA', ans2);
      }
      return 4;
    },
    close() {
      for (const c of cs) {
        if (!c.open) continue;
        seg(c, true, 'FA');
        seg(c, false, 'FA');
        seg(c, true, 'A');
        c.open = false;
      }
    },
  };
}

/** write `messages` Diameter messages (requests + answers); returns { packets, messages } */
export async function generate(file, messages) {
  const sink = new FileSink(file);
  const w = new PcapngWriter(sink, { application: 'mip6-conform bench diameter' });
  let packets = 0;
  const d = diameterTraffic((data) => w.write({ ts: T0 + packets++ * 0.0001, linktype: 1, data, iface: 0 }));
  let sent = 0;
  while (sent < messages) sent += d.round();
  d.close();
  await w.close();
  return { packets, messages: sent };
}
