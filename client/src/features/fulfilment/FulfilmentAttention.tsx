import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type {
  FulfilmentReportItem,
  FulfilmentSummary,
  OverdueMilestone,
} from '@shared/schemas/fulfilment';
import { formatDate } from '../activities/activity-format';
import { LINE_KIND_LABELS } from '../spos/spo-labels';
import { formatInstantDate } from '../../lib/date-time';
import { formatAmount } from './fulfilment-format';

type Heading = 'h3' | 'h4';

function ActivityCell({ item }: { item: OverdueMilestone | FulfilmentReportItem }) {
  return (
    <th scope="row">
      <Link to={`/activities/${encodeURIComponent(item.activity.id)}`}>{item.activity.title}</Link>
      <span className="fulfilment-table__sub">{item.activity.providerName}</span>
    </th>
  );
}

function TenderCell({ item }: { item: OverdueMilestone | FulfilmentReportItem }) {
  return (
    <td>
      <Link to={`/tenders/${encodeURIComponent(item.tender.id)}`}>{item.tender.title}</Link>
      <span className="fulfilment-table__sub">{item.supplier.name}</span>
    </td>
  );
}

interface ListProps<T> {
  Heading: Heading;
  title: string;
  items: readonly T[];
  empty: string;
  testId: string;
  children: ReactNode;
}

/** One list needing attention: its heading, then its table or a line saying there is none. */
function AttentionList<T>({ Heading, title, items, empty, testId, children }: ListProps<T>) {
  return (
    <div className="fulfilment-attention__list" data-testid={testId} data-count={items.length}>
      <Heading>
        {title} ({items.length})
      </Heading>
      {items.length === 0 ? <p className="muted">{empty}</p> : children}
    </div>
  );
}

function ReportTable({
  items,
  caption,
  showContract,
}: {
  items: readonly FulfilmentReportItem[];
  caption: string;
  showContract: boolean;
}) {
  return (
    <div className="table-scroll">
      <table className="table fulfilment-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Activity</th>
            {showContract ? <th scope="col">Tender and supplier</th> : null}
            <th scope="col">Contribution</th>
            <th scope="col" className="table__number">
              Contract year
            </th>
            <th scope="col" className="table__number">
              Reported
            </th>
            <th scope="col">Reported on</th>
            <th scope="col">Answer due by</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.reportId}>
              <ActivityCell item={item} />
              {showContract ? <TenderCell item={item} /> : null}
              <td>{LINE_KIND_LABELS[item.kind]}</td>
              <td className="table__number">{item.period}</td>
              <td className="table__number">
                {formatAmount(item.amount, item.unit, item.unitLabel)}
              </td>
              <td>{formatInstantDate(item.createdAt)}</td>
              <td>{formatInstantDate(item.respondBy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface FulfilmentAttentionProps {
  summary: Pick<FulfilmentSummary, 'overdue' | 'disputed' | 'unverified'>;
  /** The level of each list's heading. */
  Heading?: Heading;
  /** Adds each item's tender and supplier, for items of several contracts. */
  showContract?: boolean;
}

/**
 * What needs the buyer's attention: contributions overdue (past their due date and the
 * grace days, with less confirmed than due), reports the provider disputed, and reports
 * left unanswered past their time. No comment text: figures only.
 */
export function FulfilmentAttention({
  summary,
  Heading = 'h4',
  showContract = false,
}: FulfilmentAttentionProps) {
  return (
    <div className="fulfilment-attention">
      <AttentionList
        Heading={Heading}
        title="Overdue"
        items={summary.overdue}
        empty="Nothing is overdue."
        testId="fulfilment-overdue"
      >
        <div className="table-scroll">
          <table className="table fulfilment-table">
            <caption className="visually-hidden">
              Contributions overdue: past their due date and grace period with less confirmed than
              due
            </caption>
            <thead>
              <tr>
                <th scope="col">Activity</th>
                {showContract ? <th scope="col">Tender and supplier</th> : null}
                <th scope="col">Contribution</th>
                <th scope="col" className="table__number">
                  Contract year
                </th>
                <th scope="col">Fell due</th>
                <th scope="col">Overdue after</th>
                <th scope="col" className="table__number">
                  Due
                </th>
                <th scope="col" className="table__number">
                  Confirmed delivered
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.overdue.map((item) => (
                <tr key={`${item.lineId}-${item.period}`}>
                  <ActivityCell item={item} />
                  {showContract ? <TenderCell item={item} /> : null}
                  <td>{LINE_KIND_LABELS[item.kind]}</td>
                  <td className="table__number">{item.period}</td>
                  <td>{formatDate(item.dueDate)}</td>
                  <td>{formatDate(item.overdueAfter)}</td>
                  <td className="table__number">
                    {formatAmount(item.due, item.unit, item.unitLabel)}
                  </td>
                  <td className="table__number">
                    {formatAmount(item.delivered, item.unit, item.unitLabel)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </AttentionList>
      <AttentionList
        Heading={Heading}
        title="Disputed"
        items={summary.disputed}
        empty="No report is disputed."
        testId="fulfilment-disputed"
      >
        <ReportTable
          items={summary.disputed}
          caption="Delivery reports the activity’s provider disputed"
          showContract={showContract}
        />
      </AttentionList>
      <AttentionList
        Heading={Heading}
        title="Unverified"
        items={summary.unverified}
        empty="No report is waiting past its time for the provider’s answer."
        testId="fulfilment-unverified"
      >
        <ReportTable
          items={summary.unverified}
          caption="Delivery reports the activity’s provider has not answered in time"
          showContract={showContract}
        />
      </AttentionList>
    </div>
  );
}
