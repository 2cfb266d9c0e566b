// The phone page's words in Chinese (the default) and English, switched like the dashboard's (client/main.ts):
// ?lang=en wins, then the last choice on this device (the same storage key, so one choice serves both pages).
export type PhoneLang = 'zh' | 'en';

const zh = {
  title: '网格员 · 事件上报', langToggle: 'EN', offline: '离线',
  'tab.report': '上报', 'tab.mine': '我的上报', 'tab.queue': '待我处理',
  signInFirst: '请先登录后再上报事件。', signIn: '去登录',
  category: '事件类别', pickCategory: '请选择类别', description: '事件描述', descriptionHint: '发生了什么？如：某屯两户因宅基地边界发生争执',
  place: '位置', placeIs: '位置：{place}', noPlace: '尚未选择位置', gps: '当前位置（GPS）', noGps: '此设备不能定位，请在地图上选点或输入地址', locating: '定位中…', gpsFailed: '定位失败，请在地图上选点或输入地址',
  pickOnMap: '地图选点', addressHint: '或输入地址，如：向阳村', find: '查找', addressTooShort: '请输入至少两个字的地址，如：开通镇向阳村',
  placeKept: '；位置仍为：{place}', ambiguous: '地名重复，请加上乡镇或村名', notFound: '找不到该地址，请换个写法或在地图上选点',
  photo: '现场照片（可选）', takePhoto: '拍照或选择照片', changePhoto: '换一张照片', photoPreview: '照片预览', photoSize: '照片 {kb} KB', photoUnreadable: '无法读取该照片，请换一张 JPEG/PNG 照片',
  time: '发生时间', now: '现在', timeHint: '年-月-日 时:分（辖区时间），默认为现在', submit: '提交上报',
  needCategory: '请选择事件类别', needDescription: '请描述事件', needPlace: '请选择位置：当前位置、地图选点或输入地址',
  sending: '正在发送…', savedOffline: '网络不可用：已保存，联网后自动发送', reported: '已上报（编号 {id}）', refused: '上报未被接受：{reason}',
  pending: '待发送', pendingOffline: '待发送（无网络，联网后自动发送）', sendFailed: '发送失败，稍后重试',
  loading: '加载中…', noReports: '还没有上报过事件', cannotRead: '无法读取：{reason}', keptCopy: '{reason}。以下是 {at} 读取的状态', overdue: '超期',
  openReport: '查看办理经过', back: '‹ 返回我的上报', timeline: '办理经过', reportedAt: '上报时间', due: '办理时限', where: '地点', assignedTo: '承办人',
  noQueue: '没有派给我的事件', handleNote: '处置情况，如：已上门调解，双方达成协议', handleNoteLabel: '处置情况', handled: '处置完成', giveBack: '退回（非本人处理）',
  handledDone: '已提交处置，等待审核', returnedDone: '已退回', noServer: '无法连接服务器：{reason}',
  actor: '{name}', system: '系统',
};
type Key = keyof typeof zh;
const en: Record<Key, string> = {
  title: 'Grid member · Report', langToggle: '中文', offline: 'Offline',
  'tab.report': 'Report', 'tab.mine': 'My reports', 'tab.queue': 'My queue',
  signInFirst: 'Please sign in before reporting.', signIn: 'Sign in',
  category: 'Category', pickCategory: 'Choose a category', description: 'Description', descriptionHint: 'What happened? e.g. two households argue over a plot boundary',
  place: 'Place', placeIs: 'Place: {place}', noPlace: 'No place chosen yet', gps: 'Here (GPS)', noGps: 'This device cannot locate itself: pick on the map or type an address', locating: 'Locating…', gpsFailed: 'Could not locate: pick on the map or type an address',
  pickOnMap: 'Pick on map', addressHint: 'or type an address, e.g. 向阳村', find: 'Find', addressTooShort: 'Type at least two characters, e.g. 开通镇向阳村',
  placeKept: '; the place is still: {place}', ambiguous: 'More than one place has this name: add the township or village', notFound: 'Address not found: write it another way or pick on the map',
  photo: 'Photo (optional)', takePhoto: 'Take or choose a photo', changePhoto: 'Change the photo', photoPreview: 'Photo preview', photoSize: 'Photo {kb} KB', photoUnreadable: 'Cannot read this photo: choose a JPEG or PNG',
  time: 'When', now: 'Now', timeHint: 'YYYY-MM-DD HH:MM (jurisdiction time), now by default', submit: 'Send report',
  needCategory: 'Choose a category', needDescription: 'Describe what happened', needPlace: 'Choose a place: here, on the map or by address',
  sending: 'Sending…', savedOffline: 'No network: saved, it is sent once the network is back', reported: 'Reported (case {id})', refused: 'The report was not accepted: {reason}',
  pending: 'Waiting to send', pendingOffline: 'Waiting to send (no network; sent once it is back)', sendFailed: 'Sending failed; trying again later',
  loading: 'Loading…', noReports: 'No reports yet', cannotRead: 'Cannot read: {reason}', keptCopy: '{reason}. Below, the status as read at {at}', overdue: 'overdue',
  openReport: 'See its progress', back: '‹ Back to my reports', timeline: 'Progress', reportedAt: 'Reported', due: 'Due', where: 'Where', assignedTo: 'Handled by',
  noQueue: 'Nothing dispatched to you', handleNote: 'What was done, e.g. mediated at home, both sides agreed', handleNoteLabel: 'What was done', handled: 'Mark handled', giveBack: 'Give back (not mine to handle)',
  handledDone: 'Marked handled; waiting for the check', returnedDone: 'Given back', noServer: 'Cannot reach the server: {reason}',
  actor: '{name}', system: 'System',
};
const DICT: Record<PhoneLang, Record<Key, string>> = { zh, en };

const LANG_KEY = 'pingan.lang';
let lang: PhoneLang = initialLang();

function initialLang(): PhoneLang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'zh' || fromUrl === 'en') return fromUrl;
  try {
    const saved = localStorage.getItem(LANG_KEY);
    if (saved === 'zh' || saved === 'en') return saved;
  } catch { /* storage disabled: Chinese */ }
  return 'zh';
}

export const phoneLang = (): PhoneLang => lang;

export function setPhoneLang(next: PhoneLang): void {
  lang = next;
  try { localStorage.setItem(LANG_KEY, next); } catch { /* not kept: harmless */ }
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}

/** The text of `key` in the page's language, {name}s filled in. */
export function pt(key: Key, vars: Record<string, string | number> = {}): string {
  return DICT[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

export type PhoneKey = Key;
/** Both dictionaries, for the test that every key has both languages. */
export const PHONE_TEXTS = DICT;
