// Hostile TCP servers for transport tests, on loopback only. Each returns its port and a close()
// that destroys every accepted socket, so tests never leak handles.
import net from 'node:net';

export type Behaviour = 'silent' | 'drip' | 'rst' | 'junk' | 'claim16m' | 'fin' | 'echo';

export interface HostileServer {
  port: number;
  host: string;
  close(): Promise<void>;
}

export async function hostileServer(behaviour: Behaviour, host = '127.0.0.1'): Promise<HostileServer> {
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = net.createServer({ allowHalfOpen: true }, (s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
    switch (behaviour) {
      case 'silent':
        break;
      case 'drip': {
        // one byte a second: a Diameter-looking header that never completes
        const bytes = [0x01, 0x00, 0x00, 0x40, 0x80, 0, 0, 0];
        let i = 0;
        const t = setInterval(() => {
          if (s.destroyed) return;
          s.write(Uint8Array.of(bytes[i++ % bytes.length]!));
        }, 1000);
        timers.add(t);
        s.on('close', () => clearInterval(t));
        break;
      }
      case 'rst':
        s.once('data', () => s.resetAndDestroy());
        break;
      case 'junk': {
        s.write(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'));
        break;
      }
      case 'claim16m': {
        // Diameter header claiming a 16 MB (2^24 - 1) message, then an endless stream of zeros
        const hdr = Buffer.from([0x01, 0xff, 0xff, 0xff, 0x80, 0, 1, 1, 0, 0, 0, 0]);
        s.write(hdr);
        const block = Buffer.alloc(64 * 1024);
        const pump = (): void => {
          while (!s.destroyed && s.write(block));
        };
        s.on('drain', pump);
        pump();
        break;
      }
      case 'fin':
        s.once('data', () => s.end(Buffer.from([0x01, 0x00])));
        break;
      case 'echo':
        s.on('data', (d) => s.write(d));
        s.on('end', () => s.end());
        break;
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  const addr = server.address() as net.AddressInfo;
  return {
    port: addr.port,
    host,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Diameter framing (RFC 6733 §3): version 1, 24-bit message length. */
export function diameterLength(buf: Uint8Array): number | undefined | 'invalid' {
  if (buf.length < 4) return buf[0] !== undefined && buf[0] !== 1 ? 'invalid' : undefined;
  if (buf[0] !== 1) return 'invalid';
  const len = (buf[1]! << 16) | (buf[2]! << 8) | buf[3]!;
  return len < 20 ? 'invalid' : len;
}
