import { PostgreSqlConnection, PostgreSqlDriver, type Configuration, type DriverException } from '@mikro-orm/postgresql';
import { Unavailable } from '../../../domain/errors.ts';

/** Told after every statement whether the database answered; it decides what a change is worth logging. */
export type AvailabilityListener = (available: boolean, error?: unknown) => void;

/**
 * What a database that is gone, restarting, overloaded or silent looks like to the driver, as opposed
 * to a statement that is wrong: socket errors, SQLSTATE classes 08 (connection exception) and 53
 * (insufficient resources), shutdowns and cancellations (57: statement_timeout), and pg's own errors,
 * which carry no code.
 */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const SQLSTATE_CLASSES = /^(08|53|57)/;
const PG_MESSAGES = /Connection terminated|not queryable|timeout exceeded when trying to connect|Query read timeout|the database system is (starting up|shutting down|in recovery mode)/i;

function isOutage(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const { code, message, cause } = error as { code?: unknown; message?: unknown; cause?: unknown };
  if (typeof code === 'string' && (SOCKET_CODES.has(code) || (code.length === 5 && SQLSTATE_CLASSES.test(code)))) return true;
  if (typeof message === 'string' && PG_MESSAGES.test(message)) return true;
  return isOutage(cause, depth + 1);
}

/**
 * The PostgreSQL driver, with every statement, BEGIN and COMMIT going through one place that turns
 * an outage into `Unavailable` (so repositories, the transaction port and the health check all
 * fail alike, and the HTTP adapter answers 503) and tells `listener` how each one went.
 */
export function driverTranslatingOutages(listener: AvailabilityListener = () => {}) {
  const watched = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      const result = await work();
      listener(true);
      return result;
    } catch (error) {
      if (error instanceof Unavailable || !isOutage(error)) throw error;
      listener(false, error);
      throw new Unavailable('database', { cause: error });
    }
  };

  class Connection extends PostgreSqlConnection {
    override createKyselyDialect(overrides: Parameters<PostgreSqlConnection['createKyselyDialect']>[0]) {
      return releasingFailedTransactions(super.createKyselyDialect(overrides));
    }
    override execute<T>(...args: Parameters<PostgreSqlConnection['execute']>): Promise<T> {
      return watched(() => super.execute(...args) as Promise<T>);
    }
    override begin(...args: Parameters<PostgreSqlConnection['begin']>) {
      return watched(() => super.begin(...args));
    }
    override commit(...args: Parameters<PostgreSqlConnection['commit']>) {
      return watched(() => super.commit(...args));
    }
  }

  return class extends PostgreSqlDriver {
    constructor(config: Configuration) {
      super(config);
      // The driver builds its connection from a fixed class; this one replaces it before anything connects.
      (this as unknown as { connection: PostgreSqlConnection }).connection = new Connection(this.config);
    }

    // The driver wraps whatever the connection throws into its own exceptions; Unavailable passes as it is.
    override convertException(exception: Error): DriverException {
      return exception instanceof Unavailable ? (exception as unknown as DriverException) : super.convertException(exception);
    }
  };
}

type Dialect = ReturnType<PostgreSqlConnection['createKyselyDialect']>;
type Driver = ReturnType<Dialect['createDriver']>;
type DatabaseConnection = Parameters<Driver['releaseConnection']>[0];

/**
 * Kysely does not give the pooled connection back when BEGIN or ROLLBACK fails (kysely-org/kysely#1990,
 * open): after an outage the pool would stay full of connections nobody holds, and every request
 * would wait for one and answer 503 long after the database is back. They are released here instead
 * (pg's pool discards those whose socket is dead). A failed COMMIT is followed by a ROLLBACK, which
 * releases.
 */
function releasingFailedTransactions(dialect: Dialect): Dialect {
  const releasing = (driver: Driver): Driver => {
    const releaseOnFailure = async (connection: DatabaseConnection, work: () => Promise<void>) => {
      try {
        await work();
      } catch (error) {
        await driver.releaseConnection(connection);
        throw error;
      }
    };
    return {
      init: (options) => driver.init(options),
      acquireConnection: (options) => driver.acquireConnection(options),
      beginTransaction: (connection, settings) => releaseOnFailure(connection, () => driver.beginTransaction(connection, settings)),
      commitTransaction: (connection) => driver.commitTransaction(connection),
      rollbackTransaction: (connection) => releaseOnFailure(connection, () => driver.rollbackTransaction(connection)),
      savepoint: (connection, name, compile) => driver.savepoint!(connection, name, compile),
      rollbackToSavepoint: (connection, name, compile) => driver.rollbackToSavepoint!(connection, name, compile),
      releaseSavepoint: (connection, name, compile) => driver.releaseSavepoint!(connection, name, compile),
      releaseConnection: (connection, options) => driver.releaseConnection(connection, options),
      destroy: (options) => driver.destroy(options),
    };
  };
  // Kysely only calls these four (the dialect keeps its settings in private fields, hence no spread).
  return {
    createDriver: () => releasing(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createAdapter: () => dialect.createAdapter(),
    createIntrospector: (db) => dialect.createIntrospector(db),
  } as Dialect;
}
