// The phone's map for picking a place by tapping: loaded on demand (a dynamic import), so the report page
// itself does not carry maplibre. Its marker shows the place chosen last, whichever way it was chosen: a GPS fix
// or an address found after the map was opened moves the marker there (and the map to it), so the map never
// shows one place while the form says another.
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibregl from 'maplibre-gl';

export interface PickMap {
  /** Puts the marker on a place chosen some other way and centres the map on it (street zoom). */
  show(lon: number, lat: number): void;
}

export function openPickMap(container: HTMLElement, styleUrl: string, start: { centre: [number, number]; zoom: number; marker?: [number, number] }, onPick: (lon: number, lat: number) => void): PickMap {
  const map = new maplibregl.Map({ container, style: styleUrl, center: start.centre, zoom: start.zoom, attributionControl: false });
  const marker = new maplibregl.Marker({ color: '#c0392b' });
  if (start.marker) marker.setLngLat(start.marker).addTo(map);
  map.on('click', (e) => {
    marker.setLngLat(e.lngLat).addTo(map);
    onPick(e.lngLat.lng, e.lngLat.lat);
  });
  return {
    show(lon, lat) {
      marker.setLngLat([lon, lat]).addTo(map);
      map.jumpTo({ center: [lon, lat], zoom: Math.max(map.getZoom(), 15) });
    },
  };
}
