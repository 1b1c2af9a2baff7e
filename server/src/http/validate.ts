import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { AppError } from '../lib/app-error';

// NUL and unpaired surrogates: valid in a JS string, refused by PostgreSQL's text and json.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Paths of strings (values or keys) PostgreSQL could not store, anywhere in a payload. */
function unstorable(value: unknown, path: (string | number)[] = []): string[] {
  if (typeof value === 'string') return UNSTORABLE.test(value) ? [path.join('.')] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => unstorable(v, [...path, i]));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) =>
      UNSTORABLE.test(k) ? [[...path, k].join('.')] : unstorable(v, [...path, k]),
    );
  }
  return [];
}

/**
 * Parses one part of the request with its shared schema and hands the *parsed* value on
 * in `res.locals[part]`; a failure is the client's, so it becomes `validation_failed`.
 */
export function validate<S extends z.ZodType>(
  part: 'query' | 'params' | 'body',
  schema: S,
): RequestHandler {
  return (req, res, next) => {
    // Path parameters have schemas of their own that never reach SQL unmatched.
    const bad = part === 'params' ? [] : unstorable(req[part]);
    if (bad.length > 0) {
      throw new AppError(
        'validation_failed',
        400,
        `The request is not valid: ${bad.join(', ')}: contains a NUL or an unpaired surrogate`,
        bad.map((path) => ({ path, message: 'must not contain NUL or unpaired surrogates' })),
      );
    }
    const result = schema.safeParse(req[part]);
    if (!result.success) {
      const details = result.error.issues.map((i) => ({
        path: i.path.join('.'),
        message: i.message,
      }));
      const summary = details
        .map((d) => (d.path ? `${d.path}: ${d.message}` : d.message))
        .join('; ');
      throw new AppError('validation_failed', 400, `The request is not valid: ${summary}`, details);
    }
    res.locals[part] = result.data;
    next();
  };
}

/** The parsed value `validate(part, schema)` stored for this request. */
export function parsed<S extends z.ZodType>(
  res: { locals: Record<string, unknown> },
  part: 'query' | 'params' | 'body',
  _schema: S,
): z.infer<S> {
  return res.locals[part] as z.infer<S>;
}
