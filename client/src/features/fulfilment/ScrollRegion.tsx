import type { ReactNode } from 'react';

/**
 * A wide table's scrolling box that the keyboard can reach (and scroll with the arrow keys)
 * even when nothing inside it takes the focus, named by what it holds.
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A focusable region is what lets keyboard users scroll a table wider than the page.
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
