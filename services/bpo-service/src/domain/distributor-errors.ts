/**
 * What can go wrong talking to a distributor, in the domain's terms: the sync and Test Connection decide on
 * these (retry, skip a model, report a wrong password); the Odoo 12 client in integrations raises them.
 */

export class OdooError extends Error {
  override name = "OdooError";
  /** Worth retrying later (network, timeouts, 5xx). */
  readonly retryable: boolean = false;
}
/** No usable JSON-RPC answer: refused, timed out, HTTP error, not JSON. */
export class OdooTransportError extends OdooError {
  override name = "OdooTransportError";
  override readonly retryable = true;
}
/** Wrong database, login or password (login returned false, or AccessDenied). */
export class OdooAuthError extends OdooError {
  override name = "OdooAuthError";
}
/** The service account may not read/write that model. */
export class OdooAccessError extends OdooError {
  override name = "OdooAccessError";
}
/** The model is not installed on that server (Odoo raises KeyError with the model name). */
export class OdooMissingModelError extends OdooError {
  override name = "OdooMissingModelError";
}
/** Any other server-side exception; `exceptionName` is Odoo's `data.name`. */
export class OdooServerError extends OdooError {
  override name = "OdooServerError";
  constructor(
    message: string,
    readonly exceptionName: string,
  ) {
    super(message);
  }
}
