import { Router, type RequestHandler } from 'express';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Every API route is declared through here, so the app knows its own route table:
 * the access-matrix test compares it with its expectations, and a route added without
 * an entry there fails the suite.
 */
export class RouteTable {
  readonly routes: string[] = [];

  /** A router mounted at `/api${base}` whose routes are recorded as `METHOD /api/base/path`. */
  router(base: string) {
    const router = Router();
    const declare =
      (method: Method) =>
      (path: string, ...handlers: RequestHandler[]) => {
        this.routes.push(`${method.toUpperCase()} /api${base}${path === '/' ? '' : path}`);
        router[method](path, ...handlers);
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
