// Waiting helpers shared by the UDP socket and the namespace agent's remote socket.
import type { Datagram } from './udp.js';
import type { UdpReceive } from './udp.js';

/** Sleeps up to `ms`; `setWaiter` receives a function that ends the sleep early (a datagram arrived), then null. */
export function wakeableSleep(ms: number, setWaiter: (w: (() => void) | null) => void): Promise<void> {
  return new Promise<void>((resolve) => {
    const t = setTimeout(() => {
      setWaiter(null);
      resolve();
    }, ms);
    setWaiter(() => {
      clearTimeout(t);
      resolve();
    });
  });
}

/** Every datagram arriving within windowMs (as `receive` delivers them, bounded by its queue). */
export async function collectWithin(
  receive: (timeoutMs: number, match?: (d: Datagram) => boolean) => Promise<UdpReceive>,
  windowMs: number,
  match?: (d: Datagram) => boolean,
): Promise<Datagram[]> {
  const end = performance.now() + windowMs;
  const out: Datagram[] = [];
  for (;;) {
    const r = await receive(Math.max(0, end - performance.now()), match);
    if (r.kind !== 'datagram') return out;
    out.push(r);
  }
}
