// Heat at street zoom asks for the view, not the county (client/layers/heat-extent.ts): at the county's fit the
// heat request has no bbox; from zoom band 12 on it carries a box that holds the view; a small pan asks nothing,
// a pan out of the box asks for the new place's box, and back at the county's zoom the whole county is asked again.
import { describe, expect, it } from 'vitest';
import { useDashboard, LAPTOP } from '../support/dashboard-session.js';

const { session, page } = useDashboard({ viewport: LAPTOP });

type View = [number, number, number, number];
const heatAsked: URL[] = [];
const view = () => page.evaluate(() => { const b = window.__pingan!.map.getBounds(); return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] as View; });
const jump = async (fn: string, arg: unknown) => {
  await page.evaluate(([f, a]) => { const m = window.__pingan!.map; (new Function('m', 'a', f as string))(m, a); }, [fn, arg] as const);
  await session.settled();
};
const boxOf = (u: URL) => (u.searchParams.get('bbox') ?? '').split(',').map(Number) as View;
const holds = (b: View, v: View) => b[0] <= v[0] && b[1] <= v[1] && b[2] >= v[2] && b[3] >= v[3];

describe('heat for the view at street zoom', () => {
  it('asks the county below band 12 and the padded view from it on, and again only when the view leaves the box', async () => {
    page.on('request', (r) => { if (r.url().includes('/api/incidents/heat')) heatAsked.push(new URL(r.url())); });
    const centre = await page.evaluate(() => window.__pingan!.map.getCenter().toArray());
    // zoom 13 (band 12) at the county's centre
    await jump('m.jumpTo({ center: a, zoom: 13 })', centre);
    const atStreet = heatAsked.at(-1)!;
    expect(atStreet.searchParams.get('zoom')).toBe('12');
    const street = await view();
    const box = boxOf(atStreet);
    expect(box.every(Number.isFinite) && holds(box, street), `${box} holds ${street}`).toBe(true);
    // a small part of the county, not the county
    const { county } = (await (await session.request('/api/meta')).json()) as { county: { bbox: View } };
    const area = (b: View) => (b[2] - b[0]) * (b[3] - b[1]);
    expect(area(box) / area(county.bbox)).toBeLessThan(0.1);
    expect(await page.locator('#legend-heat .legend-max').count(), 'the heat legend is shown for the view').toBe(1);

    // a pan of a tenth of the view stays inside the box: no request
    const asked = heatAsked.length;
    await jump('m.panBy([a, 0], { animate: false })', Math.round(LAPTOP.width / 10));
    expect(heatAsked.length).toBe(asked);

    // two views east: out of the box, a new box that holds the new view
    await jump('m.panBy([a, 0], { animate: false })', 2 * LAPTOP.width);
    expect(heatAsked.length).toBe(asked + 1);
    const moved = boxOf(heatAsked.at(-1)!);
    expect(holds(moved, await view())).toBe(true);
    expect(moved[0]).toBeGreaterThan(box[0]);

    // back to the county's zoom: the whole county, no bbox
    await jump('m.jumpTo({ center: a, zoom: 8.5 })', centre);
    const whole = heatAsked.at(-1)!;
    expect(whole.searchParams.get('zoom')).toBe('8');
    expect(whole.searchParams.has('bbox')).toBe(false);
  }, 240_000);
});
