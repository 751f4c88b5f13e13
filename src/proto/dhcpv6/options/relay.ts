// Relay-agent options: OPTION_RELAY_MSG (9, a complete DHCPv6 message), OPTION_INTERFACE_ID (18),
// OPTION_RELAY_SOURCE_PORT (135, RFC 8357 §5.2).
import { defineOption, exactLength, report } from './define.js';

export const relayMsg = defineOption({
  code: 9, name: 'OPTION_RELAY_MSG', kind: 'relayMsg', source: 'RFC8415 §21.10',
  decode(r, len, ctx) {
    if (len === 0) {
      report(ctx, 'dhcpv6.relay-msg.empty', 'OPTION_RELAY_MSG carries no message', r.abs() - 4);
      return undefined;
    }
    ctx.depth++;
    ctx.path.push('message');
    const message = ctx.decodeMessage(r, r.pos + len, ctx);
    ctx.path.pop();
    ctx.depth--;
    return { code: 9, kind: 'relayMsg', message };
  },
  encode: (o, w, ctx) => ctx.encodeMessage(o.message, w, ctx),
});

export const interfaceId = defineOption({
  code: 18, name: 'OPTION_INTERFACE_ID', kind: 'interfaceId', source: 'RFC8415 §21.18',
  decode: (r, len) => ({ code: 18, kind: 'interfaceId', id: r.bytes(len) }),
  encode: (o, w) => void w.bytes(o.id),
});

export const relaySourcePort = defineOption({
  code: 135, name: 'OPTION_RELAY_SOURCE_PORT', kind: 'relaySourcePort', source: 'RFC8357 §5.2',
  decode: (r, len, ctx) =>
    exactLength(ctx, r, 'OPTION_RELAY_SOURCE_PORT', len, 2) ? { code: 135, kind: 'relaySourcePort', port: r.u16() } : undefined,
  encode: (o, w) => void w.u16(o.port),
});

export const RELAY_OPTIONS = [relayMsg, interfaceId, relaySourcePort];
