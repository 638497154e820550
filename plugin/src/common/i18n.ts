/** The plug-in speaks the kintone user's language: Japanese for "ja", English otherwise. */
export type Lang = 'ja' | 'en';

export function langOf(language: string): Lang {
  return language === 'ja' ? 'ja' : 'en';
}

/** Both languages must define every key; the type of `ja` is checked against `en`. */
export interface Catalog<K extends string> {
  en: Record<K, string>;
  ja: Record<K, string>;
}

export type Params = Record<string, string | number>;
export type Translate<K extends string> = (key: K, params?: Params) => string;

export function translator<K extends string>(catalog: Catalog<K>, lang: Lang): Translate<K> {
  const messages = catalog[lang];
  return (key, params) =>
    messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      params && name in params ? String(params[name]) : whole,
    );
}
