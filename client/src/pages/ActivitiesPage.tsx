import { ActivityBrowser } from '../features/activities/ActivityBrowser';
import { useDocumentTitle } from '../lib/document-title';

/** `/activities`: browse the marketplace on a map and in a list, with filters in the URL. */
export function ActivitiesPage() {
  useDocumentTitle('Activities');
  return <ActivityBrowser />;
}
