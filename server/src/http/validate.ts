import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { AppError } from '../lib/app-error';

/**
 * Parses one part of the request with its shared schema and hands the *parsed* value on
 * in `res.locals[part]`; a failure is the client's, so it becomes `validation_failed`.
 */
export function validate<S extends z.ZodType>(
  part: 'query' | 'params' | 'body',
  schema: S,
): RequestHandler {
  return (req, res, next) => {
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
