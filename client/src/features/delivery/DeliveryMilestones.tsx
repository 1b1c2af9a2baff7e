import { Link } from 'react-router-dom';
import type { DeliveryLineView } from '@shared/schemas/delivery';
import { formatDate } from '../activities/activity-format';
import { LINE_KIND_LABELS } from '../spos/spo-labels';
import { formatAmount, MILESTONE_STATE_LABELS } from './delivery-format';

const STATE_TONES: Record<string, string> = {
  met: 'badge badge--ok',
  overdue: 'badge badge--warning',
  due: 'badge delivery-state--due',
};

/** A contract year's share of a whole year, when it is a part year: "part year, 50%". */
function partYear(fraction: number): string | null {
  return fraction < 1 ? `part year, ${Math.round(fraction * 100)}%` : null;
}

/**
 * One line of an awarded SPO with its milestones: per contract year, when it runs, when its
 * contribution falls due, how much, what the provider has confirmed, what is reported but
 * not (yet) confirmed, and where it stands.
 */
export function DeliveryMilestones({ line }: { line: DeliveryLineView }) {
  const unit = { unit: line.unit, unitLabel: line.unitLabel };
  const headingId = `delivery-line-${line.lineId}`;
  return (
    <section className="delivery-line" aria-labelledby={headingId} data-testid="delivery-line">
      <h5 id={headingId}>
        <Link to={`/activities/${encodeURIComponent(line.activity.id)}`}>
          {line.activity.title}
        </Link>
        <span className="delivery-line__kind">
          {' '}
          · {LINE_KIND_LABELS[line.kind]}
          {line.measure ? ` (${line.measure.code}: ${line.measure.measure})` : ''}
        </span>
      </h5>
      <p className="delivery-line__meta">
        {line.activity.providerName} · committed {formatAmount(line.annual, unit)} a year
        {line.description ? ` · ${line.description}` : ''}
      </p>
      <div className="table-scroll">
        <table className="table delivery-milestones">
          <caption className="visually-hidden">
            Milestones for {line.activity.title} ({LINE_KIND_LABELS[line.kind]})
          </caption>
          <thead>
            <tr>
              <th scope="col">Contract year</th>
              <th scope="col">Dates</th>
              <th scope="col">Due date</th>
              <th scope="col" className="table__number">
                Due
              </th>
              <th scope="col" className="table__number">
                Confirmed delivered
              </th>
              <th scope="col" className="table__number">
                Reported, unconfirmed
              </th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {line.milestones.map((milestone) => (
              <tr
                key={milestone.period}
                data-testid="milestone"
                data-period={milestone.period}
                data-state={milestone.state}
              >
                <th scope="row">
                  Year {milestone.period}
                  {partYear(milestone.fraction) ? (
                    <span className="delivery-milestones__part">
                      {' '}
                      ({partYear(milestone.fraction)})
                    </span>
                  ) : null}
                </th>
                <td>
                  {formatDate(milestone.start)} to {formatDate(milestone.end)}
                </td>
                <td>{formatDate(milestone.dueDate)}</td>
                <td className="table__number">{formatAmount(milestone.due, unit)}</td>
                <td className="table__number" data-testid="milestone-delivered">
                  {formatAmount(milestone.delivered, unit)}
                </td>
                <td className="table__number" data-testid="milestone-unconfirmed">
                  {formatAmount(milestone.unconfirmed, unit)}
                </td>
                <td>
                  <span className={STATE_TONES[milestone.state] ?? 'badge'}>
                    {MILESTONE_STATE_LABELS[milestone.state]}
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
