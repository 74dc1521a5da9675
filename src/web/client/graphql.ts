import { canSend, currentSession, forgetToken, type Session } from './session.js';

interface GraphQLErrorBody {
  readonly message: string;
  readonly extensions?: { readonly code?: string; readonly field?: string; readonly rule?: string };
}

/** A refusal from the server: its code, and the field and rule it names when it names one. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly rule?: string,
  ) {
    super(message);
  }
}

/** The network is not there: the caller keeps the work and tries again later. */
export class Offline extends Error {}

/** One GraphQL request as the signed-in user; data, or an ApiError, or Offline. */
export async function graphql<T>(given: Session, query: string, variables?: Record<string, unknown>): Promise<T> {
  // The newest sign-in on this device (another tab may have signed in again since the page opened).
  const session = currentSession() ?? given;
  if (!canSend(session)) throw new ApiError('UNAUTHENTICATED', 'the sign-in has expired');
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ query, variables }),
      credentials: 'same-origin',
    });
  } catch {
    throw new Offline('no network');
  }
  const body = (await response.json().catch(() => ({}))) as { data?: T; errors?: GraphQLErrorBody[] };
  const [first] = body.errors ?? [];
  if (first) {
    const code = first.extensions?.code ?? 'ERROR';
    if (code === 'UNAUTHENTICATED') forgetToken();
    throw new ApiError(code, first.message, first.extensions?.field, first.extensions?.rule);
  }
  if (!response.ok || body.data === undefined) throw new ApiError(response.status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST', `HTTP ${response.status}`);
  return body.data;
}
