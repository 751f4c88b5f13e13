# Minimal DHCPv6 client for lifecycle tests, run inside netns m6cli (ip netns exec m6cli python3 ...):
# sends one message (hex, argv[1]) from [::]:546 to ff02::1:2%m6c0 port 547 (RFC 8415 §7.1) and prints
# "<source address> <reply hex>" or "timeout" after argv[2] seconds. Plain sockets, no scapy.
import socket
import sys

msg = bytes.fromhex(sys.argv[1])
wait = float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
idx = socket.if_nametoindex('m6c0')
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
try:
    s.bind(('::', 546))
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, idx)
    s.settimeout(wait)
    s.sendto(msg, ('ff02::1:2', 547, 0, idx))
    data, addr = s.recvfrom(65535)
    print(addr[0], data.hex())
except socket.timeout:
    print('timeout')
finally:
    s.close()
