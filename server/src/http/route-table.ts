import { Router, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import { isIdempotent } from './idempotency';
import { validatesOf, type RequestPart } from './validate';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** What a route answers when it succeeds: its shared schema, or null for no body (204). */
export interface RouteSpec {
  response: z.ZodType | null;
  /** The success status, when not 200 (or 204 for no body): 201 for a creation, 202 accepted. */
  status?: number;
}

/** Everything the app knows of one declared route: what the OpenAPI document is built from. */
export interface RouteInfo {
  method: Method;
  /** Express's form, `/api/spos/:id`. */
  path: string;
  /** The schemas its `validate()` handlers check, by part. */
  request: Partial<Record<RequestPart, z.ZodType>>;
  response: z.ZodType | null;
  /** The one 2xx status it answers with. */
  status: number;
  /** Whether a rate limit (express-rate-limit) guards it: it may answer 429. */
  rateLimited: boolean;
  /** Whether it takes an `Idempotency-Key` (a key reused for another body is a 422). */
  idempotent: boolean;
}

// express-rate-limit's middleware carries these methods; nothing else of ours does.
function isRateLimit(handler: RequestHandler): boolean {
  return typeof (handler as RequestHandler & { resetKey?: unknown }).resetKey === 'function';
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
function responseCheck(route: string, schema: z.ZodType | null, status: number): RequestHandler {
  return (_req, res, next) => {
    const send = res.send.bind(res);
    res.send = function checkedSend(this: Response, body?: unknown) {
      if (res.statusCode >= 200 && res.statusCode < 300 && res.statusCode !== status) {
        throw new ResponseShapeError(route, [
          {
            code: 'custom',
            path: [],
            message: `answered ${res.statusCode} where the route declares ${status}`,
            input: res.statusCode,
          },
        ]);
      }
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
 * development and tests) every success answer is checked against its schema and status as
 * it is sent. The request schemas come from the `validate()` handlers each route is given.
 */
export class RouteTable {
  readonly routes: string[] = [];
  /** Each route's response schema, by `METHOD /api/path`. */
  readonly responses = new Map<string, z.ZodType | null>();
  /** Each route's method, path, request and response schemas and status, by `METHOD /api/path`. */
  readonly info = new Map<string, RouteInfo>();

  constructor(private readonly options: { checkResponses: boolean } = { checkResponses: true }) {}

  /** A router mounted at `/api${base}` whose routes are recorded as `METHOD /api/base/path`. */
  router(base: string) {
    const router = Router();
    const declare =
      (method: Method) =>
      (path: string, spec: RouteSpec, ...handlers: RequestHandler[]) => {
        const fullPath = `/api${base}${path === '/' ? '' : path}`;
        const route = `${method.toUpperCase()} ${fullPath}`;
        const status = spec.status ?? (spec.response === null ? 204 : 200);
        const request: RouteInfo['request'] = {};
        for (const handler of handlers) {
          const validates = validatesOf(handler);
          if (validates) request[validates.part] = validates.schema;
        }
        this.routes.push(route);
        this.responses.set(route, spec.response);
        this.info.set(route, {
          method,
          path: fullPath,
          request,
          response: spec.response,
          status,
          rateLimited: handlers.some(isRateLimit),
          idempotent: handlers.some(isIdempotent),
        });
        const checks = this.options.checkResponses
          ? [responseCheck(route, spec.response, status)]
          : [];
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
