import { currentLanguage, LANGUAGE_KEY, type Language } from './i18n.js';

function setLanguage(language: Language): void {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
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
