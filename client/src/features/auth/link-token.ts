import { useEffect, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';

/** What an emailed link's page keeps in its history entry once the token is out of the address. */
interface LinkTokenState {
  linkToken: string;
}

function tokenInState(state: unknown): string | null {
  const token =
    typeof state === 'object' && state !== null
      ? (state as Partial<LinkTokenState>).linkToken
      : undefined;
  return typeof token === 'string' ? token : null;
}

/**
 * The one-time token of an emailed link (`?token=…`), or `''` when the address has none.
 * Once read, the token leaves the address bar: the history entry is replaced by one without
 * it (keeping the token in the entry's state, so that a reload still works), so that it is
 * not shown on screen, bookmarked, synced with the browser's history or copied with the URL.
 * The server's `Referrer-Policy: no-referrer` already keeps it out of other sites' logs.
 */
export function useLinkToken(): string {
  const location = useLocation();
  const navigate = useNavigate();
  const fromAddress = new URLSearchParams(location.search).get('token');
  const [token] = useState(() => fromAddress ?? tokenInState(location.state) ?? '');

  useEffect(() => {
    if (fromAddress === null) return;
    const rest = new URLSearchParams(location.search);
    rest.delete('token');
    const search = rest.toString();
    const state: LinkTokenState = { linkToken: fromAddress };
    void navigate(
      { pathname: location.pathname, search: search ? `?${search}` : '', hash: location.hash },
      { replace: true, state },
    );
  }, [fromAddress, location.pathname, location.search, location.hash, navigate]);

  return token;
}
