import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { AppError } from '../lib/app-error';

// NUL and unpaired surrogates: valid in a JS string, refused by PostgreSQL's text and json.
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// No payload of ours nests this deep; a deeper one is refused before anything walks it.
const MAX_DEPTH = 32;

/**
 * Paths of strings (values or keys) PostgreSQL could not store, anywhere in a payload.
 * Walked with a stack of its own, not by recursion, so that no nesting exhausts Node's.
 */
function unstorable(payload: unknown): string[] {
  const found: string[] = [];
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: payload, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) found.push(path.join('.'));
    } else if (value && typeof value === 'object') {
      if (path.length >= MAX_DEPTH) throw tooDeep();
      const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
      for (const [k, v] of entries) {
        if (typeof k === 'string' && UNSTORABLE.test(k)) found.push([...path, k].join('.'));
        else stack.push({ value: v, path: [...path, k] });
      }
    }
  }
  return found.sort();
}

const tooDeep = () =>
  new AppError('validation_failed', 400, `The request nests deeper than ${MAX_DEPTH} levels`, [
    { path: '', message: `must not nest deeper than ${MAX_DEPTH} levels` },
  ]);

export type RequestPart = 'query' | 'params' | 'body';

/** What a `validate()` middleware checks: read by the route table to document each route. */
export interface Validates {
  part: RequestPart;
  schema: z.ZodType;
}

const VALIDATES = Symbol('validates');

/** The part and schema a handler made by `validate()` checks; undefined for any other handler. */
export function validatesOf(handler: RequestHandler): Validates | undefined {
  return (handler as RequestHandler & { [VALIDATES]?: Validates })[VALIDATES];
}

/**
 * Parses one part of the request with its shared schema and hands the *parsed* value on
 * in `res.locals[part]`; a failure is the client's, so it becomes `validation_failed`.
 * The handler carries its part and schema, so the route table (and from it the OpenAPI
 * document) knows every route's request without a second declaration.
 */
export function validate<S extends z.ZodType>(part: RequestPart, schema: S): RequestHandler {
  const handler: RequestHandler = (req, res, next) => {
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
  return Object.assign(handler, { [VALIDATES]: { part, schema } satisfies Validates });
}

/** The parsed value `validate(part, schema)` stored for this request. */
export function parsed<S extends z.ZodType>(
  res: { locals: Record<string, unknown> },
  part: RequestPart,
  _schema: S,
): z.infer<S> {
  return res.locals[part] as z.infer<S>;
}
