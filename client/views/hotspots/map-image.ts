// The current map as an image for the briefing and the PNG export: the WebGL canvas (basemap and
// deck layers, drawn in the same pass) copied inside a 'render' callback, with a title bar and the
// legend redrawn on a 2D canvas from the legend's own DOM (same colours and numbers as on screen).

import type { Map as MapLibreMap } from 'maplibre-gl';
import { HEAT_RAMP, rgbCss } from '../../layers/colour-scale';

const FONT = "'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', sans-serif";

/** Copies the map canvas right after a fresh frame (the drawing buffer is valid during 'render'). */
export function grabMapCanvas(map: MapLibreMap): Promise<HTMLCanvasElement> {
  return new Promise((resolve) => {
    map.once('render', () => {
      const src = map.getCanvas();
      const copy = document.createElement('canvas');
      copy.width = src.width;
      copy.height = src.height;
      copy.getContext('2d')!.drawImage(src, 0, 0);
      resolve(copy);
    });
    map.triggerRepaint();
  });
}

interface LegendLine { kind: 'title' | 'item' | 'ramp' | 'note'; text: string; colour?: string }

/** Reads the legend DOM into lines: section titles, coloured items, ramps and notes. */
function legendLines(legend: HTMLElement | null): LegendLine[] {
  const lines: LegendLine[] = [];
  if (!legend) return lines;
  for (const sec of legend.querySelectorAll<HTMLElement>('.legend-section')) {
    const title = sec.querySelector('h3')?.textContent ?? '';
    if (title) lines.push({ kind: 'title', text: title });
    for (const el of sec.children) {
      if (!(el instanceof HTMLElement)) continue;
      if (el.classList.contains('legend-item')) {
        const sw = el.querySelector<HTMLElement>('.swatch');
        lines.push({ kind: 'item', text: el.textContent?.trim() ?? '', colour: sw ? getComputedStyle(sw).backgroundColor : undefined });
      } else if (el.classList.contains('legend-ramp')) {
        lines.push({ kind: 'ramp', text: '' });
      } else if (el.classList.contains('legend-ramp-labels')) {
        // the ends of a ramp are separate spans (low left, high right): keep them apart on the picture
        lines.push({ kind: 'note', text: Array.from(el.children, (c) => c.textContent?.trim() ?? '').filter(Boolean).join(' — ') });
      } else if (el.classList.contains('legend-note')) {
        lines.push({ kind: 'note', text: el.textContent?.replace(/\s+/g, ' ').trim() ?? '' });
      }
    }
  }
  return lines;
}

/** Map + title bar + legend box, at the canvas's device-pixel size. */
export async function composeMapImage(map: MapLibreMap, title: string, subtitle: string, legend: HTMLElement | null): Promise<HTMLCanvasElement> {
  const mapCanvas = await grabMapCanvas(map);
  const scale = window.devicePixelRatio || 1;
  const bar = Math.round(58 * scale);
  const out = document.createElement('canvas');
  out.width = mapCanvas.width;
  out.height = mapCanvas.height + bar;
  const g = out.getContext('2d')!;
  g.fillStyle = '#0b3d91';
  g.fillRect(0, 0, out.width, bar);
  g.fillStyle = '#ffffff';
  g.font = `600 ${Math.round(20 * scale)}px ${FONT}`;
  g.textBaseline = 'top';
  g.fillText(title, 14 * scale, 8 * scale);
  g.font = `${Math.round(13 * scale)}px ${FONT}`;
  g.fillText(subtitle, 14 * scale, 34 * scale);
  g.drawImage(mapCanvas, 0, bar);

  const lines = legendLines(legend);
  if (lines.length === 0) return out;
  const lh = 17 * scale, pad = 8 * scale;
  g.font = `${Math.round(12 * scale)}px ${FONT}`;
  const width = Math.min(out.width * 0.5, Math.max(...lines.map((l) => g.measureText(l.text).width)) + 30 * scale + 2 * pad);
  const height = lines.length * lh + 2 * pad;
  const x0 = 10 * scale, y0 = out.height - height - 24 * scale;
  g.fillStyle = 'rgba(255,255,255,0.94)';
  g.fillRect(x0, y0, width, height);
  lines.forEach((line, i) => {
    const y = y0 + pad + i * lh;
    g.fillStyle = '#1f2937';
    g.font = `${line.kind === 'title' ? '600 ' : ''}${Math.round(12 * scale)}px ${FONT}`;
    if (line.kind === 'ramp') {
      const grad = g.createLinearGradient(x0 + pad, 0, x0 + width - pad, 0);
      HEAT_RAMP.forEach((c, k) => grad.addColorStop(k / (HEAT_RAMP.length - 1), rgbCss(c)));
      g.fillStyle = grad;
      g.fillRect(x0 + pad, y + 3 * scale, width - 2 * pad, 10 * scale);
    } else if (line.kind === 'item') {
      g.fillStyle = line.colour ?? 'transparent';
      g.fillRect(x0 + pad, y + 2 * scale, 14 * scale, 12 * scale);
      g.strokeStyle = 'rgba(0,0,0,0.25)';
      g.strokeRect(x0 + pad, y + 2 * scale, 14 * scale, 12 * scale);
      g.fillStyle = '#1f2937';
      g.fillText(line.text, x0 + pad + 20 * scale, y + 1 * scale);
    } else {
      g.fillStyle = line.kind === 'note' ? '#6b7280' : '#1f2937';
      g.fillText(line.text, x0 + pad, y + 1 * scale);
    }
  });
  return out;
}

export function downloadCanvas(canvas: HTMLCanvasElement, filename: string): void {
  const a = document.createElement('a');
  a.href = canvas.toDataURL('image/png');
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
}
