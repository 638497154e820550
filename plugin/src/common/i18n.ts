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

/** Each key once with its English and Japanese text side by side (the record panel's smaller form of a catalog). */
export type PairedCatalog<K extends string> = Record<K, readonly [en: string, ja: string]>;

export type Params = Record<string, string | number>;
export type Translate<K extends string> = (key: K, params?: Params) => string;

function fill(message: string, params: Params | undefined): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    params && name in params ? String(params[name]) : whole,
  );
}

export function translator<K extends string>(catalog: Catalog<K>, lang: Lang): Translate<K> {
  const messages = catalog[lang];
  return (key, params) => fill(messages[key], params);
}

export function pairedTranslator<K extends string>(catalog: PairedCatalog<K>, lang: Lang): Translate<K> {
  const index = lang === 'ja' ? 1 : 0;
  return (key, params) => fill(catalog[key][index], params);
}
