import { lazy, Suspense, useEffect, useId, useMemo, useRef, type Ref } from 'react';
import { Link } from 'react-router-dom';
import type { TerritoryProperties } from '@shared/schemas/territories';
import { QueryError } from '../../components/QueryState';
import { LoadingMessage } from '../../components/LoadingMessage';
import { useDocumentTitle } from '../../lib/document-title';
import { useTerritories } from './territories.queries';
import { TerritoryContracts } from './TerritoryContracts';
import { TerritoryList } from './TerritoryList';

// The map is the landing page: need code loads only when a territory or the layer is chosen.
const TerritoryNeedFigures = lazy(() =>
  import('../need/TerritoryNeedFigures').then((m) => ({ default: m.TerritoryNeedFigures })),
);
// The legend and the table of 361 districts load only once someone switches the layer on.
const NeedLayerDetails = lazy(() =>
  import('../need/NeedLayerDetails').then((m) => ({ default: m.NeedLayerDetails })),
);

interface NeedLayerSwitchProps {
  on: boolean;
  onChange: (on: boolean) => void;
  selectedCode: string | undefined;
}

/** The switch for the map's need layer and, while it is on, the layer's key and table. */
function NeedLayerSection({ on, onChange, selectedCode }: NeedLayerSwitchProps) {
  const headingId = useId();
  return (
    <section className="territory-panel__layers" aria-labelledby={headingId}>
      <h3 id={headingId}>Map layers</h3>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={on}
          onChange={(event) => onChange(event.target.checked)}
          data-testid="need-layer-switch"
        />
        Show local need: deprivation by district
      </label>
      {on ? (
        <Suspense fallback={<LoadingMessage>Loading the need map…</LoadingMessage>}>
          <NeedLayerDetails selectedCode={selectedCode} />
        </Suspense>
      ) : null}
    </section>
  );
}

interface SelectionProps {
  headingId: string;
  headingRef: Ref<HTMLHeadingElement>;
  selectedCode: string | undefined;
  selected: TerritoryProperties | undefined;
}

function Selection({ headingId, headingRef, selectedCode, selected }: SelectionProps) {
  if (selected) {
    return (
      <>
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          {selected.name}
        </h2>
        <dl className="territory-details">
          <dt>Force</dt>
          <dd>{selected.force}</dd>
          <dt>Nation</dt>
          <dd>{selected.nation}</dd>
          <dt>ONS code</dt>
          <dd>
            <code>{selected.code}</code>
          </dd>
        </dl>
        <p>
          <Link to="/">Show the whole UK</Link>
        </p>
      </>
    );
  }
  if (selectedCode) {
    return (
      <>
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          Territory not found
        </h2>
        <p className="territory-panel__not-found">
          No territory has the code <code>{selectedCode}</code>.
        </p>
        <p>
          <Link to="/">Show the whole UK</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        Policing territories
      </h2>
      <p>Select a territory on the map or from the list.</p>
    </>
  );
}

interface TerritoryPanelProps {
  /** Where the map's "Skip the map" link takes the focus. */
  id?: string;
  selectedCode: string | undefined;
  /** Whether the map shows the need layer, and how to switch it; no switch without this. */
  needLayer?: { on: boolean; onChange: (on: boolean) => void };
}

/**
 * The side panel: the selected territory's details and local need, the need layer's switch
 * (with its key and table while on), and the list of all territories.
 */
export function TerritoryPanel({ id, selectedCode, needLayer }: TerritoryPanelProps) {
  const territories = useTerritories();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const previousCodeRef = useRef(selectedCode);
  const properties = useMemo(
    () => territories.data?.features.map((feature) => feature.properties) ?? [],
    [territories.data],
  );
  const selected = selectedCode
    ? properties.find((territory) => territory.code === selectedCode)
    : undefined;
  useDocumentTitle(selected?.name);

  useEffect(() => {
    if (previousCodeRef.current === selectedCode) return;
    previousCodeRef.current = selectedCode;
    // "Show the whole UK" removes the very link that had the focus; without this a keyboard
    // user would be sent back to the top of the page.
    if (document.activeElement === document.body) headingRef.current?.focus();
  }, [selectedCode]);

  let body;
  if (territories.isPending) {
    body = (
      <>
        <h2 id={headingId}>Policing territories</h2>
        <LoadingMessage>Loading territories…</LoadingMessage>
      </>
    );
  } else if (territories.isError) {
    body = (
      <>
        <h2 id={headingId}>Policing territories</h2>
        <QueryError title="The territories could not be loaded" query={territories} />
      </>
    );
  } else if (properties.length === 0) {
    body = (
      <>
        <h2 id={headingId}>Policing territories</h2>
        <p>
          No territories are available yet: their boundaries have not been loaded on the server.
        </p>
      </>
    );
  } else {
    body = (
      <>
        {/* Announces the new selection to screen-reader users who chose it on the map. */}
        <div className="territory-panel__selection" aria-live="polite">
          <Selection
            headingId={headingId}
            headingRef={headingRef}
            selectedCode={selectedCode}
            selected={selected}
          />
        </div>
        {selected ? <TerritoryContracts code={selected.code} /> : null}
        {selected ? (
          <Suspense fallback={<LoadingMessage>Loading need figures…</LoadingMessage>}>
            <TerritoryNeedFigures code={selected.code} />
          </Suspense>
        ) : null}
        {needLayer ? (
          <NeedLayerSection
            on={needLayer.on}
            onChange={needLayer.onChange}
            selectedCode={selected?.code}
          />
        ) : null}
        <TerritoryList territories={properties} />
      </>
    );
  }

  return (
    <aside
      id={id}
      className="territory-panel"
      data-testid="territory-panel"
      aria-labelledby={headingId}
    >
      {body}
    </aside>
  );
}
