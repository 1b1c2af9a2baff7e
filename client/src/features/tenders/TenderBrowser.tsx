import { useId, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { TenderStatuses } from '@shared/schemas/tenders';
import { SelectField } from '../../components/SelectField';
import { useMe } from '../auth/auth.queries';
import { organisationsOfKind } from '../auth/memberships';
import { useTerritories } from '../territories/territories.queries';
import { TENDER_STATUS_LABELS } from './tender-labels';
import { TenderList } from './TenderList';
import { TENDER_FILTER_KEYS, TENDER_PAGE_SIZE, useTenderSearch } from './useTenderSearch';

/**
 * The tenders page: published tenders with filters (status, territory, buyer, text) and
 * paging, all in the URL; a buyer's members also find their drafts and start new tenders.
 */
export function TenderBrowser() {
  const { filters, page, setFilters, clearFilters, setPage } = useTenderSearch();
  const me = useMe();
  const territories = useTerritories();
  const buyers = organisationsOfKind(me.data, 'buyer');
  const headingId = useId();
  const searchId = useId();
  const [text, setText] = useState(filters.q ?? '');
  const [appliedQ, setAppliedQ] = useState(filters.q);
  // The search box follows the URL when it changes from elsewhere (Clear filters, Back).
  if (filters.q !== appliedQ) {
    setAppliedQ(filters.q);
    setText(filters.q ?? '');
  }

  const territoryOptions = useMemo(
    () =>
      (territories.data?.features.map((f) => f.properties) ?? []).sort((a, b) =>
        a.name.localeCompare(b.name, 'en-GB'),
      ),
    [territories.data],
  );
  // Drafts are listed only for their own buyer's members.
  const statuses = TenderStatuses.filter((status) => status !== 'draft' || filters.buyer);
  const filtered = TENDER_FILTER_KEYS.some((key) => filters[key] !== undefined);

  function handleBuyerChange(buyer: string) {
    // Drafts are listed only alongside their buyer: without one, the choice means nothing.
    const status = !buyer && filters.status === 'draft' ? undefined : filters.status;
    setFilters({ buyer: buyer || undefined, status });
  }

  function handleSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFilters({ q: text.trim() || undefined });
  }

  return (
    <div className="page">
      <section className="page__inner page__inner--wide" aria-labelledby={headingId}>
        <div className="page__head">
          <div>
            <h2 id={headingId}>Tenders</h2>
            <p className="page__intro">
              Public contracts asking for social value: each sets a One in a Million baseline that
              suppliers meet by committing support to community activities.
            </p>
          </div>
          {buyers.length > 0 ? (
            <Link className="button" to="/tenders/new" data-testid="new-tender">
              New tender
            </Link>
          ) : null}
        </div>

        <form
          className="activity-filters tender-filters"
          role="search"
          aria-label="Filter tenders"
          onSubmit={handleSearch}
        >
          <div className="activity-filters__search">
            <label className="field__label" htmlFor={searchId}>
              Search tenders
            </label>
            <div className="activity-filters__search-row">
              <input
                id={searchId}
                className="field__input"
                type="search"
                name="q"
                value={text}
                maxLength={100}
                onChange={(event) => setText(event.target.value)}
              />
              <button type="submit" className="button">
                Search
              </button>
            </div>
          </div>
          <SelectField
            label="Status"
            name="status"
            value={filters.status ?? ''}
            onChange={(event) => setFilters({ status: event.target.value || undefined })}
          >
            <option value="">{filters.buyer ? 'Any status' : 'Any published status'}</option>
            {statuses.map((status) => (
              <option key={status} value={status}>
                {TENDER_STATUS_LABELS[status]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Territory"
            name="territory"
            value={filters.territory ?? ''}
            onChange={(event) => setFilters({ territory: event.target.value || undefined })}
            disabled={territories.isPending}
          >
            <option value="">
              {territories.isError ? 'All (territories could not be loaded)' : 'All territories'}
            </option>
            {territoryOptions.map((territory) => (
              <option key={territory.code} value={territory.code}>
                {territory.name}
              </option>
            ))}
          </SelectField>
          {buyers.length > 0 ? (
            <SelectField
              label="Buyer"
              name="buyer"
              value={filters.buyer ?? ''}
              onChange={(event) => handleBuyerChange(event.target.value)}
            >
              <option value="">All buyers</option>
              {buyers.map((buyer) => (
                <option key={buyer.id} value={buyer.id}>
                  {buyer.name} (drafts included)
                </option>
              ))}
            </SelectField>
          ) : null}
          {filtered ? (
            <div className="activity-filters__clear">
              <button type="button" className="button button--secondary" onClick={clearFilters}>
                Clear filters
              </button>
            </div>
          ) : null}
        </form>

        <TenderList
          params={{ ...filters, page, pageSize: TENDER_PAGE_SIZE }}
          filtered={filtered}
          onPageChange={setPage}
          onClearFilters={clearFilters}
        />
      </section>
    </div>
  );
}
