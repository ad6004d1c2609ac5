/** A column's value written as SQL with its own parameters, e.g. `sqlValue('?::jsonb', json)`. */
export class SqlValue {
  constructor(
    readonly sql: string,
    readonly params: unknown[],
  ) {}
}

export function sqlValue(sql: string, ...params: unknown[]): SqlValue {
  return new SqlValue(sql, params);
}

/** Columns named beside their values: a plain value becomes a parameter, an SqlValue is written as it is. */
export type Columns = Record<string, unknown>;

export type Statement = { sql: string; params: unknown[] };

function assignments(columns: Columns): { column: string; sql: string; params: unknown[] }[] {
  return Object.entries(columns).map(([column, value]) =>
    value instanceof SqlValue ? { column, sql: value.sql, params: value.params } : { column, sql: '?', params: [value] },
  );
}

/** `insert into <table> (a, b) values (?, ?)`. Table and column names come from code, never from input. */
export function insertInto(table: string, columns: Columns): Statement {
  const values = assignments(columns);
  return {
    sql: `insert into ${table} (${values.map((v) => v.column).join(', ')}) values (${values.map((v) => v.sql).join(', ')})`,
    params: values.flatMap((v) => v.params),
  };
}

/** `update <table> set a = ?, b = ? where c = ? and d = ?`. */
export function update(table: string, columns: Columns, where: Columns): Statement {
  const set = assignments(columns);
  const conditions = assignments(where);
  return {
    sql: `update ${table} set ${set.map((v) => `${v.column} = ${v.sql}`).join(', ')} where ${conditions.map((v) => `${v.column} = ${v.sql}`).join(' and ')}`,
    params: [...set, ...conditions].flatMap((v) => v.params),
  };
}
