import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder holding package.json and bootstrap/seed_data.yaml. Found by walking up, because this
 * file runs from bootstrap/ (tests, tsx) and from dist/bootstrap/ (npm start, the image).
 */
export const PROJECT_ROOT = findRoot(import.meta.dirname);

function findRoot(dir: string): string {
  if (existsSync(path.join(dir, 'package.json'))) return dir;
  const parent = path.dirname(dir);
  if (parent === dir) throw new Error(`no package.json above ${import.meta.dirname}`);
  return findRoot(parent);
}
