/** Why the store could not be opened. Start-up stops with this message; nothing was written. */
export class StoreOpenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreOpenError";
  }
}
