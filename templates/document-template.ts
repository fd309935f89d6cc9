import type { PdfComposer } from '../src/documents/rendering/pdf-composer';

/** Words of one document in one language; `{name}` marks a value filled in at render time. */
export type Wording = Record<string, string>;

export type Translate = (key: string, params?: Record<string, string | number>) => string;

/**
 * One PDF layout. `wording` holds every word the layout prints, per language: adding a language to a
 * document type means adding one more entry here (and in common.ts), never code.
 */
export interface DocumentTemplate<ViewModel> {
  type: string;
  wording: Record<string, Wording>;
  render(pdf: PdfComposer, vm: ViewModel, t: Translate): void;
}

export function translator(...wordings: Wording[]): Translate {
  const merged: Wording = Object.assign({}, ...wordings);
  return (key, params = {}) => {
    const text = merged[key];
    if (text === undefined) throw new Error(`no wording for "${key}"`);
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}
