// fontkit (pdfkit's own font engine) ships no type declarations; this is the one call used here.
declare module 'fontkit' {
  export interface Font {
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
