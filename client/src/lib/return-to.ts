import type { Location } from 'react-router-dom';

/** What a link to the sign-in or sign-up page carries in its `state`: where to come back to. */
export interface ReturnState {
  from: string;
}

const AUTH_PAGES = new Set(['/sign-in', '/sign-up']);

/** The state to give a link to sign in or up, so that success comes back to this page. */
export function returnStateFrom(location: Location): ReturnState {
  // Coming from one auth page to the other keeps the first one's destination.
  if (AUTH_PAGES.has(location.pathname)) return { from: returnPath(location.state) };
  return { from: `${location.pathname}${location.search}${location.hash}` };
}

/**
 * Where to go after signing in or up: the page the person came from, if the navigation state
 * names a path on this site, else the map. Anything else (`//evil.example`) is ignored.
 */
export function returnPath(state: unknown): string {
  const from =
    typeof state === 'object' && state !== null ? (state as Partial<ReturnState>).from : undefined;
  // Browsers read `/\host` as `//host`: another site, which is never a place to come back to.
  if (typeof from !== 'string' || !/^\/(?![/\\])/.test(from)) return '/';
  const pathname = from.split(/[?#]/, 1)[0] ?? '/';
  return AUTH_PAGES.has(pathname) ? '/' : from;
}
