import { useState } from 'react';
import { NavLink } from 'react-router-dom';
import { useMe } from '../auth/auth.queries';
import { useUnreadCount } from './unread.queries';
import { useNotificationsLive } from './useNotificationsLive';
import './notifications-nav.css';

/** The link's name, "Notifications, 3 unread": it says the count that the badge only shows. */
export function notificationsLinkName(unread: number | undefined): string {
  return unread ? `Notifications, ${unread} unread` : 'Notifications, none unread';
}

/** What is said aloud when the count goes up or down while the page is open. */
function announcement(unread: number): string {
  if (unread === 0) return 'No unread notifications.';
  return unread === 1 ? '1 unread notification.' : `${unread} unread notifications.`;
}

/**
 * The header's Notifications link with the unread count, kept live by the socket, and (for
 * administrators) the outgoing mail. A change of the count is announced politely, but not
 * the first count, which would interrupt every page load.
 */
export function NotificationsNav() {
  const me = useMe();
  const person = me.data?.person;
  const unread = useUnreadCount(person !== undefined);
  useNotificationsLive(person?.id);
  const count = person ? unread.data?.unread : undefined;

  const [seen, setSeen] = useState(count);
  const [spoken, setSpoken] = useState('');
  if (count !== seen) {
    setSeen(count);
    if (seen !== undefined && count !== undefined) setSpoken(announcement(count));
  }

  if (!person) return null;
  return (
    <>
      <li>
        <NavLink to="/notifications" end data-testid="nav-notifications">
          {/* The name, whole in one hidden span: "Notifications, 3 unread" with no gap. */}
          <span aria-hidden="true">Notifications</span>
          <span className="visually-hidden" data-testid="unread-in-words">
            {notificationsLinkName(count)}
          </span>
          {count ? (
            <span className="app-nav__count" aria-hidden="true" data-testid="unread-count">
              {count > 99 ? '99+' : count}
            </span>
          ) : null}
        </NavLink>
        <span className="visually-hidden" role="status" aria-live="polite">
          {spoken}
        </span>
      </li>
      {person.isAdmin ? (
        <li>
          <NavLink to="/admin/outgoing-mail" data-testid="nav-outgoing-mail">
            Outgoing mail
          </NavLink>
        </li>
      ) : null}
    </>
  );
}
