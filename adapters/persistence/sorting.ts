/** Categories sort by name, case-insensitively, then by id: the same order in every adapter. */
export function byName(x: { name: string; id: string }, y: { name: string; id: string }): number {
  return compare(x.name.toLowerCase(), y.name.toLowerCase()) || compare(x.id, y.id);
}

export function compare(x: string | number, y: string | number): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
