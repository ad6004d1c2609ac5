import type { z } from 'zod';
import { ValidationFailed } from '../domain/errors.ts';

/** Parses use-case input with its zod schema; failures become the domain's ValidationFailed with dotted paths. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  throw new ValidationFailed(
    result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: dotted([...issue.path, key]), message: 'is not an accepted field' }))
        : [{ path: dotted(issue.path), message: issue.message }],
    ),
  );
}

function dotted(path: PropertyKey[]): string {
  return path.map(String).join('.') || '(body)';
}
