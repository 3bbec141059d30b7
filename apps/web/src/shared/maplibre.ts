import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';

/**
 * MapLibre with its stylesheet and worker (a separate module file, see vite's `?url`) set up
 * once, for every map in the web app. Import it from here, not from 'maplibre-gl'.
 */
maplibregl.setWorkerUrl(workerUrl);

export { maplibregl };
