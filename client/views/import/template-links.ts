// The links to a kind's template files in the import dialog (CSV, XLSX or GeoJSON, made in the browser by
// import-templates.ts): listed at once, and on a click made with the jurisdiction's own centre, code, last day
// of data and a category of its own, so the example rows land inside the county.
import { getJson, type Meta } from '../../api';
import { h } from '../dom';
import type { ImportTarget } from './import-api';
import type { importStrings } from './import-i18n';
import { templatesFor, type TemplateContext } from './import-templates';

/** Enough to list a kind's template formats; the files themselves use the jurisdiction (templateContext). */
const TEMPLATE_PLACEHOLDER: TemplateContext = { centre: [0, 0], countyCode: '000000', lastDay: '2000-01-01', category: '' };

let meta: Promise<Meta> | null = null;
/** The jurisdiction's centre, code, last day of data and a category of its own, for the example rows. */
async function templateContext(): Promise<TemplateContext> {
  meta ??= getJson<Meta>('/api/meta').catch((err: unknown) => ((meta = null), Promise.reject(err)));
  const m = await meta;
  return { centre: m.county.centre, countyCode: m.county.code, lastDay: m.dataRange?.to ?? new Date().toISOString().slice(0, 10), category: m.categories[0]?.zh ?? '' };
}

/** The template files of the chosen kind, each a link that downloads it. */
export function templateLinks(s: ReturnType<typeof importStrings>, target: ImportTarget): HTMLElement {
  const box = h('span', { class: 'import-templates', id: 'import-templates', title: s.templateTitle }, s.templates, ' ');
  templatesFor(target, TEMPLATE_PLACEHOLDER).forEach((t, i) => {
    const a = h('a', { href: '#', class: 'import-template', 'data-format': t.format }, t.format.toUpperCase());
    a.addEventListener('click', (e) => {
      e.preventDefault();
      void templateContext().then((c) => {
        const file = templatesFor(target, c)[i];
        const url = URL.createObjectURL(new Blob([file.data as BlobPart], { type: file.type }));
        const link = h('a', { href: url, download: file.filename });
        document.body.append(link);
        link.click();
        link.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      });
    });
    if (i) box.append(' · ');
    box.append(a);
  });
  return box;
}
