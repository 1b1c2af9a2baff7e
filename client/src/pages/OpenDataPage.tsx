import { QueryState } from '../components/QueryState';
import { OpenDatasetList } from '../features/open-data/OpenDatasetList';
import { useOpenDataIndex } from '../features/open-data/open-data.queries';
import { useDocumentTitle } from '../lib/document-title';

/** `/open-data`: what the atlas publishes as open data, where, and under which licence. */
export function OpenDataPage() {
  useDocumentTitle('Open data');
  const index = useOpenDataIndex();
  return (
    <div className="page">
      <article className="page__inner page__inner--wide" aria-labelledby="open-data-heading">
        <h2 id="open-data-heading">Open data</h2>
        <QueryState
          query={index}
          loading="Loading the open data…"
          errorTitle="The list of open data could not be loaded"
          empty={{
            when: (data) => data.datasets.length === 0,
            content: <p>Nothing is published yet.</p>,
          }}
        >
          {(data) => (
            <>
              <p className="page__intro">
                {data.publisher.name} publishes its public data at stable addresses, free to reuse
                under the <a href={data.licence.url}>{data.licence.name}</a>: awarded contracts,
                community activities, confirmed cash contributions and coverage by territory. Bids
                that did not win, draft tenders and anything a provider has not confirmed are never
                published.
              </p>
              <OpenDatasetList datasets={data.datasets} />
            </>
          )}
        </QueryState>
      </article>
    </div>
  );
}
