import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The test run's private temporary directory. Every temporary file of the run goes under it: TMPDIR
 * points here before any other module loads (mocha requires the root hooks first), so the tests'
 * folders, the embedded services and the code under test (upload staging) all land in it, and the
 * root afterAll hook removes it whole. The system's shared temporary directory keeps nothing.
 */
export const RUN_DIR = mkdtempSync(path.join(os.tmpdir(), 'themes-test-run-'));
// Others may pass through (not list): a test runs a server as another OS user in a folder of its own in here.
chmodSync(RUN_DIR, 0o711);
process.env.TMPDIR = RUN_DIR;

export function removeRunDir(): void {
  rmSync(RUN_DIR, { recursive: true, force: true });
}

// Also when the run ends without the root hooks (mocha --dry-run, a bail-out, an interrupted run).
process.once('exit', removeRunDir);
