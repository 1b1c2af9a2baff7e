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

/** Where someone lands after signing in or up with no particular page to return to. */
export const HOME_PATH = '/home';

/**
 * Where to go after signing in or up: the page the person came from, if the navigation state
 * names a path on this site, else their home page. Coming from the map's front page, which
 * everyone is shown first, counts as coming from nowhere in particular. Anything else
 * (`//evil.example`) is ignored.
 */
export function returnPath(state: unknown): string {
  const from =
    typeof state === 'object' && state !== null ? (state as Partial<ReturnState>).from : undefined;
  // Browsers read `/\host` as `//host`: another site, which is never a place to come back to.
  if (typeof from !== 'string' || !/^\/(?![/\\])/.test(from)) return HOME_PATH;
  const pathname = from.split(/[?#]/, 1)[0] ?? '/';
  return AUTH_PAGES.has(pathname) || pathname === '/' ? HOME_PATH : from;
}
