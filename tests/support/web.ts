import { readFile } from 'node:fs/promises';
import path from 'node:path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import type { Runtime } from '../../bootstrap/container.ts';
import { parseSeedFile } from '../../bootstrap/seeding/seed-file.ts';
import { Seeder } from '../../bootstrap/seeding/seeder.ts';
import { testConfig } from './runtime.ts';

const SEED_FILE = path.resolve(import.meta.dirname, '../../bootstrap/seed_data.yaml');

/** The password of every account of the demo catalogue (bootstrap/seed_data.yaml). */
export const DEMO_PASSWORD = 'change-me-now';

/** Loads the demo catalogue (users of each role, categories, published themes and drafts) through the seed CLI's Seeder. */
export async function loadDemoCatalogue(runtime: Runtime): Promise<void> {
  const { plan, errors } = parseSeedFile(parseYaml(await readFile(SEED_FILE, 'utf8')));
  if (errors.length) throw new Error(errors.join('\n'));
  await new Seeder(runtime, testConfig(), path.dirname(SEED_FILE)).apply(plan, () => undefined);
}

/** The hidden CSRF field of the first form on a page. */
export function csrfOf(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF field on the page');
  return token;
}

/**
 * A browser without JavaScript: keeps cookies (supertest's agent), reads each page's form token,
 * and posts forms as a browser does.
 */
export class PageClient {
  readonly agent: ReturnType<typeof request.agent>;

  constructor(app: Parameters<typeof request.agent>[0]) {
    this.agent = request.agent(app);
  }

  get(path: string) {
    return this.agent.get(path).redirects(0);
  }

  /** Loads `from` for its token, then posts `fields` to `action` with it. */
  async post(from: string, action: string, fields: Record<string, string> = {}) {
    const page = await this.agent.get(from);
    return this.agent.post(action).type('form').send({ _csrf: csrfOf(page.text), ...fields }).redirects(0);
  }

  async signIn(login: string, password = DEMO_PASSWORD, next = '/') {
    return this.post('/sign-in', '/sign-in', { login, password, next });
  }
}
