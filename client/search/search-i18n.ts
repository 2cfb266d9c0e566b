// The search box's words, Chinese first.
import type { Lang } from '../i18n';
import type { SearchKind } from './search-api';

const zh = {
  placeholder: '搜索地点、地址、监控编号、事件编号',
  label: '搜索',
  hint: '输入乡镇、村、网格、地址、监控或事件编号；↑↓ 选择，回车定位，Esc 关闭；按 / 键开始搜索',
  searching: '搜索中…',
  none: '未找到「{q}」（仅在您的辖区内搜索）',
  failed: '搜索失败：{msg}',
  clear: '清除搜索结果',
  'kind.township': '乡镇',
  'kind.village': '村/社区',
  'kind.grid': '网格',
  'kind.address': '地址',
  'kind.camera': '监控',
  'kind.case': '事件',
  'level.township': '乡镇',
  'level.village': '村',
  'level.hamlet': '自然屯',
  'level.road': '道路',
  'level.site': '场所',
  'level.number': '门牌',
  'level.county': '县',
  caseNo: '事件编号 {id}',
} as const;
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  placeholder: 'Search places, addresses, cameras, case numbers',
  label: 'Search',
  hint: 'Type a township, village, grid, address, camera or case number; ↑↓ to choose, Enter to go, Esc to close; press / to search',
  searching: 'Searching…',
  none: 'Nothing found for “{q}” (only in your jurisdiction)',
  failed: 'Search failed: {msg}',
  clear: 'Clear the search result',
  'kind.township': 'Township',
  'kind.village': 'Village',
  'kind.grid': 'Grid',
  'kind.address': 'Address',
  'kind.camera': 'Camera',
  'kind.case': 'Case',
  'level.township': 'township',
  'level.village': 'village',
  'level.hamlet': 'hamlet',
  'level.road': 'road',
  'level.site': 'site',
  'level.number': 'house number',
  'level.county': 'county',
  caseNo: 'Case {id}',
};

export function st(lang: Lang, key: Key, vars: Record<string, string | number> = {}): string {
  return (lang === 'zh' ? zh : en)[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
export const kindLabel = (lang: Lang, kind: SearchKind) => st(lang, `kind.${kind}`);
export const levelLabel = (lang: Lang, level: string) => (`level.${level}` in zh ? st(lang, `level.${level}` as Key) : level);
