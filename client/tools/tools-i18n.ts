// The map tools' words (measuring, share link, layer list, basemap), Chinese first.
import type { Lang } from '../i18n';

const zh = {
  'measure.distance': '测距',
  'measure.area': '测面',
  'measure.distanceTitle': '测量距离：在地图上依次单击，双击或回车结束，Esc 取消',
  'measure.areaTitle': '测量面积：在地图上依次单击围出范围，双击或回车结束，Esc 取消',
  'measure.start': '单击地图开始测量',
  'measure.length': '距离 {d}',
  'measure.areaValue': '面积 {a}',
  'measure.perimeter': '周长 {d}',
  'measure.clear': '清除',
  'measure.hint': '单击加点 · 双击/回车结束 · 退格撤销 · Esc 取消',
  'share.button': '链接',
  'share.title': '复制本视图的链接（标签页、筛选条件、图层与地图范围）',
  'share.copied': '链接已复制，打开即恢复当前视图',
  'share.manual': '复制下面的链接：',
  'layers.opacity': '{name}透明度',
  'layers.up': '上移 {name}',
  'layers.down': '下移 {name}',
  'layers.orderHint': '上面的图层压在下面的图层之上',
  'basemap.title': '底图',
  'basemap.offline': '离线底图（本辖区数据）',
  'basemap.online': '在线底图',
} as const;
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  'measure.distance': 'Dist.',
  'measure.area': 'Area',
  'measure.distanceTitle': 'Measure a distance: click points on the map, double-click or Enter to finish, Esc to cancel',
  'measure.areaTitle': 'Measure an area: click around it on the map, double-click or Enter to finish, Esc to cancel',
  'measure.start': 'Click the map to start measuring',
  'measure.length': 'Distance {d}',
  'measure.areaValue': 'Area {a}',
  'measure.perimeter': 'perimeter {d}',
  'measure.clear': 'Clear',
  'measure.hint': 'click to add · double-click/Enter to finish · Backspace to undo · Esc to cancel',
  'share.button': 'Link',
  'share.title': 'Copy a link to this view (tab, filters, layers and map extent)',
  'share.copied': 'Link copied: opening it restores this view',
  'share.manual': 'Copy this link:',
  'layers.opacity': '{name} opacity',
  'layers.up': 'Move {name} up',
  'layers.down': 'Move {name} down',
  'layers.orderHint': 'Layers higher in the list are drawn over lower ones',
  'basemap.title': 'Basemap',
  'basemap.offline': 'Offline (jurisdiction data)',
  'basemap.online': 'Online',
};

export type ToolsKey = Key;
export function tt(lang: Lang, key: Key, vars: Record<string, string | number> = {}): string {
  return (lang === 'zh' ? zh : en)[key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}
