import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runScript } from '../support/server-process.ts';

const COMMANDS = ['start', 'seed', 'migrate'];
const STACK_FRAME = /^\s+at /m;

describe('every command explains itself', function () {
  this.timeout(60_000);
  let scratch: string;
  let dataDir: string;

  before(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'themes-cli-'));
    // Never created: asking for help or misusing a command starts nothing and writes nothing.
    dataDir = path.join(scratch, 'data');
  });
  after(async () => {
    expect(existsSync(dataDir), 'DATA_DIR').to.equal(false);
    await rm(scratch, { recursive: true, force: true });
  });

  for (const command of COMMANDS) {
    it(`npm run ${command} -- --help prints its usage and exits 0`, async () => {
      const run = await runScript(command, ['--help'], { env: { DATA_DIR: dataDir } });
      expect(run.code, run.out).to.equal(0);
      expect(run.stdout).to.match(new RegExp(`^Usage: npm (run )?${command === 'start' ? 'start' : command}`));
      expect(run.stdout).to.include('-h, --help');
      expect(run.stderr).to.equal('');
    });

    it(`npm run ${command} with an unknown flag names it, prints the usage and exits 2, without a stack trace`, async () => {
      const run = await runScript(command, ['--no-such-flag'], { env: { DATA_DIR: dataDir } });
      expect(run.code, run.out).to.equal(2);
      expect(run.stderr).to.include("Unknown option '--no-such-flag'");
      expect(run.stderr).to.include('Usage: npm');
      expect(run.stderr).to.not.match(STACK_FRAME);
      expect(run.stdout).to.equal('');
    });
  }

  it('a stray argument or a flag without its value is a usage error too', async () => {
    for (const [command, args] of [
      ['migrate', ['now']],
      ['seed', ['--file']],
    ] as const) {
      const run = await runScript(command, [...args], { env: { DATA_DIR: dataDir } });
      expect(run.code, `${command} ${args.join(' ')}: ${run.out}`).to.equal(2);
      expect(run.stderr).to.include('Usage: npm');
      expect(run.stderr).to.not.match(STACK_FRAME);
    }
  });
});
