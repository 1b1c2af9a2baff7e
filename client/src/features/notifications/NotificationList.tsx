import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { NotificationView } from '@shared/schemas/notifications';
import { ChoiceFilter } from '../../components/ChoiceFilter';
import { ErrorMessage } from '../../components/ErrorMessage';
import { LoadingMessage } from '../../components/LoadingMessage';
import { PageOutOfRange, Pager, pageCount, usePageTurns } from '../../components/Pager';
import { QueryError } from '../../components/QueryState';
import { formatDateTime } from '../../lib/date-time';
import { pluralise } from '../activities/activity-format';
import { useMarkAllRead, useMarkNotification, useNotifications } from './notifications.queries';
import './notifications.css';

const SHOW_OPTIONS = [['unread', 'Unread only']] as const;

/** The page and filter of the list, from the address, so that Back and a shared link keep them. */
function useListAddress() {
  const [params, setParams] = useSearchParams();
  const requested = Number(params.get('page') ?? '1');
  const page = Number.isInteger(requested) && requested >= 1 ? requested : 1;
  const unreadOnly = params.get('show') === 'unread';
  function update(next: { page?: number; unreadOnly?: boolean }) {
    const query = new URLSearchParams();
    const nextPage = next.page ?? page;
    if (next.unreadOnly ?? unreadOnly) query.set('show', 'unread');
    if (nextPage > 1) query.set('page', String(nextPage));
    setParams(query);
  }
  return { page, unreadOnly, update };
}

interface ItemProps {
  notification: NotificationView;
  onMarked: (text: string) => void;
}

/**
 * One notification: its title links to what it is about (following it marks it read), when it
 * came, what it says, and a button to mark it read or unread again.
 */
function NotificationItem({ notification, onMarked }: ItemProps) {
  const mark = useMarkNotification();
  const unread = notification.readAt === null;

  function handleFollow() {
    // Sent as the link is followed; the list and the count refetch when it is done.
    if (unread) mark.mutate({ id: notification.id, read: true });
  }

  function handleToggle() {
    mark.mutate(
      { id: notification.id, read: unread },
      {
        onSuccess: () =>
          onMarked(`“${notification.title}” marked as ${unread ? 'read' : 'unread'}.`),
      },
    );
  }

  return (
    <li
      className={unread ? 'notification notification--unread' : 'notification'}
      data-testid="notification"
      data-read={unread ? 'false' : 'true'}
    >
      <div className="notification__head">
        {unread ? <span className="badge notification__badge">Unread</span> : null}
        <h4 className="notification__title">
          <Link to={notification.link} onClick={handleFollow}>
            {notification.title}
          </Link>
        </h4>
      </div>
      <p className="notification__body">{notification.body}</p>
      <div className="notification__foot">
        <p className="notification__time">
          <time dateTime={notification.createdAt}>{formatDateTime(notification.createdAt)}</time>
        </p>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={handleToggle}
          disabled={mark.isPending}
        >
          {unread ? 'Mark as read' : 'Mark as unread'}
          <span className="visually-hidden">: {notification.title}</span>
        </button>
      </div>
      {mark.isError ? (
        <ErrorMessage title="This notification could not be changed" error={mark.error} />
      ) : null}
    </li>
  );
}

/**
 * The signed-in person's notifications, newest first, a page at a time: all or the unread
 * only, each marked read or unread, and all marked read at once. What was done is said in a
 * status message.
 */
export function NotificationList() {
  const { page, unreadOnly, update } = useListAddress();
  const notifications = useNotifications(page, unreadOnly);
  const markAll = useMarkAllRead();
  const [status, setStatus] = useState('');
  const { headingRef, goTo } = usePageTurns(page, (next) => update({ page: next }));

  function handleMarkAll() {
    markAll.mutate(undefined, {
      onSuccess: () => setStatus('All your notifications are marked as read.'),
    });
  }

  const data = notifications.data;
  const totalPages = data ? pageCount(data) : 1;
  let body;
  if (notifications.isPending) {
    body = <LoadingMessage>Loading your notifications…</LoadingMessage>;
  } else if (notifications.isError || !data) {
    body = <QueryError title="Your notifications could not be loaded" query={notifications} />;
  } else if (data.total === 0) {
    body = (
      <p className="muted" data-testid="notifications-empty">
        {unreadOnly
          ? 'You have no unread notifications.'
          : 'You have no notifications yet. Link-up requests, answers, awards and new tenders that match your work will appear here.'}
      </p>
    );
  } else if (data.items.length === 0) {
    body = (
      <PageOutOfRange
        className="notifications__out-of-range"
        page={page}
        pages={pluralise(totalPages, 'page')}
        totalPages={totalPages}
        onGoTo={goTo}
      />
    );
  } else {
    body = (
      <>
        <ol className="notification-list" aria-busy={notifications.isPlaceholderData}>
          {data.items.map((notification) => (
            <NotificationItem
              key={notification.id}
              notification={notification}
              onMarked={setStatus}
            />
          ))}
        </ol>
        {totalPages > 1 ? (
          <Pager
            label="Pages of notifications"
            page={page}
            totalPages={totalPages}
            onGoTo={goTo}
            data-testid="notifications-pages"
          >
            Page {page} of {totalPages}
          </Pager>
        ) : null}
      </>
    );
  }

  return (
    <>
      <div className="notifications__toolbar">
        <div className="notifications__filter">
          <ChoiceFilter
            label="Show"
            name="show"
            value={unreadOnly ? 'unread' : undefined}
            onChange={(value) => update({ page: 1, unreadOnly: value === 'unread' })}
            anyLabel="All notifications"
            options={SHOW_OPTIONS}
          />
        </div>
        <button
          type="button"
          className="button button--secondary"
          onClick={handleMarkAll}
          disabled={markAll.isPending || !data || data.unread === 0}
          data-testid="mark-all-read"
        >
          Mark all as read
        </button>
      </div>
      {markAll.isError ? (
        <ErrorMessage
          title="Your notifications could not be marked as read"
          error={markAll.error}
          focus
        />
      ) : null}
      {/* In the page from the start, so that what is put in it is announced. */}
      <div className="notifications__status" role="status" data-testid="notifications-status">
        {status ? <p className="success-message">{status}</p> : null}
      </div>
      <h3
        ref={headingRef}
        tabIndex={-1}
        className="notifications__count"
        data-testid="notifications-count"
      >
        {data
          ? unreadOnly
            ? `${pluralise(data.total, 'unread notification')}`
            : `${pluralise(data.total, 'notification')}, ${data.unread} unread`
          : 'Your notifications'}
      </h3>
      {body}
    </>
  );
}
