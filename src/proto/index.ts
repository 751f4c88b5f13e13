// The only place that knows every protocol module.
import type { ProtocolModule } from './module.js';
import { dhcpv6Module } from './dhcpv6/register.js';
import { diameterModule } from './diameter/register.js';
import { panaModule } from './pana/register.js';
import { mipv4Module } from './mipv4/register.js';
import { mhModule } from './mh/register.js';
import { ikev2Module } from './ikev2/register.js';

export const PROTOCOLS: readonly ProtocolModule<any>[] = [dhcpv6Module, diameterModule, panaModule, mipv4Module, mhModule, ikev2Module];
