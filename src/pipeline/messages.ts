// Stage 1–3 of the pipeline: capture → frames → datagrams/streams → protocol messages.
import type { Settings } from '../assert/profiles.js';
import type { Frame } from '../capture/frame.js';
import type { Message } from '../flow/message.js';
import type { Datagram, StreamData } from '../net/packet.js';
import { NetDecoder } from '../net/decode.js';
import type { FramedMessage, Framer, ProtocolModule } from '../proto/module.js';
import type { DecodeIssue } from '../wire/issue.js';

export interface Opaque {
  proto: string;
  conn: string;
  reason: string;
  frames: number[];
}

export interface MessageSink {
  message(msg: Message): void;
  /** a decode problem below the protocol layer (link, IP, transport, framing) */
  issue(frame: number, issue: DecodeIssue): void;
  /** traffic seen but not inspectable (TLS-protected Diameter, ESP) */
  opaque(o: Opaque): void;
  /** a stream connection carrying `proto` closed (FIN or RST) at `frame` */
  closed?(proto: string, conn: string, how: 'fin' | 'rst', frame: number, closer: import('../net/packet.js').Endpoint): void;
}

interface StreamState {
  module: ProtocolModule;
  framer: Framer | null;
  opaque: boolean;
  /** the latest chunk of this direction (its endpoints name the messages the framer still holds at the end) */
  last?: StreamData;
}

/** Routes frames to protocol modules by port / IP protocol / SCTP PPID, and cuts streams into messages. */
export class Demux {
  private readonly net = new NetDecoder();
  private readonly udp = new Map<number, ProtocolModule>();
  private readonly tcp = new Map<number, ProtocolModule>();
  private readonly sctp = new Map<number, ProtocolModule>();
  private readonly ip = new Map<number, ProtocolModule>();
  private readonly tlsPorts = new Map<number, ProtocolModule>();
  private readonly streams = new Map<string, StreamState>();
  /** ESP security associations already reported as not inspectable (one report per SA, bounded) */
  private readonly espSeen = new Set<string>();

  constructor(
    modules: readonly ProtocolModule[],
    private readonly settings: Settings,
    private readonly sink: MessageSink,
  ) {
    for (const m of modules) {
      for (const p of m.udpPorts ?? []) this.udp.set(p, m);
      for (const p of m.tcpPorts ?? []) this.tcp.set(p, m);
      for (const p of m.sctpPpids ?? []) this.sctp.set(p, m);
      for (const p of m.ipProtos ?? []) this.ip.set(p, m);
      if (m.name === 'diameter') this.tlsPorts.set(5658, m);
      // ports from settings (`--set ports.diameter=3869`): stream protocols by TCP, the others by UDP
      for (const p of settings.ports[m.name as keyof Settings['ports']] ?? []) (m.framer ? this.tcp : this.udp).set(p, m);
    }
  }

  frame(f: Frame): void {
    const out = this.net.push(f);
    for (const i of out.issues) this.sink.issue(f.no, i);
    for (const d of out.datagrams) this.datagram(d);
    for (const s of out.streams) this.stream(s);
  }

  end(): void {
    const out = this.net.flush();
    for (const i of out.issues) this.sink.issue(0, i);
    for (const s of out.streams) this.stream(s);
    for (const [, st] of this.streams) {
      if (!st.framer || !st.last) continue;
      const rest = st.framer.end();
      // the capture ended with the connection still open: what the framer still holds is delivered, not dropped
      for (const fm of rest.messages) this.framed(st.module, st.last, fm);
      for (const i of rest.issues) this.sink.issue(0, i);
    }
    this.streams.clear();
  }

  private datagram(d: Datagram): void {
    const m =
      d.transport === 'ip'
        ? this.ip.get(d.ipProto)
        : (this.udp.get(d.dst.port) ?? this.udp.get(d.src.port));
    if (!m) {
      if (d.ipProto === 50 && this.espSeen.size < 1024 && !this.espSeen.has(`${d.src.addr}>${d.dst.addr}|${d.ipsec?.esp}`)) {
        this.espSeen.add(`${d.src.addr}>${d.dst.addr}|${d.ipsec?.esp}`);
        this.sink.opaque({ proto: 'esp', conn: `${d.src.addr}>${d.dst.addr}`, reason: `ESP (SPI 0x${(d.ipsec?.esp ?? 0).toString(16)}): not inspectable`, frames: d.frames });
      }
      return;
    }
    const dec = m.decode(d.payload, this.settings);
    this.sink.message({
      proto: m.name,
      frame: d.frame,
      frames: d.frames,
      ts: d.ts,
      src: d.src,
      dst: d.dst,
      transport: d.transport,
      hopLimit: d.hopLimit,
      ...(d.ipsec ? { ipsec: d.ipsec } : {}),
      raw: d.payload,
      value: dec.value,
      issues: d.issues.length ? [...d.issues, ...dec.issues] : dec.issues,
    });
  }

  private stream(s: StreamData): void {
    const key = `${s.conn}>${s.src.addr}:${s.src.port}`;
    let st = this.streams.get(key);
    if (!st) {
      const m =
        s.transport === 'sctp'
          ? this.sctp.get(s.ppid ?? -1)
          : (this.tcp.get(s.dst.port) ?? this.tcp.get(s.src.port));
      const tls = s.transport === 'tcp' ? (this.tlsPorts.get(s.dst.port) ?? this.tlsPorts.get(s.src.port)) : undefined;
      const dtls = s.transport === 'sctp' && s.ppid === 47 ? this.sctp.get(46) : undefined;
      const mod = m ?? tls ?? dtls;
      if (!mod) return;
      const first = s.chunks[0]?.data;
      const isTls = !m || Boolean(first && first.length >= 3 && first[0] === 0x16 && first[1] === 0x03);
      st = { module: mod, framer: isTls || !mod.framer ? null : mod.framer(this.settings), opaque: isTls };
      this.streams.set(key, st);
      if (isTls) {
        this.sink.opaque({
          proto: mod.name,
          conn: key,
          reason: 'TLS-protected: contents are not inspectable',
          frames: s.chunks.map((c) => c.frame),
        });
      }
    }
    if (!st.framer) return;
    st.last = s;
    let first = true;
    for (const c of s.chunks) {
      const msgs = st.framer.push(c, first && s.gap === true);
      first = false;
      for (const fm of msgs) this.framed(st.module, s, fm);
    }
    for (const i of s.issues) this.sink.issue(s.chunks[0]?.frame ?? 0, i);
    if (s.closed) {
      const rest = st.framer.end();
      for (const fm of rest.messages) this.framed(st.module, s, fm);
      for (const i of rest.issues) this.sink.issue(s.chunks.at(-1)?.frame ?? 0, i);
      this.streams.delete(key);
      this.sink.closed?.(st.module.name, s.conn, s.closed, s.closedFrame ?? s.chunks.at(-1)?.frame ?? 0, s.src);
    }
  }

  private framed(m: ProtocolModule, s: StreamData, fm: FramedMessage): void {
    const dec = m.decode(fm.bytes, this.settings);
    this.sink.message({
      proto: m.name,
      frame: fm.frame,
      frames: fm.frames,
      ts: fm.ts,
      src: s.src,
      dst: s.dst,
      transport: s.transport,
      conn: s.conn,
      raw: fm.bytes,
      value: dec.value,
      issues: fm.issues.length ? [...fm.issues, ...dec.issues] : dec.issues,
    });
  }
}
