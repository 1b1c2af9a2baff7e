import { Suspense } from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { LoadingMessage } from '../components/LoadingMessage';
import { AccountNav } from '../features/auth/AccountNav';
import { PageErrorBoundary } from './PageErrorBoundary';

/** The frame around every page: the header with the product's name and navigation, then the page. */
export function AppLayout() {
  const { pathname } = useLocation();
  return (
    <div className="app">
      <header className="app-header">
        <div className="app-header__brand">
          <h1 className="app-header__title">
            <Link to="/">Impact Atlas</Link>
          </h1>
          <p className="app-header__tagline">
            The social value of UK public contracts, by policing territory
          </p>
        </div>
        <nav className="app-nav" aria-label="Main">
          <ul>
            <li>
              <NavLink to="/home" data-testid="nav-home">
                Home
              </NavLink>
            </li>
            <li>
              <NavLink to="/" end>
                Map
              </NavLink>
            </li>
            <li>
              <NavLink to="/activities" data-testid="nav-activities">
                Activities
              </NavLink>
            </li>
            <li>
              <NavLink to="/tenders" data-testid="nav-tenders">
                Tenders
              </NavLink>
            </li>
            <li>
              <NavLink to="/coverage" data-testid="nav-coverage">
                Coverage
              </NavLink>
            </li>
            <li>
              <NavLink to="/calculators" data-testid="nav-calculators">
                Calculators
              </NavLink>
            </li>
            <AccountNav />
          </ul>
        </nav>
      </header>
      <main className="app-main">
        {/* Pages load on first visit; the header stays while one does. */}
        <PageErrorBoundary resetKey={pathname}>
          <Suspense fallback={<LoadingMessage>Loading…</LoadingMessage>}>
            <Outlet />
          </Suspense>
        </PageErrorBoundary>
      </main>
    </div>
  );
}
