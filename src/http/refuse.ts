import type { Response } from 'express';

/** A refusal before GraphQL is reached, as a GraphQL-shaped JSON error: the API and the report pages answer alike. */
export function refuse(res: Response, status: number, message: string, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  const code = status >= 500 ? 'INTERNAL_SERVER_ERROR' : status === 404 ? 'NOT_FOUND' : 'BAD_REQUEST';
  res.status(status).json({ errors: [{ message, extensions: { code } }] });
}
