import type { OpenDataset } from '@shared/schemas/open-data';
import './open-data.css';

const FORMAT_LABELS: Record<OpenDataset['format'], string> = {
  json: 'JSON',
  geojson: 'GeoJSON',
  csv: 'CSV',
};

/** The published datasets, each with its address, standard, paging, licence and attribution. */
export function OpenDatasetList({ datasets }: { datasets: OpenDataset[] }) {
  return (
    <ul className="open-data__list" data-testid="open-data-list">
      {datasets.map((d) => (
        <li key={d.id} className="open-data__item" data-testid={`open-data-${d.id}`}>
          <h3 id={`dataset-${d.id}`}>{d.title}</h3>
          <p>{d.description}</p>
          <dl className="open-data__facts">
            <dt>Address</dt>
            <dd>
              <a href={d.url} aria-describedby={`dataset-${d.id}`}>
                {d.url}
              </a>{' '}
              ({FORMAT_LABELS[d.format]})
            </dd>
            {d.standard ? (
              <>
                <dt>Standard</dt>
                <dd>
                  <a href={d.standard.url}>{d.standard.name}</a> {d.standard.version}
                </dd>
              </>
            ) : null}
            {d.paging ? (
              <>
                <dt>Paging</dt>
                <dd>{d.paging}</dd>
              </>
            ) : null}
            <dt>Licence</dt>
            <dd>
              <a href={d.licence.url}>{d.licence.name}</a>
            </dd>
            {d.attribution.length > 0 ? (
              <>
                <dt>Attribution</dt>
                <dd>{d.attribution.join(' ')}</dd>
              </>
            ) : null}
          </dl>
        </li>
      ))}
    </ul>
  );
}
