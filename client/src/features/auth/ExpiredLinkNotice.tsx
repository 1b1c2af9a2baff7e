import { useEffect, useRef, type ReactNode } from 'react';
import { Link } from 'react-router-dom';

interface ExpiredLinkNoticeProps {
  /** How long such links work, or what to do instead. */
  children?: ReactNode;
  /** What to offer instead: by default, a link to ask for a new password link. */
  action?: ReactNode;
}

/**
 * Says that an emailed link is unknown, used or expired, and what to do: it takes the focus
 * when it appears, so that whoever pressed the button hears it.
 */
export function ExpiredLinkNotice({ children, action }: ExpiredLinkNoticeProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div
      ref={ref}
      className="notice notice--warning"
      role="alert"
      tabIndex={-1}
      data-testid="link-expired"
    >
      <p>
        <strong>This link has expired or has already been used.</strong> {children}
      </p>
      {action ?? (
        <p>
          <Link to="/forgot-password">Ask for a new link</Link> to choose a new password.
        </p>
      )}
    </div>
  );
}
