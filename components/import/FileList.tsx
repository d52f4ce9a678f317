"use client";

import type { ImportedFile } from "@/lib/import";
import styles from "./import.module.css";

export interface FileEntry {
  id: number;
  file: ImportedFile;
}

/** Each imported file with what it was read as, or exactly why it could not be. */
export function FileList({ entries, onRemove }: { entries: FileEntry[]; onRemove: (id: number) => void }) {
  if (entries.length === 0) return null;
  return (
    <ul className={styles.files} data-testid="import-files">
      {entries.map(({ id, file }) => (
        <li key={id} className={file.kind === "error" ? styles.fileBad : styles.fileGood} data-testid="import-file" data-kind={file.kind}>
          <span className={styles.fileMark} aria-hidden>{file.kind === "error" ? "✕" : "✓"}</span>
          <span className={styles.fileName} title={file.fileName}>{file.fileName}</span>
          {file.kind === "error" ? (
            <span className={styles.fileError} data-testid="import-error">{file.message}</span>
          ) : (
            <span className="muted">{describe(file)}</span>
          )}
          <button type="button" className={styles.remove} aria-label={`Remove ${file.fileName}`} onClick={() => onRemove(id)}>×</button>
        </li>
      ))}
    </ul>
  );
}

function describe(file: Exclude<ImportedFile, { kind: "error" }>): string {
  switch (file.kind) {
    case "history":
      return `history · ${file.events.length.toLocaleString("en-US")} events`;
    case "description":
      return `execution description · ${file.description.name} · ${file.description.status}`;
    case "definition":
      return `definition${file.stateMachineName ? ` · ${file.stateMachineName}` : ""}`;
    case "export":
      return `Stepscope export · ${file.execution.name} · ${file.events.length.toLocaleString("en-US")} events`;
  }
}
