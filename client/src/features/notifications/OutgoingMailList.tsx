import { Fragment, useId, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  OutgoingMailStatus,
  OutgoingMailStatuses,
  type OutgoingMailView,
} from '@shared/schemas/notifications';
import { ChoiceFilter } from '../../components/ChoiceFilter';
import { LoadingMessage } from '../../components/LoadingMessage';
import { PageOutOfRange, Pager, pageCount, usePageTurns } from '../../components/Pager';
import { QueryError } from '../../components/QueryState';
import { SearchField, useSearchText } from '../../components/SearchField';
import { isRefusal } from '../../lib/api';
import { formatDateTime } from '../../lib/date-time';
import { pluralise } from '../activities/activity-format';
import { useOutgoingMail } from './notifications.queries';
import './notifications.css';

const STATUS_LABELS: Record<OutgoingMailStatus, string> = {
  pending: 'Waiting to send',
  sent: 'Sent',
  retrying: 'Failed, trying again',
  failed: 'Failed, given up',
};
const STATUS_OPTIONS = OutgoingMailStatuses.map((s) => [s, STATUS_LABELS[s]] as const);
const STATUS_BADGES: Record<OutgoingMailStatus, string> = {
  pending: 'badge',
  sent: 'badge badge--ok',
  retrying: 'badge badge--warning',
  failed: 'badge badge--warning',
};

/** The filters and page, from the address, so that Back and a shared link keep them. */
function useMailAddress() {
  const [params, setParams] = useSearchParams();
  const requested = Number(params.get('page') ?? '1');
  const page = Number.isInteger(requested) && requested >= 1 ? requested : 1;
  const status = OutgoingMailStatus.safeParse(params.get('status')).data;
  const to = params.get('to')?.trim() || undefined;
  function update(next: { page?: number; status?: OutgoingMailStatus | undefined; to?: string }) {
    const query = new URLSearchParams();
    const nextStatus = 'status' in next ? next.status : status;
    const nextTo = 'to' in next ? next.to : to;
    const nextPage = next.page ?? page;
    if (nextStatus) query.set('status', nextStatus);
    if (nextTo) query.set('to', nextTo);
    if (nextPage > 1) query.set('page', String(nextPage));
    setParams(query);
  }
  return { page, status, to, update };
}

/** One message's text part, and its HTML part on demand inside a sandboxed frame. */
function MessageBody({ mail }: { mail: OutgoingMailView }) {
  const [showHtml, setShowHtml] = useState(false);
  return (
    <div className="outgoing-mail__message" data-testid="outgoing-mail-message">
      <p>
        <strong>Message id:</strong> {mail.messageId}
        {mail.nextAttemptAt && mail.status !== 'sent' ? (
          <>
            {' '}
            · <strong>Next try:</strong> {formatDateTime(mail.nextAttemptAt)}
          </>
        ) : null}
      </p>
      {mail.lastError ? (
        <p className="outgoing-mail__error">
          <strong>Last error:</strong> {mail.lastError}
        </p>
      ) : null}
      <h4>Text version</h4>
      <pre className="outgoing-mail__text" data-testid="outgoing-mail-text">
        {mail.text}
      </pre>
      <button
        type="button"
        className="button button--secondary button--small"
        aria-expanded={showHtml}
        onClick={() => setShowHtml((shown) => !shown)}
      >
        {showHtml ? 'Hide the HTML version' : 'Show the HTML version'}
      </button>
      {showHtml ? (
        // Sandboxed with no permissions: the message's HTML can run nothing and reach nothing.
        <iframe
          className="outgoing-mail__html"
          title={`HTML version of “${mail.subject}”`}
          sandbox=""
          srcDoc={mail.html}
        />
      ) : null}
    </div>
  );
}

function MailRow({ mail }: { mail: OutgoingMailView }) {
  const [open, setOpen] = useState(false);
  const detailId = useId();
  return (
    <Fragment>
      <tr data-testid="outgoing-mail-row">
        <td>
          <span className={STATUS_BADGES[mail.status]}>{STATUS_LABELS[mail.status]}</span>
        </td>
        <td>{mail.to}</td>
        <th scope="row">
          <button
            type="button"
            className="outgoing-mail__subject"
            aria-expanded={open}
            aria-controls={open ? detailId : undefined}
            onClick={() => setOpen((shown) => !shown)}
          >
            {mail.subject}
          </button>
        </th>
        <td className="table__number">{mail.attempts}</td>
        <td>
          <time dateTime={mail.createdAt}>{formatDateTime(mail.createdAt)}</time>
        </td>
        <td>
          {mail.sentAt ? <time dateTime={mail.sentAt}>{formatDateTime(mail.sentAt)}</time> : '—'}
        </td>
      </tr>
      {open ? (
        <tr id={detailId}>
          <td colSpan={6}>
            <MessageBody mail={mail} />
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

function Refusal() {
  return (
    <p data-testid="outgoing-mail-refused">
      Only administrators can see the outgoing mail, and you are not one. Ask an administrator if
      you need to know whether an email was sent.
    </p>
  );
}

/** The outgoing mail for administrators: filtered by status and recipient, a page at a time. */
export function OutgoingMailList() {
  const { page, status, to, update } = useMailAddress();
  const mail = useOutgoingMail({ page, status, to });
  const [toText, setToText] = useSearchText(to);
  const { headingRef, goTo } = usePageTurns(page, (next) => update({ page: next }));

  function handleSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update({ page: 1, to: toText.trim() });
  }

  const data = mail.data;
  if (mail.isError && isRefusal(mail.error)) return <Refusal />;
  const totalPages = data ? pageCount(data) : 1;
  let body;
  if (mail.isPending) {
    body = <LoadingMessage>Loading the outgoing mail…</LoadingMessage>;
  } else if (mail.isError || !data) {
    body = <QueryError title="The outgoing mail could not be loaded" query={mail} />;
  } else if (data.total === 0) {
    body = (
      <p className="muted" data-testid="outgoing-mail-empty">
        {status || to ? 'No message matches these filters.' : 'No email has been sent yet.'}
      </p>
    );
  } else if (data.items.length === 0) {
    body = (
      <PageOutOfRange
        className="outgoing-mail__out-of-range"
        page={page}
        pages={pluralise(totalPages, 'page')}
        totalPages={totalPages}
        onGoTo={goTo}
      />
    );
  } else {
    body = (
      <>
        <div className="table-scroll">
          <table
            className="table"
            data-testid="outgoing-mail-table"
            aria-busy={mail.isPlaceholderData}
          >
            <caption className="visually-hidden">
              Outgoing mail, newest first. Choose a subject to read the message.
            </caption>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Recipient</th>
                <th scope="col">Subject</th>
                <th scope="col" className="table__number">
                  Attempts
                </th>
                <th scope="col">Queued</th>
                <th scope="col">Sent</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => (
                <MailRow key={item.id} mail={item} />
              ))}
            </tbody>
          </table>
        </div>
        {totalPages > 1 ? (
          <Pager label="Pages of outgoing mail" page={page} totalPages={totalPages} onGoTo={goTo}>
            Page {page} of {totalPages}
          </Pager>
        ) : null}
      </>
    );
  }

  return (
    <>
      {data && !data.transportConfigured ? (
        <div className="notice notice--warning" data-testid="no-transport">
          <p>No mail server is set (SMTP_URL): messages stay here and are not sent.</p>
        </div>
      ) : null}
      <form className="outgoing-mail__filters" onSubmit={handleSearch} role="search">
        <ChoiceFilter
          label="Status"
          name="status"
          value={status}
          onChange={(value) =>
            update({ page: 1, status: OutgoingMailStatus.safeParse(value).data })
          }
          anyLabel="Any status"
          options={STATUS_OPTIONS}
        />
        <SearchField
          label="Recipient"
          name="to"
          value={toText}
          onChange={setToText}
          maxLength={254}
          hint="The whole email address."
        />
      </form>
      <h3
        ref={headingRef}
        tabIndex={-1}
        className="notifications__count"
        data-testid="outgoing-mail-count"
      >
        {data ? pluralise(data.total, 'message') : 'Messages'}
      </h3>
      {body}
    </>
  );
}
