import type {
  ActivityMapFeature,
  ActivityPointProperties,
  ClusterProperties,
} from '@shared/schemas/activities';

/** A single activity's marker in pixels: over WCAG 2.2's 24 px minimum target. */
export const MARKER_PX = 28;

/** The groups' sizes and colours, smallest first, as the key lists them. */
export const CLUSTER_TIERS = [
  { name: 'small', below: 10, label: 'Fewer than 10' },
  { name: 'medium', below: 100, label: '10 to 99' },
  { name: 'large', below: 1000, label: '100 to 999' },
  { name: 'huge', below: Infinity, label: '1,000 or more' },
] as const;

/** The tier a group of `count` activities is drawn in. */
export function clusterTier(count: number): string {
  return CLUSTER_TIERS.find((tier) => count < tier.below)?.name ?? 'huge';
}

/** Bigger groups are bigger circles, on a log scale so that a city does not cover a county. */
export function clusterSize(count: number): number {
  return Math.round(28 + Math.min(1, Math.log10(Math.max(count, 1)) / 4) * 28);
}

/** "12", "1.2k", "34k": short enough to fit inside the circle; `data-count` keeps the exact figure. */
export function shortCount(count: number): string {
  if (count < 1000) return String(count);
  if (count < 10_000) return `${(count / 1000).toFixed(1).replace(/\.0$/, '')}k`;
  return `${Math.round(count / 1000)}k`;
}

/** A marker's size in pixels: a group's grows with its count. */
export function markerSize(feature: ActivityMapFeature): number {
  const props = feature.properties;
  return props.kind === 'cluster' ? clusterSize(props.count) : MARKER_PX;
}

type Project = (lon: number, lat: number) => { x: number; y: number };

interface Placed {
  feature: ActivityMapFeature;
  x: number;
  y: number;
  size: number;
}

function asCluster(feature: ActivityMapFeature): ClusterProperties {
  const props: ClusterProperties | ActivityPointProperties = feature.properties;
  if (props.kind === 'cluster') return props;
  const [lon = 0, lat = 0] = feature.geometry.coordinates;
  return {
    kind: 'cluster',
    count: 1,
    fundingGapPence: props.fundingGapPence,
    bbox: [lon, lat, lon, lat],
  };
}

/** Two markers as one group: their counts and gaps added, at their weighted middle. */
function merge(a: Placed, b: Placed, project: Project): Placed {
  const one = asCluster(a.feature);
  const two = asCluster(b.feature);
  const count = one.count + two.count;
  const [lonA = 0, latA = 0] = a.feature.geometry.coordinates;
  const [lonB = 0, latB = 0] = b.feature.geometry.coordinates;
  const lon = (lonA * one.count + lonB * two.count) / count;
  const lat = (latA * one.count + latB * two.count) / count;
  const feature: ActivityMapFeature = {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [lon, lat] },
    properties: {
      kind: 'cluster',
      count,
      fundingGapPence: one.fundingGapPence + two.fundingGapPence,
      bbox: [
        Math.min(one.bbox[0], two.bbox[0]),
        Math.min(one.bbox[1], two.bbox[1]),
        Math.max(one.bbox[2], two.bbox[2]),
        Math.max(one.bbox[3], two.bbox[3]),
      ],
    },
  };
  const { x, y } = project(lon, lat);
  return { feature, x, y, size: clusterSize(count) };
}

/** Whether two markers' boxes (what a pointer can hit) overlap, or nearly. */
function overlap(a: Placed, b: Placed): boolean {
  const reach = (a.size + b.size) / 2 + 2;
  return Math.abs(a.x - b.x) < reach && Math.abs(a.y - b.y) < reach;
}

/**
 * The API groups activities in square cells of the screen, and places each group at its
 * activities' middle, so two groups from neighbouring cells can be drawn on top of each other,
 * one hiding part of the other (too small a target to hit, WCAG 2.2 2.5.8). Here markers whose
 * boxes overlap become one group, until none do; the counts still add up to the same total.
 * At street level (no groups in the answer) single activities are left where they are: a group
 * there could not be split by zooming in.
 */
export function separateMarkers(
  features: readonly ActivityMapFeature[],
  project: Project,
): ActivityMapFeature[] {
  if (!features.some((feature) => feature.properties.kind === 'cluster')) return [...features];
  let placed: Placed[] = features.map((feature) => {
    const [lon = 0, lat = 0] = feature.geometry.coordinates;
    return { feature, ...project(lon, lat), size: markerSize(feature) };
  });
  for (let merged = true; merged;) {
    merged = false;
    search: for (let i = 0; i < placed.length; i += 1) {
      for (let j = i + 1; j < placed.length; j += 1) {
        const a = placed[i]!;
        const b = placed[j]!;
        if (!overlap(a, b)) continue;
        placed = [...placed.slice(0, i), merge(a, b, project), ...placed.slice(i + 1)];
        placed.splice(j, 1);
        merged = true;
        break search;
      }
    }
  }
  return placed.map((p) => p.feature);
}
