import type { RequestHandler } from 'express';
import type { z } from 'zod';

/**
 * Parses one part of the request with its shared schema and hands the *parsed* value on
 * in `res.locals[part]`; a failure becomes `validation_failed` through the error handler.
 */
export function validate<S extends z.ZodType>(
  part: 'query' | 'params' | 'body',
  schema: S,
): RequestHandler {
  return (req, res, next) => {
    res.locals[part] = schema.parse(req[part]);
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
