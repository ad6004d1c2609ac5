import type { Logger } from 'pino';
import { SYSTEM } from '../application/actor.ts';
import { CreateFirstAdmin } from '../application/users/create-first-admin.ts';
import { EmailTaken, UsernameTaken } from '../domain/errors.ts';
import { ConfigError, type Config } from './config.ts';
import type { Runtime } from './container.ts';

/**
 * FIRST_ADMIN_EMAIL / FIRST_ADMIN_PASSWORD (and FIRST_ADMIN_USERNAME) at start: the admin of a new
 * installation, created while there is no admin at all, and never again after that.
 */
export async function createFirstAdmin(runtime: Runtime, config: Config, logger: Logger): Promise<void> {
  if (!config.firstAdmin) return;
  try {
    const admin = await runtime.scope(() => runtime.container.get(CreateFirstAdmin).execute(SYSTEM, config.firstAdmin));
    if (admin) logger.info({ username: admin.username, email: admin.email }, 'first admin created from FIRST_ADMIN_EMAIL');
  } catch (error) {
    // Not promoted: anyone could have registered that address before the first start.
    if (error instanceof EmailTaken)
      throw new ConfigError('FIRST_ADMIN_EMAIL: there is no admin yet, and an account that is not an admin already has this email; choose another address, or use npm run create-admin');
    if (error instanceof UsernameTaken)
      throw new ConfigError('FIRST_ADMIN_USERNAME: there is no admin yet, and another account already has this username (default: admin); choose another one');
    throw error;
  }
}
