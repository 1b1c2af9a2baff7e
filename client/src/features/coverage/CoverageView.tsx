import { useCallback, useId, useMemo, type ChangeEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { QueryError } from '../../components/QueryState';
import { LoadingMessage } from '../../components/LoadingMessage';
import { SelectField } from '../../components/SelectField';
import { useDocumentTitle } from '../../lib/document-title';
import { AtlasMap } from '../map/AtlasMap';
import { useTerritories } from '../territories/territories.queries';
import { useCoverage } from './coverage.queries';
import {
  classify,
  CoverageFigures,
  DEFAULT_FIGURE,
  FIGURE_LABELS,
  figureValue,
  parseFigure,
  type CoverageFigure,
} from './coverage-figures';
import { CoverageDetailPanel } from './CoverageDetailPanel';
import { CoverageHexLayer } from './CoverageHexLayer';
import { CoverageLayer } from './CoverageLayer';
import { CoverageLegend } from './CoverageLegend';
import { CoverageTable } from './CoverageTable';
import { LiveStatus } from './LiveStatus';
import { useChangedTerritories } from './useChangedTerritories';
import { useCoverageLive } from './useCoverageLive';

const MAP_LABEL =
  'Map of coverage by policing territory. Arrow keys pan, plus and minus zoom; Tab reaches the territories, the arrow keys move between them, Enter shows a territory’s figures and Escape returns to the map. Once a territory is shown, Tab goes on to its 5 km cells, where Enter lists a cell’s activities. The table below has the same figures.';
const KEYS_HINT =
  'Territories and cells: arrow keys to move, Enter to open, Esc back to the map. Map: arrow keys pan, + and − zoom.';
const TABLE_ID = 'coverage-table';

/**
 * The buyers' coverage view: a UK map coloured by the chosen figure, the chosen territory's
 * figures in full, and a sortable table of all territories, kept up to date as contracts are
 * awarded.
 */
export function CoverageView({ selectedCode }: { selectedCode: string | undefined }) {
  const coverage = useCoverage();
  const territories = useTerritories();
  const [searchParams, setSearchParams] = useSearchParams();
  const { search } = useLocation();
  const navigate = useNavigate();
  const headingId = useId();
  const figure = parseFigure(searchParams.get('figure'));
  const rows = coverage.data;

  const codes = useMemo(() => rows?.map((row) => row.code) ?? [], [rows]);
  const status = useCoverageLive(codes);
  const changedCodes = useChangedTerritories(rows);
  const classification = useMemo(
    () => classify(rows?.map((row) => figureValue(row, figure)) ?? []),
    [rows, figure],
  );
  const selectedName = rows?.find((row) => row.code === selectedCode)?.name;
  useDocumentTitle(selectedName ? `${selectedName} – Coverage` : 'Coverage');

  const handleSelect = useCallback(
    (code: string) => void navigate({ pathname: `/coverage/${code}`, search }),
    [navigate, search],
  );

  function handleFigureChange(event: ChangeEvent<HTMLSelectElement>) {
    const next = parseFigure(event.target.value);
    setSearchParams(
      (params) => {
        if (next === DEFAULT_FIGURE) params.delete('figure');
        else params.set('figure', next);
        return params;
      },
      { replace: true },
    );
  }

  let body;
  if (coverage.isPending) {
    body = <LoadingMessage>Loading coverage…</LoadingMessage>;
  } else if (!rows) {
    body = <QueryError title="The coverage figures could not be loaded" query={coverage} />;
  } else if (rows.every((row) => row.activitiesListed === 0 && row.activitiesSupported === 0)) {
    body = (
      <div className="notice" data-testid="coverage-empty">
        <p>
          No activities are listed anywhere yet, so there is no coverage to show. Coverage appears
          here as providers list activities and contracts support them.
        </p>
        <p>
          <Link to="/activities">Browse activities</Link>
        </p>
      </div>
    );
  } else {
    body = (
      <>
        {coverage.isError ? (
          <QueryError
            title="The latest figures could not be loaded; these may be out of date"
            query={coverage}
          />
        ) : null}
        <div className="coverage-page__top">
          <div className="coverage-page__map-column">
            <div className="coverage-page__controls">
              <SelectField
                label="Colour the map by"
                value={figure}
                onChange={handleFigureChange}
                data-testid="coverage-figure"
              >
                {CoverageFigures.map((option: CoverageFigure) => (
                  <option key={option} value={option}>
                    {FIGURE_LABELS[option]}
                  </option>
                ))}
              </SelectField>
            </div>
            <div className="coverage-page__map" data-testid="coverage-map">
              <AtlasMap
                label={MAP_LABEL}
                scrollWheelZoom={false}
                skipTo={TABLE_ID}
                keysHint={KEYS_HINT}
              >
                <CoverageLayer
                  rows={rows}
                  figure={figure}
                  classification={classification}
                  selectedCode={selectedCode}
                  changedCodes={changedCodes}
                  onSelect={handleSelect}
                />
                <CoverageHexLayer code={selectedCode} />
              </AtlasMap>
              {territories.isPending ? (
                <div className="atlas-map__notice">
                  <LoadingMessage>Loading the territory shapes…</LoadingMessage>
                </div>
              ) : null}
              {territories.isError ? (
                <div className="atlas-map__notice">
                  <QueryError
                    title="The territory shapes could not be loaded"
                    query={territories}
                  />
                </div>
              ) : null}
            </div>
            <CoverageLegend figure={figure} classification={classification} />
          </div>
          <CoverageDetailPanel
            code={selectedCode}
            rows={rows}
            search={search}
            updated={selectedCode !== undefined && changedCodes.has(selectedCode)}
          />
        </div>
        <p className="visually-hidden" aria-live="polite">
          {selectedName ? `Showing ${selectedName}` : ''}
        </p>
        <CoverageTable id={TABLE_ID} rows={rows} search={search} changedCodes={changedCodes} />
      </>
    );
  }

  return (
    <div className="page coverage-page" data-testid="coverage-page">
      <section className="page__inner page__inner--wide" aria-labelledby={headingId}>
        <div className="page__head">
          <div>
            <h2 id={headingId}>Coverage</h2>
            <p className="page__intro">
              Where awarded contracts support community activities, and where the gaps are: by
              policing territory, from awarded Social Purchase Orders only.
            </p>
          </div>
          {/* Nothing is watched until the territories' figures have loaded. */}
          {rows ? <LiveStatus status={status} /> : null}
        </div>
        {body}
      </section>
    </div>
  );
}
