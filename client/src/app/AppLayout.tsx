import {
  lazy,
  Suspense,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { LoadingMessage } from '../components/LoadingMessage';
import { AccountNav } from '../features/auth/AccountNav';
import { useMe } from '../features/auth/auth.queries';
import { PageErrorBoundary } from './PageErrorBoundary';
import './header.css';

// Only for someone signed in, and fetched then: the landing page carries none of it.
const NotificationsNav = lazy(() =>
  import('../features/notifications/NotificationsNav').then((m) => ({
    default: m.NotificationsNav,
  })),
);

/** The id of every page's main landmark, where the skip link takes the focus. */
const MAIN_CONTENT_ID = 'main-content';

/**
 * The first thing on every page (GOV.UK's skip link): hidden until focused, it moves the
 * focus past the header's links to the page itself.
 */
function SkipLink() {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    // Focused in place rather than followed: a `#main-content` in the address would outlive
    // the page it was meant for.
    event.preventDefault();
    const main = document.getElementById(MAIN_CONTENT_ID);
    main?.focus();
    main?.scrollIntoView({ block: 'start' });
  }
  return (
    <a href={`#${MAIN_CONTENT_ID}`} className="skip-link" onClick={handleClick}>
      Skip to main content
    </a>
  );
}

/**
 * The frame around every page: a skip link, the header with the product's name and
 * navigation (behind a Menu button on narrow screens), then the page.
 */
export function AppLayout() {
  const { pathname } = useLocation();
  const signedIn = Boolean(useMe().data);
  // The menu stays open on the page it was opened on: a link followed from it closes it.
  const [menuOpenOn, setMenuOpenOn] = useState<string | undefined>(undefined);
  const menuOpen = menuOpenOn === pathname;
  const menuButtonRef = useRef<HTMLButtonElement>(null);
  const navId = useId();

  function handleMenuClick() {
    setMenuOpenOn(menuOpen ? undefined : pathname);
  }

  function handleNavKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key !== 'Escape' || !menuOpen) return;
    setMenuOpenOn(undefined);
    menuButtonRef.current?.focus();
  }

  return (
    <div className="app">
      <SkipLink />
      <header className="app-header">
        <div className="app-header__bar">
          <div className="app-header__brand">
            <h1 className="app-header__title">
              <Link to="/">Impact Atlas</Link>
            </h1>
            <p className="app-header__tagline">
              The social value of UK public contracts, by policing territory
            </p>
          </div>
          <button
            ref={menuButtonRef}
            type="button"
            className="app-header__menu-button"
            aria-expanded={menuOpen}
            aria-controls={navId}
            onClick={handleMenuClick}
            data-testid="menu-button"
          >
            Menu
            <span className="app-header__menu-icon" aria-hidden="true" />
          </button>
        </div>
        <nav
          id={navId}
          className={menuOpen ? 'app-nav app-nav--open' : 'app-nav'}
          aria-label="Main"
          onKeyDown={handleNavKeyDown}
        >
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
            <li>
              <NavLink to="/open-data" data-testid="nav-open-data">
                Open data
              </NavLink>
            </li>
            {signedIn ? (
              <Suspense fallback={null}>
                <NotificationsNav />
              </Suspense>
            ) : null}
            <AccountNav />
          </ul>
        </nav>
      </header>
      {/* Focusable (not in the Tab order) so that the skip link can move the focus here. */}
      <main id={MAIN_CONTENT_ID} className="app-main" tabIndex={-1}>
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
