import { Link } from 'react-router-dom';
import {
  CATEGORY_LABELS,
  COST_AREA_LABELS,
  CostAreas,
  PRIORITY_GROUP_LABELS,
  type ActivityView,
  type ServiceArea,
} from '@shared/schemas/activities';
import { formatGbp } from '@shared/money';
import { QueryError } from '../../components/QueryState';
import { LoadingMessage } from '../../components/LoadingMessage';
import { Paragraphs } from '../../components/Paragraphs';
import { formatInstantDate } from '../../lib/date-time';
import { AtlasMap } from '../map/AtlasMap';
import { useActivitySupporters } from './activities.queries';
import { ActivityActions } from './ActivityActions';
import { ActivityStatusBadge, DemoBadge, ThemeChips, VerifiedBadge } from './ActivityBadges';
import { ActivityPlaceLayer } from './ActivityPlaceLayer';
import {
  CONFIDENCE_LABELS,
  formatCount,
  formatDate,
  formatDecimalGbp,
  pluralise,
} from './activity-format';
import { FrameworkCredit } from '../toms/FrameworkCredit';

function describeServiceArea(area: ServiceArea | null): string {
  if (!area) return 'At its address';
  if (area.type === 'radius') return `Within ${formatCount(area.radiusKm)} km`;
  return 'A drawn area (shown on the map)';
}

function ImpactSection({ activity }: { activity: ActivityView }) {
  const { impact } = activity;
  const costs = CostAreas.flatMap((area) => {
    const cost = impact.costsAvoided[area];
    return cost ? [{ area, ...cost }] : [];
  });
  const { links, evaluationSummary } = impact.evidence;

  return (
    <section className="section" aria-labelledby="impact-heading" data-testid="activity-impact">
      <h2 id="impact-heading">Impact</h2>
      <p>
        Reaches <strong>{pluralise(impact.peopleReachedPerYear, 'person', 'people')}</strong> a
        year.
      </p>

      <h3>Outcomes</h3>
      {impact.outcomes.length === 0 ? (
        <p className="muted">No outcomes recorded yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Outcomes</caption>
          <thead>
            <tr>
              <th scope="col">Outcome</th>
              <th scope="col">Figure</th>
              <th scope="col">Unit</th>
            </tr>
          </thead>
          <tbody>
            {impact.outcomes.map((outcome, index) => (
              <tr key={index}>
                <td>{outcome.label}</td>
                <td className="table__number">{formatCount(outcome.figure)}</td>
                <td>{outcome.unit}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h3>Evidence</h3>
      {links.length === 0 && !evaluationSummary ? (
        <p className="muted">No evidence given yet.</p>
      ) : null}
      {links.length > 0 ? (
        <ul className="activity-page__links">
          {links.map((link, index) => (
            <li key={index}>
              {/* Other sites, chosen by the provider: no referrer, no access back to this page. */}
              <a href={link.url} target="_blank" rel="noopener noreferrer">
                {link.title}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {evaluationSummary ? (
        <div className="activity-page__evaluation">
          <h4>Evaluation summary</h4>
          <Paragraphs text={evaluationSummary} />
        </div>
      ) : null}

      <h3>Secondary impact: public-service costs avoided</h3>
      {costs.length === 0 ? (
        <p className="muted">No estimates of costs avoided yet.</p>
      ) : (
        <table className="table" data-testid="activity-costs-avoided">
          <caption className="visually-hidden">Costs avoided a year, by public service</caption>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">A year</th>
              <th scope="col">How estimated</th>
              <th scope="col">Confidence</th>
            </tr>
          </thead>
          <tbody>
            {costs.map((cost) => (
              <tr key={cost.area}>
                <th scope="row">{COST_AREA_LABELS[cost.area]}</th>
                <td className="table__number">{formatGbp(cost.annualPence)}</td>
                <td>{cost.method}</td>
                <td>{CONFIDENCE_LABELS[cost.confidence]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function NeedsSection({ activity }: { activity: ActivityView }) {
  const { needs } = activity;
  return (
    <section className="section" aria-labelledby="needs-heading" data-testid="activity-needs">
      <h2 id="needs-heading">What it needs</h2>
      <dl className="details">
        <dt>Funding gap</dt>
        <dd>{formatGbp(needs.fundingGapPence)}</dd>
        <dt>Volunteer hours</dt>
        <dd>{pluralise(needs.volunteerHoursPerYear, 'hour')} a year</dd>
        <dt>In-kind support</dt>
        <dd>
          {needs.inKind.length === 0 ? (
            'None asked for'
          ) : (
            <ul className="activity-page__in-kind">
              {needs.inKind.map((item, index) => (
                <li key={index}>{item}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Capacity</dt>
        <dd>{formatGbp(activity.capacityPence)} of support a year</dd>
      </dl>
    </section>
  );
}

function MeasuresSection({ activity }: { activity: ActivityView }) {
  return (
    <section className="section" aria-labelledby="measures-heading" data-testid="activity-measures">
      <h2 id="measures-heading">TOMs measures evidenced</h2>
      {activity.measures.length === 0 ? (
        <p className="muted">No TOMs measures chosen yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">TOMs measures evidenced</caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Measure</th>
              <th scope="col">Unit</th>
              <th scope="col">Proxy value</th>
            </tr>
          </thead>
          <tbody>
            {activity.measures.map((measure) => (
              <tr key={`${measure.framework} ${measure.code}`}>
                <td>
                  <code>{measure.code}</code>
                </td>
                <td>{measure.measure}</td>
                <td>{measure.unit}</td>
                <td className="table__number">{formatDecimalGbp(measure.proxyValueGbp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {activity.measures.length > 0 ? (
        <FrameworkCredit frameworks={activity.measures.map((m) => m.framework)} />
      ) : null}
    </section>
  );
}

function SupportersSection({ activity }: { activity: ActivityView }) {
  const supporters = useActivitySupporters(activity.id);
  let body;
  if (supporters.isPending) {
    body = <LoadingMessage>Loading supporters…</LoadingMessage>;
  } else if (supporters.isError) {
    body = <QueryError title="The supporters could not be loaded" query={supporters} />;
  } else if (supporters.data.length === 0) {
    body = <p className="muted">None yet — pledges arrive with Social Purchase Orders.</p>;
  } else {
    body = (
      <ul className="supporters">
        {supporters.data.map((supporter) => (
          <li key={supporter.spoId} className="supporters__item" data-testid="activity-supporter">
            <strong>{supporter.supplier.name}</strong>:{' '}
            {supporter.annualPence > 0
              ? `${formatGbp(supporter.annualPence)} a year`
              : 'volunteering or TOMs outcomes'}
            , through{' '}
            <Link to={`/spos/${encodeURIComponent(supporter.spoId)}`}>
              its Social Purchase Order
            </Link>{' '}
            for{' '}
            <Link to={`/tenders/${encodeURIComponent(supporter.tenderId)}`}>
              {supporter.tenderTitle}
            </Link>
            {supporter.awardedAt ? (
              <span className="muted"> (awarded {formatInstantDate(supporter.awardedAt)})</span>
            ) : null}
          </li>
        ))}
      </ul>
    );
  }
  return (
    <section
      className="section"
      aria-labelledby="supporters-heading"
      data-testid="activity-supporters"
    >
      <h2 id="supporters-heading">Supporters</h2>
      {body}
    </section>
  );
}

interface ActivityDetailsProps {
  activity: ActivityView;
  /** Whether the viewer may change it: a member of its provider, or an administrator. */
  canManage: boolean;
}

/** Everything about one activity, as its page shows it, with its members' actions. */
export function ActivityDetails({ activity, canManage }: ActivityDetailsProps) {
  return (
    <>
      <h1 className="activity-page__title">{activity.title}</h1>
      <p className="badges">
        <ActivityStatusBadge status={activity.status} atRiskUntil={activity.atRiskUntil} />
        {activity.demo ? <DemoBadge /> : null}
      </p>
      <p className="activity-page__provider">
        By{' '}
        <Link to={`/organisations/${encodeURIComponent(activity.provider.id)}`}>
          {activity.provider.name}
        </Link>{' '}
        {activity.provider.verified ? <VerifiedBadge /> : null}
      </p>

      {activity.status === 'closed' ? (
        <p className="notice" data-testid="activity-closed" role="status">
          <strong>Closed.</strong> This activity has ended and no longer takes support.
        </p>
      ) : null}
      {activity.status === 'at_risk' && activity.atRiskUntil ? (
        <p className="notice notice--warning">
          <strong>At risk:</strong> without funding this activity closes on{' '}
          {formatDate(activity.atRiskUntil)}.
        </p>
      ) : null}
      {canManage ? <ActivityActions activity={activity} /> : null}

      <p className="activity-page__summary">{activity.summary}</p>

      <div className="activity-page__overview">
        <AtlasMap
          className="atlas-map--small"
          initialView={{ lat: activity.location.lat, lon: activity.location.lon, zoom: 12 }}
          label={`Map of where ${activity.title} happens and whom it reaches.`}
          scrollWheelZoom={false}
          skipTo="activity-facts"
        >
          <ActivityPlaceLayer location={activity.location} serviceArea={activity.serviceArea} />
        </AtlasMap>
        <dl className="details" id="activity-facts">
          <dt>Category</dt>
          <dd>{CATEGORY_LABELS[activity.category]}</dd>
          <dt>Themes</dt>
          <dd>
            <ThemeChips themes={activity.themes} />
          </dd>
          <dt>Priority groups</dt>
          <dd>
            {activity.priorityGroups.length === 0 ? (
              'None in particular'
            ) : (
              <ul className="activity-page__groups">
                {activity.priorityGroups.map((group) => (
                  <li key={group}>{PRIORITY_GROUP_LABELS[group]}</li>
                ))}
              </ul>
            )}
          </dd>
          <dt>Address</dt>
          <dd>{activity.address || 'Not given'}</dd>
          <dt>Territory</dt>
          <dd>
            <Link to={`/territories/${encodeURIComponent(activity.territory.code)}`}>
              {activity.territory.name}
            </Link>
          </dd>
          <dt>Service area</dt>
          <dd>{describeServiceArea(activity.serviceArea)}</dd>
        </dl>
      </div>

      {activity.description ? (
        <section className="section" aria-labelledby="about-heading">
          <h2 id="about-heading">About</h2>
          <Paragraphs text={activity.description} />
        </section>
      ) : null}

      <ImpactSection activity={activity} />
      <NeedsSection activity={activity} />
      <MeasuresSection activity={activity} />

      <SupportersSection activity={activity} />
    </>
  );
}
