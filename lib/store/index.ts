/** The persistent store: SQLite by default, Postgres when shared. Server only. */
import "@/lib/server/server-only";
export { parseDatabaseUrl, describeLocation, DEFAULT_SQLITE_FILE, DatabaseUrlError, type DatabaseLocation } from "./database-url";
export { openStore, type OpenStoreOptions } from "./open";
export { StoreOpenError } from "./errors";
export { SCHEMA_VERSION } from "./migrations";
export { Store, type StoredExecution, type ExecutionPage, type ChangedPage, type ListingCursor, type FailureRecordRow, type ErrorGroupRow } from "./store";
export { tryAcquireLease, takeOverLease, releaseLease, readLease, databaseTime, databaseNowMs, type LeaseState } from "./lease";
export { searchExecutions, putPayloads, executionsAwaitingPayloads, storedExecution, type SearchHit, type SearchPage, type PayloadRecord, type PayloadScanPosition } from "./search";
export { noteFiguresWanted, wantedFigureWindows, putFigures, storedFigures, type StoredFigures } from "./metric-figures";
