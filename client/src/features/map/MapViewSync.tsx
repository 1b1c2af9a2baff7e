import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';
import { readViewport, viewKey, type MapView, type MapViewport } from './map-view';

interface MapViewSyncProps {
  /** The view the page wants (from its URL); the map moves there when it changes. */
  view: MapView | undefined;
  /**
   * Told where the map looks: once at first (`moved` false), then each time a move has
   * settled.
   */
  onViewportChange: (viewport: MapViewport, moved: boolean) => void;
  /** How long a move must have ended before it is reported: panning fires many. */
  delayMs?: number;
}

/**
 * Keeps a map and a page's idea of its view in step, both ways: settled moves are reported
 * (debounced), and a view given from outside (the Back button restoring a URL) is applied.
 * A view the map itself reported is never applied back, which would yank a map that is
 * being dragged again to where it was a moment ago.
 */
export function MapViewSync({ view, onViewportChange, delayMs = 200 }: MapViewSyncProps) {
  const map = useMap();
  const onChangeRef = useRef(onViewportChange);
  const reportedRef = useRef<string | undefined>(undefined);

  useEffect(() => {
    onChangeRef.current = onViewportChange;
  }, [onViewportChange]);

  useEffect(() => {
    let timer: number | undefined;
    function report(moved: boolean) {
      const viewport = readViewport(map);
      reportedRef.current = viewKey(viewport.view);
      onChangeRef.current(viewport, moved);
    }
    function handleMoveEnd() {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => report(true), delayMs);
    }
    report(false);
    map.on('moveend', handleMoveEnd);
    return function stopReportingMoves() {
      window.clearTimeout(timer);
      map.off('moveend', handleMoveEnd);
    };
  }, [map, delayMs]);

  const lat = view?.lat;
  const lon = view?.lon;
  const zoom = view?.zoom;
  useEffect(() => {
    if (lat === undefined || lon === undefined || zoom === undefined) return;
    if (viewKey({ lat, lon, zoom }) === reportedRef.current) return;
    // Rounding in the URL moves the centre by a metre or so: not worth a jump.
    const offset = map.project([lat, lon], zoom).distanceTo(map.project(map.getCenter(), zoom));
    if (offset > 2 || Math.abs(map.getZoom() - zoom) > 0.05) {
      map.setView([lat, lon], zoom, { animate: false });
    }
  }, [map, lat, lon, zoom]);

  return null;
}
