import type { Actor, PersonActor } from './actor';
import { AppError } from './app-error';

/** Signed in, or 401. */
export function requirePerson(actor: Actor): PersonActor {
  if (actor.kind !== 'person') throw new AppError('unauthenticated', 401, 'Sign in to do this');
  return actor;
}

/**
 * Turns a policy's answer into the response: 401 for someone not signed in,
 * 403 for someone signed in who may not.
 */
export function authorize(actor: Actor, allowed: boolean, what: string): void {
  if (allowed) return;
  requirePerson(actor);
  throw new AppError('forbidden', 403, `You may not ${what}`);
}
