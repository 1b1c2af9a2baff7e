import { useEffect, useRef, type ReactNode } from 'react';

/** How many pages a paged answer has: at least one, so that an empty list is page 1 of 1. */
export function pageCount({ total, pageSize }: { total: number; pageSize: number }): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * Turning the pages of a list: `goTo` asks for a page, and once it is shown the focus goes
 * to the list's heading (`headingRef`, which needs `tabIndex={-1}`), so that the reader starts
 * at the top of the new page rather than at a button that may have gone.
 */
export function usePageTurns(page: number, onPageChange: (page: number) => void) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const pageRequested = useRef(false);

  useEffect(() => {
    if (!pageRequested.current) return;
    pageRequested.current = false;
    headingRef.current?.focus();
  }, [page]);

  function goTo(nextPage: number) {
    pageRequested.current = true;
    onPageChange(nextPage);
  }

  return { headingRef, goTo };
}

interface PagerProps {
  /** What the pages are of, for screen readers: "Pages of tenders". */
  label: string;
  /** The page asked for. */
  page: number;
  totalPages: number;
  onGoTo: (page: number) => void;
  /** Where the reader is, between the buttons: "Page 2 of 5". */
  children: ReactNode;
  /** Smaller buttons, for a list in a narrow column. */
  small?: boolean;
  'data-testid'?: string;
}

/** Previous and Next under a paged list, with where the reader is between them. */
export function Pager({
  label,
  page,
  totalPages,
  onGoTo,
  children,
  small = false,
  'data-testid': testId,
}: PagerProps) {
  const buttonClass = small ? 'button button--secondary button--small' : 'button button--secondary';
  return (
    <nav className="activity-list__pager" aria-label={label}>
      <button
        type="button"
        className={buttonClass}
        onClick={() => onGoTo(page - 1)}
        disabled={page <= 1}
      >
        Previous
      </button>
      <p className="activity-list__total" data-testid={testId} aria-live="polite">
        {children}
      </p>
      <button
        type="button"
        className={buttonClass}
        onClick={() => onGoTo(page + 1)}
        disabled={page >= totalPages}
      >
        Next
      </button>
    </nav>
  );
}

interface PageOutOfRangeProps {
  className: string;
  /** The page asked for, and what "there is no page" says of it and of the count. */
  page: ReactNode;
  pages: ReactNode;
  totalPages: number;
  onGoTo: (page: number) => void;
}

/** A page past the end of a list (the list shrank, or a link was edited), with a way back. */
export function PageOutOfRange({
  className,
  page,
  pages,
  totalPages,
  onGoTo,
}: PageOutOfRangeProps) {
  return (
    <div className={className}>
      <p>
        There is no page {page}: the list has {pages}.
      </p>
      <button type="button" className="button" onClick={() => onGoTo(totalPages)}>
        Go to the last page
      </button>
    </div>
  );
}
