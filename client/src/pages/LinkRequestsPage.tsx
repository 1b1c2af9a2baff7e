import { LinkRequestInbox } from '../features/link-requests/LinkRequestInbox';
import { useDocumentTitle } from '../lib/document-title';

/** `/link-requests`: the provider inbox of SPO lines offering support to its activities. */
export function LinkRequestsPage() {
  useDocumentTitle('Link requests');
  return <LinkRequestInbox />;
}
