/**
 * Runs work atomically: every repository write inside `work` commits together or not at all.
 * Nested calls join the outer transaction.
 */
export interface Transaction {
  run<T>(work: () => Promise<T>): Promise<T>;
}
