// First: every later module must see the run's private TMPDIR.
import { removeRunDir } from './run-dir.ts';
import { stopServices } from './services.ts';

/** Mocha root hooks: the shared test services stop once, after every suite, and the run's temporary files go. */
export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    try {
      await stopServices();
    } finally {
      removeRunDir();
    }
  },
};
