// An address as people of the county say it: the reverse geocoder and imported files write the whole chain
// (吉林省白城市通榆县开通镇永青村上曾屯); inside the county's own dashboard and phone page the province, city and
// county in front are noise that pushes the township and village — what the reader needs — off the line.

/** The address from the township on when it names the jurisdiction (county or city) in front, else as given. */
export function localAddress(address: string | null | undefined, jurisdictionName: string | null | undefined): string {
  const a = (address ?? '').trim();
  if (!a || !jurisdictionName) return a;
  const at = a.indexOf(jurisdictionName);
  if (at < 0) return a;
  const rest = a.slice(at + jurisdictionName.length).trim();
  return rest || a; // the jurisdiction's name alone stays, rather than nothing
}
