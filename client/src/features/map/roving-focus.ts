/** A map item the keyboard reaches: a shape's path or a marker's element. */
export type MapItemElement = HTMLElement | SVGElement;

const STEPS: Partial<Record<string, number>> = {
  ArrowRight: 1,
  ArrowDown: 1,
  ArrowLeft: -1,
  ArrowUp: -1,
};

interface MapItemKeys<K> {
  /** The items in the order the arrow keys follow. */
  order: readonly K[];
  /** Moves the focus to an item. */
  focus: (key: K) => void;
  /** What Enter or Space does on an item; nothing when not given. */
  activate?: ((key: K) => void) | undefined;
  /** The map's container, where Escape returns the focus. */
  container: HTMLElement;
}

/**
 * The one keyboard model of every map's items (territories, cells, markers): the arrow keys
 * move to the next or previous item (Home and End to the first and last), Enter or Space
 * chooses it as a click would, Escape returns the focus to the map itself. Answers whether
 * the key was the map's, in which case it goes no further (no page scroll, no map pan).
 */
export function handleMapItemKey<K>(
  event: KeyboardEvent,
  key: K,
  { order, focus, activate, container }: MapItemKeys<K>,
): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey) return false;
  let next: K | undefined;
  if (event.key === 'Enter' || event.key === ' ') {
    if (!activate) return false;
    event.preventDefault();
    event.stopPropagation();
    activate(key);
    return true;
  }
  if (event.key === 'Escape') {
    event.preventDefault();
    event.stopPropagation();
    container.focus({ preventScroll: true });
    return true;
  }
  const step = STEPS[event.key];
  const at = order.indexOf(key);
  if (step !== undefined && at >= 0) next = order[(at + step + order.length) % order.length];
  else if (event.key === 'Home') next = order[0];
  else if (event.key === 'End') next = order.at(-1);
  if (next === undefined) return false;
  event.preventDefault();
  event.stopPropagation();
  focus(next);
  return true;
}

/** One item of a roving set: its element, what it is called, what Enter does on it. */
export interface RovingItem {
  element: MapItemElement;
  /** Its accessible name: what it is and its figures. */
  name: string;
  activate?: (() => void) | undefined;
}

/** A set of map items that is one stop in the Tab order; see `createRovingGroup`. */
export interface RovingGroup {
  /** Replaces the items, in the order the arrow keys follow; the Tab stop stays if it can. */
  setItems(items: readonly RovingItem[]): void;
  /** Stops listening (the items go with their layer). */
  remove(): void;
}

/**
 * Makes a changing set of items on a map one stop in the Tab order (a roving tabindex: the
 * item last focused, else the first) with `handleMapItemKey`'s keys, so that a keyboard user
 * gets past 45 markers with one Tab. Listens on the map's container, so items may come and go
 * as the map moves without listeners of their own.
 */
export function createRovingGroup(
  container: HTMLElement,
  { role = 'button' }: { role?: string } = {},
): RovingGroup {
  let items: readonly RovingItem[] = [];
  let byElement = new Map<Element, RovingItem>();
  let tabStop: MapItemElement | undefined;

  function makeTabStop(element: MapItemElement) {
    if (tabStop === element) return;
    tabStop?.setAttribute('tabindex', '-1');
    element.setAttribute('tabindex', '0');
    tabStop = element;
  }

  function handleFocusIn(event: FocusEvent) {
    const item = event.target instanceof Element ? byElement.get(event.target) : undefined;
    if (item) makeTabStop(item.element);
  }

  function handleKeyDown(event: KeyboardEvent) {
    const item = event.target instanceof Element ? byElement.get(event.target) : undefined;
    if (!item) return;
    handleMapItemKey(event, item, {
      order: items,
      focus: (next) => next.element.focus(),
      activate: item.activate ? (chosen) => chosen.activate?.() : undefined,
      container,
    });
  }

  container.addEventListener('focusin', handleFocusIn);
  container.addEventListener('keydown', handleKeyDown);

  return {
    setItems(next) {
      items = next;
      byElement = new Map(next.map((item) => [item.element, item]));
      for (const { element, name } of next) {
        element.setAttribute('role', role);
        element.setAttribute('aria-label', name);
        if (element !== tabStop) element.setAttribute('tabindex', '-1');
      }
      const kept = tabStop && byElement.has(tabStop) ? tabStop : undefined;
      tabStop = undefined;
      const first = kept ?? next[0]?.element;
      if (first) makeTabStop(first);
    },
    remove() {
      container.removeEventListener('focusin', handleFocusIn);
      container.removeEventListener('keydown', handleKeyDown);
      items = [];
      byElement = new Map();
      tabStop = undefined;
    },
  };
}
