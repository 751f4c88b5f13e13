// The DHCPv6 protocol module: UDP 546/547 (RFC 8415 §7.2), decoder, matcher, `decode --format json` summary.
import type { Message } from '../../flow/message.js';
import type { ProtocolModule } from '../module.js';
import { CLIENT_PORT, SERVER_PORT } from './constants.js';
import { describeDhcpv6 } from './describe.js';
import { dhcpv6Matcher } from './match.js';
import { decodeDhcpv6 } from './message.js';
import type { Dhcpv6Message } from './types.js';

export const dhcpv6Module: ProtocolModule<Dhcpv6Message> = {
  name: 'dhcpv6',
  udpPorts: [CLIENT_PORT, SERVER_PORT],
  decode: (bytes, settings) => decodeDhcpv6(bytes, settings),
  matcher: (settings) => dhcpv6Matcher(settings),
  describe: (msg: Message<Dhcpv6Message>) => describeDhcpv6(msg.value),
};
