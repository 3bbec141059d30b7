import * as maplibregl from 'maplibre-gl';

function label(className: string, text: string): HTMLElement {
  const el = document.createElement('div');
  el.className = className;
  el.textContent = text;
  return el;
}

/**
 * Case counts on cluster circles as HTML markers (the offline basemap has no glyphs for text
 * layers), kept in step with the clusters the map currently shows.
 */
export class ClusterLabels {
  private readonly markers = new Map<number, maplibregl.Marker>();
  private visible = true;
  private readonly update = () => this.sync();

  constructor(
    private readonly map: maplibregl.Map,
    private readonly source: string,
  ) {
    map.on('render', this.update);
  }

  setVisible(visible: boolean) {
    this.visible = visible;
    this.sync();
  }

  private sync() {
    if (!this.map.getSource(this.source)) return;
    const seen = new Set<number>();
    if (this.visible)
      for (const f of this.map.querySourceFeatures(this.source)) {
        const p = f.properties;
        if (!p.cluster) continue;
        const id = Number(p.cluster_id);
        if (seen.has(id)) continue;
        seen.add(id);
        if (!this.markers.has(id) && f.geometry.type === 'Point') {
          const [lng = 0, lat = 0] = f.geometry.coordinates;
          const marker = new maplibregl.Marker({
            element: label('cluster-count', String(p.point_count_abbreviated ?? p.point_count)),
          })
            .setLngLat([lng, lat])
            .addTo(this.map);
          this.markers.set(id, marker);
        }
      }
    for (const [id, marker] of this.markers)
      if (!seen.has(id)) {
        marker.remove();
        this.markers.delete(id);
      }
  }

  remove() {
    this.map.off('render', this.update);
    for (const marker of this.markers.values()) marker.remove();
    this.markers.clear();
  }
}

/** Street names at their points, shown between district and street-level zooms. */
export class PlaceLabels {
  private readonly markers: maplibregl.Marker[];
  private readonly update = () => {
    const z = this.map.getZoom();
    const show = z >= 11 && z < 16.5;
    for (const m of this.markers) m.getElement().style.display = show ? '' : 'none';
  };

  constructor(
    private readonly map: maplibregl.Map,
    places: { name: string; lng: number; lat: number }[],
  ) {
    this.markers = places.map((p) =>
      new maplibregl.Marker({ element: label('place-label', p.name) })
        .setLngLat([p.lng, p.lat])
        .addTo(map),
    );
    map.on('zoomend', this.update);
    this.update();
  }

  remove() {
    this.map.off('zoomend', this.update);
    for (const m of this.markers) m.remove();
  }
}
