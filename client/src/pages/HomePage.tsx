import { LoadingMessage } from '../components/LoadingMessage';
import { QueryError } from '../components/QueryState';
import { useMe } from '../features/auth/auth.queries';
import { AnonymousHome } from '../features/home/AnonymousHome';
import { RoleHome } from '../features/home/RoleHome';
import { useDocumentTitle } from '../lib/document-title';

/**
 * `/home`: where signing in lands. For each kind of organisation the person belongs to, what
 * it has on the go and what to do next; for someone not signed in, what Impact Atlas is and
 * the way in for each role.
 */
export function HomePage() {
  const me = useMe();
  useDocumentTitle(me.data ? 'Your home' : 'Welcome');
  return (
    <div className="page">
      <div className="page__inner page__inner--wide" data-testid="home-page">
        {me.isPending ? (
          <LoadingMessage>Loading…</LoadingMessage>
        ) : me.isError ? (
          <QueryError title="Your sign-in could not be checked" query={me} />
        ) : me.data ? (
          <RoleHome me={me.data} />
        ) : (
          <AnonymousHome />
        )}
      </div>
    </div>
  );
}
