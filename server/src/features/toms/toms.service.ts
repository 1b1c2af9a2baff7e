import type { FrameworkView, MeasureView } from '@shared/schemas/toms';
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

    async measures(framework?: string): Promise<MeasureView[]> {
      return (await repo.measures(framework)).map((m) => ({
        framework: m.framework_id,
        code: m.code,
        theme: m.theme,
        measure: m.measure,
        unit: m.unit,
        // numeric::text keeps trailing zeros (30782.000000): show the value as written.
        proxyValueGbp: m.proxy_value_gbp.replace(/\.?0+$/, ''),
      }));
    },
  };
}

export type TomsService = ReturnType<typeof createTomsService>;
