// Probe transports behind one small interface (types.ts); see udp.ts and tcp.ts.
export * from './types.js';
export { openUdp, type UdpOptions, type UdpSocket, type UdpReceive, type Datagram } from './udp.js';
export { connectTcp, DEFAULT_MAX_BUFFER, type TcpOptions, type TcpConn, type TcpRead, type TcpFrameRead, type FrameLength, type ConnectResult } from './tcp.js';
