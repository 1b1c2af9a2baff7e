import type { ReportActivityPoint } from '@shared/schemas/fulfilment';
import { AtlasMap } from '../map/AtlasMap';
import { ReportMapLayer } from './ReportMapLayer';

interface ReportMapProps {
  /** The territories the report covers; pass the same array while they stay the same. */
  territories: readonly { code: string; name: string }[];
  activities: readonly ReportActivityPoint[];
}

/** The small map of a report: its territories and the supported activities in them. */
export function ReportMap({ territories, activities }: ReportMapProps) {
  const where =
    territories.length > 0 ? territories.map((t) => t.name).join(', ') : 'the report’s territories';
  return (
    <figure className="report-map" data-testid="report-map">
      <AtlasMap
        className="atlas-map--small report-map__map"
        label={`Map of ${where} with the ${activities.length} supported activities as dots. Arrow keys pan, plus and minus zoom. The tables have the same figures.`}
        scrollWheelZoom={false}
      >
        <ReportMapLayer territories={territories} activities={activities} />
      </AtlasMap>
      <figcaption className="muted">
        {where}: outlined; each supported activity is an orange dot.
      </figcaption>
    </figure>
  );
}
