import { useId } from 'react';
import { Link } from 'react-router-dom';
import type { OrganisationKind } from '@shared/schemas/accounts';
import { formatGbp } from '@shared/money';
import { formatCount } from '../activities/activity-format';
import { useCoverage } from '../coverage/coverage.queries';
import './home.css';

const ROLES: { kind: OrganisationKind; title: string; who: string; does: string }[] = [
  {
    kind: 'provider',
    title: 'Providers',
    who: 'Charities, social enterprises and community groups.',
    does:
      'List the activities you run, the difference they make and what they need. Suppliers ' +
      'bidding for public contracts offer support, which you accept or decline.',
  },
  {
    kind: 'supplier',
    title: 'Suppliers',
    who: 'Companies bidding for public contracts.',
    does:
      'Find community activities in a tender’s territories and commit support to them in a ' +
      'Social Purchase Order, confirmed by their providers and sealed with your bid.',
  },
  {
    kind: 'buyer',
    title: 'Buyers',
    who: 'Police, NHS, council, fire and justice procurement teams.',
    does:
      'Publish tenders with a One in a Million baseline, evaluate the social value in each ' +
      'bid, award, and see what contracts commit spread across your territories.',
  },
];

/** Across the UK, what awarded contracts commit, from the public coverage figures. */
function UkFigures() {
  const coverage = useCoverage();
  if (!coverage.data) return null;
  const listed = coverage.data.reduce((sum, t) => sum + t.activitiesListed, 0);
  const supported = coverage.data.reduce((sum, t) => sum + t.activitiesSupported, 0);
  const committed = coverage.data.reduce((sum, t) => sum + t.committedPence, 0);
  return (
    <p className="home-figures" data-testid="home-uk-figures">
      Across the UK today: <strong>{formatCount(listed)}</strong> community activities listed,{' '}
      <strong>{formatCount(supported)}</strong> supported by awarded contracts, which commit{' '}
      <strong>{formatGbp(committed)}</strong> a year.
    </p>
  );
}

/** The home page of someone not signed in: what Impact Atlas is, for whom, and the ways in. */
export function AnonymousHome() {
  const rolesId = useId();
  const exploreId = useId();
  return (
    <div className="home" data-testid="home-anonymous">
      <h2>Social value from public contracts, where it is needed</h2>
      <p className="home__lead">
        Impact Atlas puts the social value of UK public contracts on a map of the 45 policing
        territories. Community activities show what they achieve and need; companies that win public
        contracts commit support to them; public buyers see that support spread across their area.
      </p>
      <UkFigures />

      <section className="home-section" aria-labelledby={rolesId}>
        <h3 id={rolesId}>Who it is for</h3>
        <ul className="home-roles">
          {ROLES.map((role) => (
            <li key={role.kind} className="home-role" data-testid={`home-role-${role.kind}`}>
              <h4>{role.title}</h4>
              <p>{role.who}</p>
              <p>{role.does}</p>
              <Link className="button" to={`/sign-up?as=${role.kind}`}>
                Create a {role.kind} account
              </Link>
            </li>
          ))}
        </ul>
        <p>
          Already have an account?{' '}
          <Link to="/sign-in" state={{ from: '/home' }}>
            Sign in
          </Link>{' '}
          to see what your organisation has to do.
        </p>
      </section>

      <section className="home-section" aria-labelledby={exploreId}>
        <h3 id={exploreId}>Look around without an account</h3>
        <ul className="home-explore">
          <li>
            <Link to="/activities">Browse community activities</Link>: what they do, where, and what
            they need.
          </li>
          <li>
            <Link to="/coverage">See coverage by territory</Link>: what awarded contracts commit,
            and where no activity is supported yet.
          </li>
          <li>
            <Link to="/tenders?status=open">Read the tenders open for bids</Link> and their social
            value baselines.
          </li>
          <li>
            <Link to="/">Explore the map of territories</Link>.
          </li>
          <li>
            <Link to="/calculators">Work out One in a Million and TOMs values</Link>.
          </li>
        </ul>
      </section>
    </div>
  );
}
