import { stopServices } from './services.ts';

/** Mocha root hooks: the shared test services stop once, after every suite. */
export const mochaHooks = {
  async afterAll(this: Mocha.Context) {
    this.timeout(60_000);
    await stopServices();
  },
};
