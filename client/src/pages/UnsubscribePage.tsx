import { UnsubscribePanel } from '../features/notifications/UnsubscribePanel';
import { useDocumentTitle } from '../lib/document-title';

/** `/unsubscribe?p=&k=&t=`: the page an email's unsubscribe link opens. */
export function UnsubscribePage() {
  useDocumentTitle('Stop emails');
  return (
    <div className="page">
      <section className="page__inner page__inner--narrow" aria-labelledby="unsubscribe-heading">
        <h2 id="unsubscribe-heading">Stop emails</h2>
        <UnsubscribePanel />
      </section>
    </div>
  );
}
