// A check independent of tshark and of our codec: the options of a DHCPv6 message tile it exactly (RFC 8415 §9, §21.1),
// and a Relay-Message option (9) holds a message that does the same. tshark 4.0's DHCPv6 dissector stops silently
// at an option whose length overruns the message (fixture dhcpv6-client-option-overrun shows no malformed mark), so
// this covers what the oracle lets pass.

const RELAY_FORW = 12;
const RELAY_REPL = 13;
const OPTION_RELAY_MSG = 9;

/** problems as text with the byte offset; [] when the message tiles */
export function dhcpv6Tiling(b: Uint8Array, base = 0, depth = 0): string[] {
  const relay = b[0] === RELAY_FORW || b[0] === RELAY_REPL;
  const head = relay ? 34 : 4;
  if (b.length < head) return [`@${base}: ${b.length} octets, shorter than the ${head}-octet header`];
  const out: string[] = [];
  let o = head;
  while (o < b.length) {
    if (b.length - o < 4) {
      out.push(`@${base + o}: ${b.length - o} octets left, too few for an option header`);
      break;
    }
    const code = (b[o]! << 8) | b[o + 1]!;
    const len = (b[o + 2]! << 8) | b[o + 3]!;
    if (o + 4 + len > b.length) {
      out.push(`@${base + o}: option ${code} claims ${len} octets, ${b.length - o - 4} left`);
      break;
    }
    if (code === OPTION_RELAY_MSG && depth < 40) out.push(...dhcpv6Tiling(b.subarray(o + 4, o + 4 + len), base + o + 4, depth + 1));
    o += 4 + len;
  }
  return out;
}

/** PANA (RFC 5191 §6.1, §8.1): Message Length is the whole message, and the AVPs (8-octet header, 12 with V set; AVP
 * Length counts the Value only; padded to 4 octets) tile the rest. A check for messages tshark's heuristic skips. */
export function panaTiling(b: Uint8Array): string[] {
  if (b.length < 16) return [`@0: ${b.length} octets, shorter than the 16-octet header`];
  const len = (b[2]! << 8) | b[3]!;
  if (len !== b.length) return [`@2: Message Length ${len}, datagram ${b.length}`];
  let o = 16;
  while (o < b.length) {
    if (b.length - o < 8) return [`@${o}: ${b.length - o} octets left, too few for an AVP header`];
    const code = (b[o]! << 8) | b[o + 1]!;
    const vendor = (b[o + 2]! & 0x80) !== 0;
    const head = vendor ? 12 : 8;
    const value = (b[o + 4]! << 8) | b[o + 5]!;
    const end = o + head + value;
    if (end > b.length) return [`@${o}: AVP ${code} claims ${value} value octets, ${b.length - o - head} left`];
    o = end + ((4 - (value % 4)) % 4);
    if (o > b.length) return [`@${end}: AVP ${code} padding runs past the message`];
  }
  return [];
}
