import { Link, useLocation } from 'react-router-dom';
import { useDocumentTitle } from '../lib/document-title';

/** Any path the client has no page for. */
export function NotFoundPage() {
  const { pathname } = useLocation();
  useDocumentTitle('Page not found');
  return (
    <section className="not-found" aria-labelledby="not-found-heading">
      <h2 id="not-found-heading">Page not found</h2>
      <p>
        There is no page at <code>{pathname}</code>.
      </p>
      <p>
        <Link to="/">Go to the map of UK policing territories</Link>
      </p>
    </section>
  );
}
