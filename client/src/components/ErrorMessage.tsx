import { useEffect, useRef } from 'react';
import { errorMessage } from '../lib/api';

interface ErrorMessageProps {
  title: string;
  error: unknown;
  onRetry?: () => void;
  isRetrying?: boolean;
  /**
   * Takes the focus when it appears, for the failure of what the person just asked (a
   * submit): they hear what went wrong and have it in view, instead of staying on the button.
   */
  focus?: boolean;
  'data-testid'?: string;
}

/** A failure the user should know about, with the server's message and an optional Retry button. */
export function ErrorMessage({
  title,
  error,
  onRetry,
  isRetrying = false,
  focus = false,
  'data-testid': testId,
}: ErrorMessageProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <div
      ref={ref}
      className="error-message"
      role="alert"
      tabIndex={focus ? -1 : undefined}
      data-testid={testId}
    >
      <p className="error-message__title">{title}</p>
      <p>{errorMessage(error)}</p>
      {onRetry ? (
        <button type="button" className="button" onClick={onRetry} disabled={isRetrying}>
          {isRetrying ? 'Retrying…' : 'Retry'}
        </button>
      ) : null}
    </div>
  );
}
