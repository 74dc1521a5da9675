/**
 * Swedish first, English on request: the choice is kept on the device. Every text a page shows
 * comes from here, so both languages stay complete (a missing key shows the Swedish).
 */
export type Language = 'sv' | 'en';
export const LANGUAGE_KEY = 'samlogg.language';
const KEY = LANGUAGE_KEY;

/** The device's storage; absent outside a browser (the texts are tested in Node), where it is Swedish. */
const deviceStorage = () => (globalThis as { localStorage?: { getItem(key: string): string | null; setItem(key: string, value: string): void } }).localStorage;

export function currentLanguage(): Language {
  return deviceStorage()?.getItem(KEY) === 'en' ? 'en' : 'sv';
}

export type Texts = Readonly<Record<string, { readonly sv: string; readonly en: string }>>;

/** A translator over a page's texts; `{name}` in a text is filled from `values`. */
export function translator(texts: Texts) {
  return (key: string, values: Readonly<Record<string, string | number>> = {}): string => {
    const entry = texts[key];
    const text = entry ? entry[currentLanguage()] || entry.sv : key;
    return text.replace(/\{(\w+)\}/g, (_match, name: string) => String(values[name] ?? `{${name}}`));
  };
}
