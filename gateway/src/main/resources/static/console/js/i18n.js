// The console's texts: one JSON file per language; a text missing in a language is shown in English.

export const LANGUAGES = ['sv', 'en', 'is', 'fi', 'da'];
const NAMES = { sv: 'Svenska', en: 'English', is: 'Íslenska', fi: 'Suomi', da: 'Dansk' };
const loaded = {};
let current = 'en';

async function load(code) {
  if (!loaded[code]) {
    const response = await fetch(`i18n/${code}.json`);
    loaded[code] = response.ok ? await response.json() : {};
  }
  return loaded[code];
}

export async function useLanguage(code) {
  current = LANGUAGES.includes(code) ? code : 'en';
  await Promise.all([load('en'), load(current)]);
  document.documentElement.lang = current;
}

export function language() {
  return current;
}

export function languageName(code) {
  return NAMES[code];
}

/** The text of the key in the current language, with {name} replaced by vars.name. */
export function t(key, vars = {}) {
  let text = (loaded[current] && loaded[current][key]) ?? (loaded.en && loaded.en[key]) ?? key;
  for (const [name, value] of Object.entries(vars)) {
    text = text.replaceAll(`{${name}}`, String(value));
  }
  return text;
}

/** A status, channel or other code in words; the code itself when no text names it (a state added later). */
export function label(prefix, code) {
  const key = `${prefix}.${code}`;
  const text = t(key);
  return text === key ? String(code) : text;
}
