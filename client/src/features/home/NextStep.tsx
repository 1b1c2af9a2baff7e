import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

interface NextStepProps {
  /** What to do next, in a sentence or two. */
  children: ReactNode;
  /** Where doing it starts, with the words of the link. */
  action?: { to: string; label: string };
  'data-testid'?: string;
}

/** The one thing a home page section suggests doing next, with the way in to it. */
export function NextStep({ children, action, 'data-testid': testId }: NextStepProps) {
  return (
    <div className="home-next" data-testid={testId}>
      <h4 className="home-next__title">What to do next</h4>
      <p className="home-next__text">{children}</p>
      {action ? (
        <Link className="button home-next__action" to={action.to}>
          {action.label}
        </Link>
      ) : null}
    </div>
  );
}
