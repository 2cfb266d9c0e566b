// What a failed request tells the user. fetch() itself rejects when the network is down or the server is away,
// with the browser's own English words ("Failed to fetch", "NetworkError when attempting to fetch resource",
// "Load failed"): a grid member in a village with no signal must read, in the page's language, that the network
// is the problem and what happens next — not the browser's message.
export type FailureLang = 'zh' | 'en';

const NETWORK = {
  zh: '网络不可用，请检查网络后重试',
  en: 'No network: check the connection and try again',
};

/** True for the rejection fetch() gives when no answer came (offline, DNS, connection refused or reset). */
export function isNetworkFailure(e: unknown): boolean {
  return e instanceof TypeError || (e instanceof DOMException && e.name === 'NetworkError');
}

/** The message to show for a failed request: the server's reason as it was given, or the network's in words. */
export function failureMessage(e: unknown, lang: FailureLang = 'zh'): string {
  if (isNetworkFailure(e)) return NETWORK[lang];
  return e instanceof Error && e.message ? e.message : NETWORK[lang];
}
