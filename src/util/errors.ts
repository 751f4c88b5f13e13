// Tool and environment failures (never target failures). Each has a stable code; the CLI prints
// `mip6-conform: <code>: <message>` on one line and exits 2 (4 for an unreachable probe target).

export abstract class Mip6Error extends Error {
  abstract readonly code: string;
  /** process exit code this error maps to */
  readonly exit: number = 2;
}

export class CaptureFormatError extends Mip6Error {
  override name = 'CaptureFormatError';
  readonly code = 'M6_ERR_CAPTURE_FORMAT';
  constructor(
    readonly file: string,
    readonly detail: string,
  ) {
    super(`${file}: not a pcap or pcapng capture (${detail})`);
  }
}

export class CaptureReadError extends Mip6Error {
  override name = 'CaptureReadError';
  readonly code = 'M6_ERR_CAPTURE_READ';
  constructor(
    readonly file: string,
    readonly offset: number,
    readonly detail: string,
  ) {
    super(`${file}: ${detail} at byte offset ${offset}`);
  }
}

export class UsageError extends Mip6Error {
  override name = 'UsageError';
  readonly code = 'M6_ERR_USAGE';
}

export class ConfigError extends Mip6Error {
  override name = 'ConfigError';
  readonly code = 'M6_ERR_CONFIG';
}

export class ProbeTargetError extends Mip6Error {
  override name = 'ProbeTargetError';
  readonly code = 'M6_ERR_TARGET_UNREACHABLE';
  override readonly exit = 4;
}

export class PeerMissingError extends Mip6Error {
  override name = 'PeerMissingError';
  readonly code = 'M6_ERR_PEER_MISSING';
}
