import { Router, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a route answers when it succeeds: its shared schema, or null for no body (204). */
export interface RouteSpec {
  response: z.ZodType | null;
}

/** A success answer that does not match its route's schema: a bug on our side, said loudly. */
export class ResponseShapeError extends Error {
  constructor(route: string, issues: z.core.$ZodIssue[]) {
    const where = issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ');
    super(`The answer of ${route} does not match its schema: ${where}`);
    this.name = 'ResponseShapeError';
  }
}

/**
 * Checks every success body the route sends against its schema before it leaves (res.json
 * and JSON sent as text both go through `res.send`). Errors and 304s are not checked.
 */
function responseCheck(route: string, schema: z.ZodType | null): RequestHandler {
  return (_req, res, next) => {
    const send = res.send.bind(res);
    res.send = function checkedSend(this: Response, body?: unknown) {
      if (res.statusCode < 300 && body !== undefined) {
        const type = String(res.get('Content-Type') ?? '');
        const value =
          typeof body === 'string' && /json/.test(type)
            ? (JSON.parse(body) as unknown)
            : Buffer.isBuffer(body)
              ? undefined
              : body;
        if (value !== undefined) {
          if (schema === null) {
            throw new ResponseShapeError(route, [
              {
                code: 'custom',
                path: [],
                message: 'this route answers with no body',
                input: value,
              },
            ]);
          }
          const parsed = schema.safeParse(value);
          if (!parsed.success) throw new ResponseShapeError(route, parsed.error.issues);
        }
      }
      return send(body);
    };
    next();
  };
}

/**
 * Every API route is declared through here with the schema of what it answers, so the app
 * knows its own route table: the access-matrix test compares it with its expectations (a
 * route added without an entry there fails the suite), and with `checkResponses` (on in
 * development and tests) every success answer is checked against its schema as it is sent.
 */
export class RouteTable {
  readonly routes: string[] = [];
  /** Each route's response schema, by `METHOD /api/path`. */
  readonly responses = new Map<string, z.ZodType | null>();

  constructor(private readonly options: { checkResponses: boolean } = { checkResponses: true }) {}

  /** A router mounted at `/api${base}` whose routes are recorded as `METHOD /api/base/path`. */
  router(base: string) {
    const router = Router();
    const declare =
      (method: Method) =>
      (path: string, spec: RouteSpec, ...handlers: RequestHandler[]) => {
        const route = `${method.toUpperCase()} /api${base}${path === '/' ? '' : path}`;
        this.routes.push(route);
        this.responses.set(route, spec.response);
        const checks = this.options.checkResponses ? [responseCheck(route, spec.response)] : [];
        router[method](path, ...checks, ...handlers);
      };
    return {
      router,
      get: declare('get'),
      post: declare('post'),
      put: declare('put'),
      patch: declare('patch'),
      delete: declare('delete'),
    };
  }
}
