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

/** A command that cannot go on, for a reason its user can fix: printed without a stack trace, exit code 1. */
export class CommandFailed extends Error {}

/** Stops on a misused command line: what is wrong, then the usage, on stderr; exit code 2. */
export function usageError(message: string, usage: string): never {
  process.stderr.write(`${message}\n\n${usage.trim()}\n`);
  process.exit(2);
}

/**
 * A secret typed at the terminal: the prompt goes to stderr and nothing typed is echoed. Ctrl-C
 * exits 130, as the shell's own interrupt would.
 */
export function promptHidden(prompt: string, input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  return new Promise((resolve) => {
    // Raw mode (no echo) before the prompt shows: what is typed after it is never echoed.
    input.setRawMode(true);
    output.write(prompt);
    let typed = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') {
          input.setRawMode(false);
          output.write('\n');
          process.exit(130);
        }
        if (char === '\u007f' || char === '\b') typed = Array.from(typed).slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    input.resume();
    input.on('data', onData);
  });
}

/** The first line of a piped standard input, without its line ending. */
export async function firstLineOf(input: NodeJS.ReadableStream = process.stdin): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += chunk.toString();
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] ?? '';
}
