import yargs from 'yargs';
import { Mip6Error } from '../util/errors.js';
import { EXIT_HELP } from './options.js';
import { auditCommand } from './audit.js';
import { decodeCommand } from './decode.js';
import { explainCommand } from './explain.js';
import { listCommand } from './list.js';
import { probeCommand } from './probe.js';
import { serveCommand } from './serve.js';
import { demoCommand, selftestCommand } from './selftest.js';

/** Builds the CLI and runs it; returns the process exit code. Tool errors print one line, never a stack. */
export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const setCode = (c: number) => {
    code = c;
  };
  try {
    await yargs(argv)
      .scriptName('mip6-conform')
      .usage('$0 <command> [options]\n\nConformance tester for Mobile IPv6 bootstrapping (RFC 6611 and friends).')
      .command(auditCommand(setCode))
      .command(decodeCommand(setCode))
      .command(listCommand(setCode))
      .command(explainCommand(setCode))
      .command(probeCommand(setCode))
      .command(serveCommand(setCode))
      .command(selftestCommand(setCode))
      .command(demoCommand(setCode))
      .demandCommand(1, 'name a command (try: mip6-conform audit)')
      .strict()
      .epilogue(EXIT_HELP)
      .help()
      .version(false)
      .fail((msg, err) => {
        if (err) throw err;
        throw new UsageErrorFromYargs(msg);
      })
      .parseAsync();
  } catch (e) {
    if (e instanceof UsageErrorFromYargs) {
      process.stderr.write(`mip6-conform: ${e.message}\nTry 'mip6-conform --help'.\n`);
      return 2;
    }
    if (e instanceof Mip6Error) {
      process.stderr.write(`mip6-conform: ${e.code}: ${e.message}\n`);
      return e.exit;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && err.code.startsWith('E')) {
      process.stderr.write(`mip6-conform: ${err.code}: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`mip6-conform: internal error: ${err?.message ?? String(e)}\n`);
    if (process.env.MIP6_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
    return 2;
  }
  return code;
}

class UsageErrorFromYargs extends Error {}
