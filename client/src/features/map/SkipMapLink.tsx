import type { MouseEvent } from 'react';

/**
 * Moves the focus to an element: one that is not focusable (a heading, a section) is made
 * focusable by script only, so that the focus can land there without adding a Tab stop.
 */
export function focusElement(element: HTMLElement): void {
  if (!element.hasAttribute('tabindex') && element.tabIndex < 0) {
    element.setAttribute('tabindex', '-1');
  }
  element.focus({ preventScroll: true });
  element.scrollIntoView({ block: 'nearest' });
}

/**
 * "Skip the map": the first stop of a map, out of sight until focused, that takes the focus
 * past the map's territories or markers to the list or table beside it, which has the same
 * things in it.
 */
export function SkipMapLink({ targetId }: { targetId: string }) {
  function handleClick(event: MouseEvent<HTMLAnchorElement>) {
    const target = document.getElementById(targetId);
    if (!target) return;
    // Focused in place rather than followed: the address keeps no fragment.
    event.preventDefault();
    focusElement(target);
  }
  return (
    <a className="skip-map-link" href={`#${targetId}`} onClick={handleClick}>
      Skip the map
    </a>
  );
}
