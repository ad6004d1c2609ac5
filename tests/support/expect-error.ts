import { expect } from 'chai';

/** Awaits a promise that must reject, and returns the error for further assertions. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(Error);
    return error as Error & { code?: string };
  }
  expect.fail('expected the promise to reject');
}
