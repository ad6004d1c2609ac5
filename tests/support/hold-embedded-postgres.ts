/**
 * Another process's use of the embedded PostgreSQL of DATA_DIR (the first argument), as the server
 * (`server`) or the seed and migrate CLIs (`cli`, the default) make it: started if needed, and held
 * until standard input closes. Prints "ready" once held.
 */
import { pino } from 'pino';
import { startEmbeddedPostgres } from '../../bootstrap/embedded-postgres.ts';

const postgres = await startEmbeddedPostgres(process.argv[2]!, pino({ level: 'silent' }), process.argv[3] === 'server' ? 'server' : 'cli');
process.stdout.write('ready\n');
process.stdin.resume();
process.stdin.on('end', () => void postgres.stop().then(() => process.exit(0)));
