import type { Wording } from './document-template';

/** Words printed on every document: header, footer, QR caption, shared field labels. */
export const COMMON_WORDING: Record<string, Wording> = {
  es: {
    documentNumber: 'Documento n.º {number}',
    centre: 'Centro',
    issued: 'Emitido el {time}',
    page: 'Página {page} de {pages}',
    verify: 'Verifique la autenticidad escaneando el código QR o en {url}',
    none: 'Ninguno',
    notRecorded: 'No registrado',
    yes: 'Sí',
    no: 'No',
    estimated: '(estimada)',
    'sex.F': 'Femenino',
    'sex.M': 'Masculino',
    'sex.X': 'X',
    'sex.unknown': 'Desconocido',
  },
  en: {
    documentNumber: 'Document no. {number}',
    centre: 'Centre',
    issued: 'Issued {time}',
    page: 'Page {page} of {pages}',
    verify: 'Check authenticity by scanning the QR code or at {url}',
    none: 'None',
    notRecorded: 'Not recorded',
    yes: 'Yes',
    no: 'No',
    estimated: '(estimated)',
    'sex.F': 'Female',
    'sex.M': 'Male',
    'sex.X': 'X',
    'sex.unknown': 'Unknown',
  },
};
