// Strings of the data-import dialog, Chinese first.
import type { Lang } from '../../i18n';

const zh = {
  open: '数据导入',
  title: '数据导入 · 事件',
  close: '关闭',
  file: '选择 CSV 文件',
  fileHint: '列名可用中文或英文：编号、类别、时间、经度、纬度、地址、描述、状态。只有地址的行会自动地理编码。',
  crs: '坐标系',
  encoding: '文件编码',
  partial: '只导入合格行（不合格行另存下载）',
  mapping: '列对应',
  ignored: '（不导入）',
  preview: '预览（前 {n} 行）',
  checking: '正在检查…',
  uploading: '上传中 {pct}%',
  processing: '服务器处理中…',
  summary: '合格 {valid} 行，不合格 {rejected} 行',
  geocoded: '按地址定位：{list}',
  importBtn: '导入',
  importPartialBtn: '导入合格的 {n} 行',
  done: '已导入 {n} 条事件，地图与统计已刷新。',
  refused: '未导入：{error}',
  rejectedTitle: '不合格的行',
  download: '下载不合格行（CSV）',
  line: '行号',
  reason: '原因',
  col: { line: '行', category: '类别', time: '时间（北京时间）', lonlat: '经纬度（WGS-84）', grid: '网格', geocode: '定位' },
  more: '…另有 {n} 行',
  exportLabel: '导出当前筛选的事件：',
} as const;

type Strings = { [K in keyof typeof zh]: (typeof zh)[K] extends string ? string : { [C in keyof (typeof zh)[K]]: string } };

const en: Strings = {
  open: 'Import data',
  title: 'Import · incidents',
  close: 'Close',
  file: 'Choose a CSV file',
  fileHint: 'Headers in Chinese or English: id, category, reported_at, lon, lat, address, title, status. Rows with only an address are geocoded.',
  crs: 'Coordinates',
  encoding: 'Encoding',
  partial: 'Import the good rows only (download the refused ones)',
  mapping: 'Columns',
  ignored: '(not imported)',
  preview: 'Preview (first {n} rows)',
  checking: 'Checking…',
  uploading: 'Uploading {pct}%',
  processing: 'Server is processing…',
  summary: '{valid} good rows, {rejected} refused',
  geocoded: 'Located by address: {list}',
  importBtn: 'Import',
  importPartialBtn: 'Import the {n} good rows',
  done: 'Imported {n} incidents; map and figures reloaded.',
  refused: 'Nothing imported: {error}',
  rejectedTitle: 'Refused rows',
  download: 'Download refused rows (CSV)',
  line: 'Line',
  reason: 'Reason',
  col: { line: 'Line', category: 'Category', time: 'Time (Beijing)', lonlat: 'Lon/lat (WGS-84)', grid: 'Grid', geocode: 'Located by' },
  more: '… {n} more',
  exportLabel: 'Export the filtered incidents:',
};

export const importStrings = (lang: Lang): Strings => (lang === 'zh' ? (zh as unknown as Strings) : en);
export const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
