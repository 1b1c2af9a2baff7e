import { THEME_LABELS, type ActivityStatus, type Theme } from '@shared/schemas/activities';
import { describeStatus } from './activity-format';

/** An activity's status as a badge; at risk (with its closing date) stands out. */
export function ActivityStatusBadge({
  status,
  atRiskUntil,
}: {
  status: ActivityStatus;
  atRiskUntil: string | null;
}) {
  return (
    <span className={`badge activity-status activity-status--${status}`} data-status={status}>
      {describeStatus(status, atRiskUntil)}
    </span>
  );
}

/** Marks made-up records, so that nobody mistakes demonstration data for a real charity. */
export function DemoBadge() {
  return (
    <span className="badge badge--demo" title="Made up for demonstrations">
      Demo
    </span>
  );
}

/** Says an administrator has checked the organisation is who it claims to be. */
export function VerifiedBadge() {
  return (
    <span className="badge badge--verified" title="Checked by Impact Atlas">
      Verified
    </span>
  );
}

/** The outcomes an activity serves, as chips. */
export function ThemeChips({ themes }: { themes: Theme[] }) {
  if (themes.length === 0) return null;
  return (
    <ul className="theme-chips">
      {themes.map((theme) => (
        <li key={theme} className={`theme-chip theme-chip--${theme}`}>
          {THEME_LABELS[theme]}
        </li>
      ))}
    </ul>
  );
}
