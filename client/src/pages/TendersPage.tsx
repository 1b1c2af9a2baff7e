import { TenderBrowser } from '../features/tenders/TenderBrowser';
import { useDocumentTitle } from '../lib/document-title';

/** `/tenders`: published tenders with filters in the URL; buyers' members also see drafts. */
export function TendersPage() {
  useDocumentTitle('Tenders');
  return <TenderBrowser />;
}
