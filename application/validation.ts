import { z } from 'zod';
import { NotFound, ValidationFailed } from '../domain/errors.ts';

/**
 * The string every input schema is built from (lint refuses a bare `z.string()` in the core).
 * PostgreSQL cannot store a NUL character in text, so it is refused here, once, and the memory and
 * PostgreSQL profiles answer alike: 422 validation_failed, never a driver error.
 */
export function text() {
  return z.string().refine((value) => !value.includes('\0'), 'must not contain a NUL character');
}

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

const PathKey = text().trim().toLowerCase().min(1).max(200);

/**
 * A slug or username taken from a URL, normalised as stored. One that no stored key could equal (a
 * NUL, nothing at all) names nothing: `what` was not found, whatever the adapter.
 */
export function parsePathKey(raw: string, what: string): string {
  const result = PathKey.safeParse(raw);
  if (!result.success) throw new NotFound(what);
  return result.data;
}

function dotted(path: PropertyKey[]): string {
  return path.map(String).join('.') || '(body)';
}
