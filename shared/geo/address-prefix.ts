// The administrative head of an address written from the jurisdiction's chain: province, prefecture, county
// (and, in a prefecture-level city, the county a place lies in). The national list names some links of a chain
// with words that are no part of an address (市辖区 under a municipality, 县 under 重庆市, 省直辖县级行政区划),
// and some links twice: a prefecture-level city as the jurisdiction is its own prefecture (乌海市 in 乌海市), a
// city without counties has a county-level unit of its own name (东莞市 in 东莞市). Written name after name,
// these read "北京市市辖区东城区" or "内蒙古自治区乌海市乌海市"; a person writes "北京市东城区", "内蒙古自治区乌海市".

/** Links of the national list that are groupings, not places an address names. */
export const PLACEHOLDER_DIVISION = /直辖|^市辖区$|^县$/;

/** The links' names joined in order, leaving out empty ones, placeholders and a name already written (a link
 * may itself be a prefix written before: 内蒙古自治区乌海市 then 乌海市 stays 内蒙古自治区乌海市). */
export function addressPrefix(...names: readonly (string | null | undefined)[]): string {
  const kept: string[] = [];
  let text = '';
  for (const raw of names) {
    const name = raw?.trim();
    if (!name || PLACEHOLDER_DIVISION.test(name) || kept.includes(name) || text.endsWith(name)) continue;
    kept.push(name);
    text += name;
  }
  return text;
}
