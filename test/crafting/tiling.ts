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
