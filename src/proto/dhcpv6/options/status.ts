// OPTION_STATUS_CODE (13): status-code(2) + UTF-8 status-message, not NUL-terminated (RFC 8415 §21.13; DIGEST DHCP-16).
import { defineOption, minLength, report } from './define.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenientUtf8 = new TextDecoder('utf-8', { ignoreBOM: true });
const utf8 = new TextEncoder();

export const statusCode = defineOption({
  code: 13, name: 'OPTION_STATUS_CODE', kind: 'statusCode', source: 'RFC8415 §21.13',
  decode(r, len, ctx) {
    if (!minLength(ctx, r, 'OPTION_STATUS_CODE', len, 2)) return undefined;
    const status = r.u16();
    const at = r.abs();
    const bytes = r.bytes(len - 2);
    if (bytes.length && bytes[bytes.length - 1] === 0) {
      report(ctx, 'dhcpv6.status.nul-terminated', 'status-message is NUL-terminated (RFC 8415 §21.13)', at + bytes.length - 1, {
        severity: 'warning',
      });
    }
    try {
      return { code: 13, kind: 'statusCode', status, message: strictUtf8.decode(bytes) };
    } catch {
      report(ctx, 'dhcpv6.status.bad-utf8', 'status-message is not valid UTF-8', at, { severity: 'warning' });
      return { code: 13, kind: 'statusCode', status, message: lenientUtf8.decode(bytes), messageBytes: bytes };
    }
  },
  encode(o, w) {
    w.u16(o.status).bytes(o.messageBytes ?? utf8.encode(o.message));
  },
});

export const STATUS_OPTIONS = [statusCode];
