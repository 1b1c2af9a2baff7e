import { useId, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { TenderStatuses } from '@shared/schemas/tenders';
import { ChoiceFilter } from '../../components/ChoiceFilter';
import { SearchField, useSearchText } from '../../components/SearchField';
import { useMe } from '../auth/auth.queries';
import { organisationsOfKind } from '../auth/memberships';
import { TerritoryFilter } from '../territories/TerritoryFilter';
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
  const buyers = organisationsOfKind(me.data, 'buyer');
  const headingId = useId();
  const [text, setText] = useSearchText(filters.q);
  // Drafts are listed only for their own buyer's members.
  const statuses = TenderStatuses.filter((status) => status !== 'draft' || filters.buyer).map(
    (status) => [status, TENDER_STATUS_LABELS[status]] as const,
  );
  const filtered = TENDER_FILTER_KEYS.some((key) => filters[key] !== undefined);

  function handleBuyerChange(buyer: string | undefined) {
    // Drafts are listed only alongside their buyer: without one, the choice means nothing.
    const status = !buyer && filters.status === 'draft' ? undefined : filters.status;
    setFilters({ buyer, status });
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
          <SearchField
            label="Search tenders"
            name="q"
            value={text}
            onChange={setText}
            maxLength={100}
          />
          <ChoiceFilter
            label="Status"
            name="status"
            value={filters.status}
            onChange={(status) => setFilters({ status })}
            anyLabel={filters.buyer ? 'Any status' : 'Any published status'}
            options={statuses}
          />
          <TerritoryFilter
            value={filters.territory}
            onChange={(territory) => setFilters({ territory })}
          />
          {buyers.length > 0 ? (
            <ChoiceFilter
              label="Buyer"
              name="buyer"
              value={filters.buyer}
              onChange={handleBuyerChange}
              anyLabel="All buyers"
              options={buyers.map(
                (buyer) => [buyer.id, `${buyer.name} (drafts included)`] as const,
              )}
            />
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
