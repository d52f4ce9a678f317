/** Search over the stored executions: the query language, the keyset cursor, payload flattening. Pure. */
export { parseSearchQuery, usesPayloads, canonicalValue, parseTime, SearchQueryError, SEARCH_STATUSES, type SearchQuery, type PayloadFieldTerm, type PayloadTextTerm } from "./query";
export { encodeSearchCursor, decodeSearchCursor, SearchCursorError, type SearchCursor } from "./cursor";
export { parseMachineGlobs, type MachineMatcher } from "./machine-glob";
export { flattenPayload, MAX_FIELDS_PER_PAYLOAD, MAX_FIELD_VALUE_LENGTH, type PayloadField, type FlattenedPayload } from "./payload-fields";
