/** One service identifier per port. Use-cases are identified by their own class. */
export const TYPES = {
  Config: Symbol.for('Config'),
  Logger: Symbol.for('Logger'),
  UserRepo: Symbol.for('UserRepo'),
  RefreshTokenRepo: Symbol.for('RefreshTokenRepo'),
  AuditLog: Symbol.for('AuditLog'),
  Transaction: Symbol.for('Transaction'),
  DatabaseHealth: Symbol.for('DatabaseHealth'),
  ObjectStore: Symbol.for('ObjectStore'),
  TokenIssuer: Symbol.for('TokenIssuer'),
  PasswordHasher: Symbol.for('PasswordHasher'),
  Clock: Symbol.for('Clock'),
  Ids: Symbol.for('Ids'),
  LoginPolicy: Symbol.for('LoginPolicy'),
} as const;
