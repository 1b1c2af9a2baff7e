import type { ReactNode } from 'react';

/** A status line with a spinner, announced politely to screen readers. */
export function LoadingMessage({ children }: { children: ReactNode }) {
  return (
    <p className="loading-message" role="status">
      <span className="spinner" aria-hidden="true" />
      {children}
    </p>
  );
}
