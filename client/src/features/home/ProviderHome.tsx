import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import type { LinkRequestCounts } from '@shared/schemas/tenders';
import { formatGbp } from '@shared/money';
import { QueryError } from '../../components/QueryState';
import { LoadingMessage } from '../../components/LoadingMessage';
import { formatDateTime } from '../../lib/date-time';
import { ActivityStatusBadge } from '../activities/ActivityBadges';
import { pluralise } from '../activities/activity-format';
import type { Membership } from '../auth/memberships';
import { HomeList } from './HomeList';
import { NextStep } from './NextStep';
import { useLinkRequestCounts, useProviderActivities } from './home.queries';

type Counts = LinkRequestCounts['items'][number];

/** One provider's activities, a page at a time, with their status. */
function ProviderActivities({ provider }: { provider: Membership }) {
  const [page, setPage] = useState(1);
  const activities = useProviderActivities(provider.id, page);
  const id = useId();
  return (
    <HomeList
      heading="Your activities"
      id={id}
      query={activities}
      page={page}
      onPageChange={setPage}
      noun={['activity', 'activities']}
      loading="Loading your activities…"
      errorTitle="Your activities could not be loaded"
      data-testid="home-provider-activities"
      empty={
        <p>
          {provider.name} has not listed any activities yet. Listed activities are how suppliers
          bidding for public contracts find you and offer support.
        </p>
      }
    >
      {(activity) => (
        <li key={activity.id} className="home-item">
          <Link to={`/activities/${encodeURIComponent(activity.id)}`}>{activity.title}</Link>{' '}
          <ActivityStatusBadge status={activity.status} atRiskUntil={activity.atRiskUntil} />
          <span className="home-item__meta">
            {activity.territory.name}
            {activity.fundingGapPence > 0
              ? ` · funding gap ${formatGbp(activity.fundingGapPence)} a year`
              : ''}
          </span>
        </li>
      )}
    </HomeList>
  );
}

/** Where one provider's link-up requests stand: waiting for its answer, and answered. */
function RequestSummary({ counts }: { counts: Counts | undefined }) {
  if (!counts || counts.waiting === 0) {
    return (
      <p data-testid="home-requests-waiting" data-count="0">
        No link-up requests are waiting for your answer. When a supplier offers one of your
        activities support in a bid, the request appears here and in{' '}
        <Link to="/link-requests">Link requests</Link>.
      </p>
    );
  }
  return (
    <p data-testid="home-requests-waiting" data-count={counts.waiting}>
      <strong>{pluralise(counts.waiting, 'link-up request')}</strong>{' '}
      {counts.waiting === 1 ? 'is' : 'are'} waiting for your answer
      {counts.nextClosesAt
        ? `; the first tender closes on ${formatDateTime(counts.nextClosesAt)}`
        : ''}
      . You have accepted {formatCountOf(counts.accepted)} and declined{' '}
      {formatCountOf(counts.declined)}.
    </p>
  );
}

const formatCountOf = (n: number) => (n === 0 ? 'none' : String(n));

/** What a provider should do next: answer what is waiting, else keep its activities listed. */
function ProviderNextStep({ waiting }: { waiting: number }) {
  if (waiting > 0) {
    return (
      <NextStep
        action={{ to: '/link-requests', label: 'Answer link-up requests' }}
        data-testid="home-provider-next"
      >
        Accept or decline the {pluralise(waiting, 'request')} waiting before the tenders close: a
        supplier can submit its bid only once every line is accepted.
      </NextStep>
    );
  }
  return (
    <NextStep
      action={{ to: '/activities/new', label: 'List an activity' }}
      data-testid="home-provider-next"
    >
      Keep your activities and their needs up to date, and list any you run that are not here yet:
      suppliers can link only to active or at-risk activities.
    </NextStep>
  );
}

/** The provider part of a person's home page: per provider, its requests and activities. */
export function ProviderHome({ providers }: { providers: Membership[] }) {
  const counts = useLinkRequestCounts();
  const headingId = useId();
  const byProvider = new Map(counts.data?.items.map((c) => [c.provider.id, c]));
  const waiting = counts.data?.items.reduce((sum, c) => sum + c.waiting, 0) ?? 0;
  return (
    <section className="home-section" aria-labelledby={headingId} data-testid="home-provider">
      <h3 id={headingId}>Your community activities</h3>
      <p className="home-section__intro">
        As a provider, you list the activities you run and what they need; suppliers bidding for
        public contracts offer them support, which you accept or decline.
      </p>
      {counts.isPending ? <LoadingMessage>Loading your link-up requests…</LoadingMessage> : null}
      {counts.isError ? (
        <QueryError title="Your link-up requests could not be counted" query={counts} />
      ) : null}
      {counts.data ? <ProviderNextStep waiting={waiting} /> : null}
      {providers.map((provider) => (
        <div key={provider.id} className="home-organisation" data-testid="home-organisation">
          <p className="home-organisation__name">{provider.name}</p>
          {counts.data ? <RequestSummary counts={byProvider.get(provider.id)} /> : null}
          <ProviderActivities provider={provider} />
        </div>
      ))}
    </section>
  );
}
