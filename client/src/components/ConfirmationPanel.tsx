import { useEffect, useId, useRef, type ReactNode } from 'react';
import './panel.css';

interface ConfirmationPanelProps {
  /** What happened, in a few words: "Tender published". */
  title: string;
  /** The receipt's key facts, inside the panel (a reference, a version). */
  children?: ReactNode;
  /** What happens next, under the panel. */
  next?: ReactNode;
  'data-testid'?: string;
}

/**
 * The receipt after a consequential action, in the GOV.UK manner: a panel saying what
 * happened, and what happens next below it. It takes the focus when it appears, so that a
 * keyboard or screen-reader user hears it and carries on from there rather than from a
 * button that has gone.
 */
export function ConfirmationPanel({
  title,
  children,
  next,
  'data-testid': testId,
}: ConfirmationPanelProps) {
  const ref = useRef<HTMLElement>(null);
  const titleId = useId();
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <section
      ref={ref}
      className="confirmation"
      aria-labelledby={titleId}
      tabIndex={-1}
      data-testid={testId}
    >
      <div className="confirmation__panel">
        <h2 id={titleId} className="confirmation__title">
          {title}
        </h2>
        {children ? <div className="confirmation__body">{children}</div> : null}
      </div>
      {next ? (
        <div className="confirmation__next">
          <h3>What happens next</h3>
          {next}
        </div>
      ) : null}
    </section>
  );
}
