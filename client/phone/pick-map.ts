// The phone's map for picking a place by tapping: loaded on demand (a dynamic import), so the report page
// itself does not carry maplibre.
import 'maplibre-gl/dist/maplibre-gl.css';
import maplibregl from 'maplibre-gl';

export function openPickMap(container: HTMLElement, styleUrl: string, start: { centre: [number, number]; zoom: number; marker?: [number, number] }, onPick: (lon: number, lat: number) => void): void {
  const map = new maplibregl.Map({ container, style: styleUrl, center: start.centre, zoom: start.zoom, attributionControl: false });
  const marker = new maplibregl.Marker({ color: '#c0392b' });
  if (start.marker) marker.setLngLat(start.marker).addTo(map);
  map.on('click', (e) => {
    marker.setLngLat(e.lngLat).addTo(map);
    onPick(e.lngLat.lng, e.lngLat.lat);
  });
}
