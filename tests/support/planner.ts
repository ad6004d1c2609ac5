/** Rows the planner believes each table of the current schema has: -1 until it was first analysed (PostgreSQL 14+). */
export const PLANNER_ROWS = `select relname as table, reltuples as rows from pg_class where relkind = 'r' and relnamespace = current_schema()::regnamespace order by relname`;
