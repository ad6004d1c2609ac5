import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config.ts';

type Output = NodeJS.WritableStream & { isTTY?: boolean };

/**
 * JSON lines (for log collectors) in production, or when stdout is not a terminal; readable,
 * coloured lines for a person at a terminal otherwise.
 */
export function createLogger(level: string, env: Config['env'], output: Output = process.stdout): Logger {
  const options = { level, base: { service: 'themes-api' }, timestamp: pino.stdTimeFunctions.isoTime };
  if (env === 'production' || !output.isTTY) return pino(options, output);
  return pino(
    options,
    pretty({
      destination: output,
      colorize: true,
      // Synchronous, so that the last lines before an exit are not lost.
      sync: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,service,req,res,responseTime',
      messageFormat: (log, messageKey) => {
        const message = String(log[messageKey]);
        const req = log.req as { method?: string; url?: string } | undefined;
        if (!req) return message;
        const res = log.res as { status?: number } | undefined;
        const answer = res ? ` → ${res.status} in ${String(log.responseTime)} ms` : '';
        return `${req.method} ${req.url}${answer}${message === 'request completed' ? '' : ` — ${message}`}`;
      },
    }),
  );
}
