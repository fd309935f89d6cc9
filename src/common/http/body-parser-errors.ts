import { HttpException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const MESSAGES: Record<string, string> = {
  'entity.parse.failed': 'Malformed JSON body',
  'entity.too.large': 'Request body is too large',
  'entity.verify.failed': 'Invalid request body',
  'encoding.unsupported': 'Unsupported body encoding',
  'charset.unsupported': 'Unsupported body charset',
  'request.aborted': 'Request body was not received completely',
  'request.size.invalid': 'Request body size does not match Content-Length',
  'stream.encoding.set': 'Invalid request body',
  'parameters.too.many': 'Too many body parameters',
};

/**
 * Express error middleware placed right after the body parsers. Without it Nest turns a parse error into a
 * bare 400 carrying the parser's own message; here every body-parser refusal (400, 413, 415) becomes an
 * HttpException with a stable message and a `body` detail, which the global filter renders in the error shape.
 */
export function bodyParserErrors(err: unknown, _req: Request, _res: Response, next: NextFunction): void {
  const e = err as ParserError;
  if (
    typeof e === 'object' &&
    e !== null &&
    typeof e.status === 'number' &&
    e.status >= 400 &&
    e.status < 500
  ) {
    const message = messageFor(e);
    return next(new HttpException({ message, details: [{ field: 'body', message }] }, e.status));
  }
  next(err);
}

interface ParserError {
  type?: unknown;
  status?: unknown;
  code?: unknown;
}

function messageFor(e: ParserError): string {
  if (typeof e.type === 'string' && MESSAGES[e.type]) return MESSAGES[e.type];
  // A body that does not decompress as its Content-Encoding says carries the decoder's code and no type:
  // zlib's (gzip, deflate: Z_DATA_ERROR) or Brotli's (br: ERR__ERROR_FORMAT_..., Node's spelling of
  // BROTLI_DECODER_ERROR_FORMAT_...).
  if (typeof e.code === 'string' && /^(Z_|ERR__ERROR_)/.test(e.code))
    return 'Request body does not match its Content-Encoding';
  return 'Invalid request body';
}
