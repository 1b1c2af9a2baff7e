import type { FrameworkView, MeasureView } from '@shared/schemas/toms';
import { searchMeasures } from '@shared/toms-search';
import type { ServiceDeps } from '../../composition';

/** Social value frameworks and their measures (public reference data). */
export function createTomsService({ repos }: Pick<ServiceDeps, 'repos'>) {
  const repo = repos.toms;
  return {
    async frameworks(): Promise<FrameworkView[]> {
      return (await repo.frameworks()).map((f) => ({
        id: f.id,
        name: f.name,
        source: f.source,
        licence: f.licence,
        measureCount: f.measure_count,
      }));
    },

    /** Every measure (of one framework), or those a search finds, best first. */
    async measures(framework?: string, q?: string): Promise<MeasureView[]> {
      const measures = (await repo.measures(framework)).map((m) => ({
        framework: m.framework_id,
        code: m.code,
        theme: m.theme,
        measure: m.measure,
        unit: m.unit,
        // numeric::text keeps trailing zeros (30782.000000): show the value as written.
        proxyValueGbp: m.proxy_value_gbp.replace(/\.?0+$/, ''),
      }));
      // A framework holds tens or hundreds of measures: searching them here, with the same
      // code as the picker, beats keeping a second (SQL) idea of what matches.
      return q ? searchMeasures(measures, q) : measures;
    },
  };
}

export type TomsService = ReturnType<typeof createTomsService>;
