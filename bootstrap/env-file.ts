import { existsSync } from 'node:fs';
import { loadConfig, type Config } from './config.ts';

/**
 * The configuration of a command (the server and every CLI): ./.env when present (variables already
 * set in the environment win), then the environment, validated (ConfigError names a bad variable).
 */
export function commandConfig(file = '.env'): Config {
  if (existsSync(file)) process.loadEnvFile(file);
  return loadConfig();
}
