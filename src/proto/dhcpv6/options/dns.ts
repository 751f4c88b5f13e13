// OPTION_DNS_SERVERS (23) and OPTION_DOMAIN_LIST (24) (RFC 3646 §3, §4).
import { nameEnd, readName, writeName } from '../fqdn.js';
import { defineOption, readIpv6, report, writeIpv6 } from './define.js';

export const dnsServers = defineOption({
  code: 23, name: 'OPTION_DNS_SERVERS', kind: 'dnsServers', source: 'RFC3646 §3',
  decode(r, len, ctx) {
    if (len % 16 !== 0) {
      report(ctx, 'dhcpv6.option.bad-length', `OPTION_DNS_SERVERS length ${len} is not a multiple of 16`, r.abs() - 4, {
        expected: '16*n',
        actual: len,
      });
      return undefined;
    }
    const servers: string[] = [];
    for (let i = 0; i < len; i += 16) servers.push(readIpv6(r));
    return { code: 23, kind: 'dnsServers', servers };
  },
  encode: (o, w) => o.servers.forEach((s) => writeIpv6(w, s)),
});

export const domainList = defineOption({
  code: 24, name: 'OPTION_DOMAIN_LIST', kind: 'domainList', source: 'RFC3646 §4',
  decode(r, len, ctx) {
    const end = r.pos + len;
    const domains: string[] = [];
    let pos = r.pos;
    while (pos < end) {
      const d = readName(r, pos, end, ctx);
      if (d === undefined) return undefined;
      domains.push(d);
      pos = nameEnd;
    }
    r.pos = end;
    return { code: 24, kind: 'domainList', domains };
  },
  encode: (o, w) => o.domains.forEach((d) => writeName(w, d)),
});

export const DNS_OPTIONS = [dnsServers, domainList];
