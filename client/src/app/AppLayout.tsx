import { Link, Outlet } from 'react-router-dom';

/** The frame around every page: the header with the product's name, then the page. */
export function AppLayout() {
  return (
    <div className="app">
      <header className="app-header">
        <h1 className="app-header__title">
          <Link to="/">Impact Atlas</Link>
        </h1>
        <p className="app-header__tagline">
          The social value of UK public contracts, by policing territory
        </p>
      </header>
      <main className="app-main">
        <Outlet />
      </main>
    </div>
  );
}
