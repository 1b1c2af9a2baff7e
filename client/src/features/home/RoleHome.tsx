import { Link } from 'react-router-dom';
import type { MeView } from '@shared/schemas/accounts';
import { organisationsOfKind } from '../auth/memberships';
import { BuyerHome } from './BuyerHome';
import { ProviderHome } from './ProviderHome';
import { SupplierHome } from './SupplierHome';
import './home.css';

/** Someone signed in who belongs to no organisation yet: how to join one, and what is open to all. */
function NoOrganisation({ isAdmin }: { isAdmin: boolean }) {
  return (
    <section
      className="home-section"
      aria-labelledby="home-no-organisation"
      data-testid="home-none"
    >
      <h3 id="home-no-organisation">
        {isAdmin ? 'You look after Impact Atlas' : 'You do not belong to an organisation yet'}
      </h3>
      {isAdmin ? (
        <p>
          As an administrator you verify organisations (from their profile pages), and read their
          members and audit trails. You take no part in their listings, bids or tenders.
        </p>
      ) : (
        <p>
          Activities, bids and tenders belong to organisations. An owner can invite you by your
          email address: open the link they send you, signed in, and accept it. Until then you can{' '}
          <Link to="/activities">browse activities</Link>, <Link to="/coverage">see coverage</Link>{' '}
          and <Link to="/tenders">read tenders</Link>.
        </p>
      )}
    </section>
  );
}

/**
 * A signed-in person's home page: a section for each kind of organisation they belong to
 * (provider, supplier, buyer), each with what to do next.
 */
export function RoleHome({ me }: { me: MeView }) {
  const providers = organisationsOfKind(me, 'provider');
  const suppliers = organisationsOfKind(me, 'supplier');
  const buyers = organisationsOfKind(me, 'buyer');
  return (
    <div className="home" data-testid="home-signed-in">
      <h2>Welcome, {me.person.name}</h2>
      <p className="home__lead">
        What your {me.organisations.length === 1 ? 'organisation has' : 'organisations have'} on the
        go, and what to do next.
      </p>
      {me.organisations.length === 0 ? <NoOrganisation isAdmin={me.person.isAdmin} /> : null}
      {providers.length > 0 || suppliers.length > 0 ? (
        <p className="home__lead" data-testid="home-delivery-reports">
          On awarded contracts, suppliers report what they delivered and providers confirm it:{' '}
          <Link to="/delivery-reports">see your delivery reports</Link>.
        </p>
      ) : null}
      {providers.length > 0 ? <ProviderHome providers={providers} /> : null}
      {suppliers.length > 0 ? <SupplierHome suppliers={suppliers} /> : null}
      {buyers.length > 0 ? <BuyerHome buyers={buyers} /> : null}
    </div>
  );
}
