import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

const HELP = { help: { type: 'boolean', short: 'h' } } as const;

type Values<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>['values'];

/**
 * The flags of a command (the server and every CLI). `--help` prints the usage and exits 0; an
 * unknown flag, a missing value or a stray argument prints what is wrong and the usage, and exits 2
 * (the shell's code for misuse), never a stack trace.
 */
export function parseCommandLine<const O extends ParseArgsOptionsConfig>(usage: string, options: O, args: string[] = process.argv.slice(2)): Values<O> {
  let values: Values<O> & { help?: boolean };
  try {
    values = parseArgs({ args, options: { ...options, ...HELP }, strict: true, allowPositionals: false }).values as Values<O> & { help?: boolean };
  } catch (error) {
    if (!String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS_')) throw error;
    return usageError((error as Error).message, usage);
  }
  if (values.help) {
    process.stdout.write(`${usage.trim()}\n`);
    process.exit(0);
  }
  return values;
}

/** Stops on a misused command line: what is wrong, then the usage, on stderr; exit code 2. */
export function usageError(message: string, usage: string): never {
  process.stderr.write(`${message}\n\n${usage.trim()}\n`);
  process.exit(2);
}

