import type { Response } from 'express';
import { ANONYMOUS, type RequestContext } from '../lib/actor';

/** The request's actor and id, as the session middleware left them. */
export function context(res: Response): RequestContext {
  return {
    actor: (res.locals.actor as RequestContext['actor'] | undefined) ?? ANONYMOUS,
    requestId: res.locals.requestId as string,
  };
}
