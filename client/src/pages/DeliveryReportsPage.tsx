import { SignInGate } from '../features/auth/SignInGate';
import { DeliveryReportList } from '../features/delivery/DeliveryReportList';
import { useDocumentTitle } from '../lib/document-title';

/**
 * `/delivery-reports`: what suppliers reported delivered on awarded contracts, for the
 * providers to confirm (`?role=answer`, the default) and for the suppliers to follow (`sent`).
 */
export function DeliveryReportsPage() {
  useDocumentTitle('Delivery reports');
  return (
    <div className="page">
      <section className="page__inner" aria-labelledby="delivery-reports-page-heading">
        <h2 id="delivery-reports-page-heading">Delivery reports</h2>
        <p className="page__intro">
          Suppliers report what they delivered on awarded contracts; each activity’s provider
          confirms, part confirms or disputes it. Only confirmed amounts count as delivered.
        </p>
        <SignInGate reason="to see your delivery reports.">
          {() => <DeliveryReportList />}
        </SignInGate>
      </section>
    </div>
  );
}
