// Every probe role, by name (feeds the CLI's choices). One file per role.
import { dhcpClientRole } from './dhcp-client.js';
import { dhcpRelayRole } from './dhcp-relay.js';
import { dhcpServerRole } from './dhcp-server.js';
import { diameterServerRole } from './diameter-server.js';
import { homeAgentRole } from './home-agent.js';
import { nasRole } from './nas.js';
import { panaPaaRole } from './pana-paa.js';
import { fhaRole } from './fha.js';
import type { ProbeRole } from './types.js';

export const PROBE_ROLES: readonly ProbeRole[] = [dhcpServerRole, dhcpRelayRole, dhcpClientRole, diameterServerRole, homeAgentRole, nasRole, panaPaaRole, fhaRole];
