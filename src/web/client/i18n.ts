/**
 * Swedish first, English on request: the choice is kept on the device. Every text a page shows
 * comes from here, so both languages stay complete (a missing key shows the Swedish).
 */
export type Language = 'sv' | 'en';
const KEY = 'samlogg.language';

export function currentLanguage(): Language {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'sv';
}

export function setLanguage(language: Language): void {
  localStorage.setItem(KEY, language);
  document.documentElement.lang = language;
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

/** A button that switches language and redraws the page. */
export function languageToggle(redraw: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link-button';
  const label = () => {
    const english = currentLanguage() === 'en';
    button.textContent = english ? 'Svenska' : 'English';
    button.lang = english ? 'sv' : 'en';
  };
  label();
  button.addEventListener('click', () => {
    setLanguage(currentLanguage() === 'en' ? 'sv' : 'en');
    label();
    redraw();
  });
  return button;
}
