"use client";

import { useMemo, useState } from "react";
import { matchImports, readImportFile, type ImportedExecution } from "@/lib/import";
import { ExecutionPostmortem } from "@/components/execution/ExecutionPostmortem";
import { ExportMenu } from "@/components/execution/ExportMenu";
import { DropZone, type DroppedText } from "./DropZone";
import { FileList, type FileEntry } from "./FileList";
import { PasteBox } from "./PasteBox";
import styles from "./import.module.css";

/**
 * The offline execution page: files dropped, picked or pasted are read and matched in the
 * browser (nothing is sent anywhere), and each execution found is shown on the same page as a
 * live one. A bad file is listed with its message; the good ones load regardless.
 */
export function ImportView() {
  const [entries, setEntries] = useState<FileEntry[]>([]);
  const [nextId, setNextId] = useState(1);
  const [pastes, setPastes] = useState(0);
  const [chosenKey, setChosenKey] = useState<string>();

  const result = useMemo(() => matchImports(entries.map((e) => e.file)), [entries]);
  const chosen = result.executions.find((x) => x.key === chosenKey) ?? result.executions[result.executions.length - 1];

  const add = (files: DroppedText[]) => {
    const read = files.map((f, i) => ({ id: nextId + i, file: readImportFile(f.name, f.text) }));
    setNextId(nextId + files.length);
    setEntries((prev) => [...prev, ...read]);
    setChosenKey(undefined);
  };

  return (
    <div className="exec-page">
      <section className="panel" data-testid="import-panel">
        <div className="panel-title">
          <h2>Import an execution</h2>
          <span className="faint">read in this browser only: no AWS access, nothing uploaded</span>
          <span className="spacer" />
          {entries.length > 0 && <button type="button" onClick={() => { setEntries([]); setChosenKey(undefined); }}>Clear all</button>}
        </div>
        <div className={styles.inputs}>
          <DropZone onFiles={add} />
          <PasteBox
            onPaste={(text) => {
              setPastes(pastes + 1);
              add([{ name: `pasted-${pastes + 1}.json`, text }]);
            }}
          />
        </div>
        <FileList entries={entries} onRemove={(id) => setEntries((prev) => prev.filter((e) => e.id !== id))} />
        {result.notes.map((note) => (
          <p key={note} className={styles.note} data-testid="import-note">{note}</p>
        ))}
        {entries.length === 0 && <Help />}
      </section>
      {result.executions.length > 1 && (
        <div className="tabs" role="tablist" aria-label="Imported executions">
          {result.executions.map((x) => (
            <button key={x.key} type="button" role="tab" aria-selected={x === chosen} className={`tab ${x === chosen ? "active" : ""}`} onClick={() => setChosenKey(x.key)}>
              {x.detail.name} <span className="faint">· {x.detail.status.toLowerCase()}</span>
            </button>
          ))}
        </div>
      )}
      {chosen && <ImportedExecutionPage key={chosen.key} imported={chosen} />}
    </div>
  );
}

function ImportedExecutionPage({ imported }: { imported: ImportedExecution }) {
  const { detail, events, model } = imported;
  const lastEvent = events[events.length - 1];
  const now = detail.stoppedAt ?? model.stoppedAt ?? (typeof lastEvent?.timestamp === "number" ? lastEvent.timestamp : detail.startedAt);
  return (
    <div data-testid="imported-execution">
      {!imported.hasDefinition && (
        <div className="notice notice-info" data-testid="definition-needed">
          <strong>No definition.</strong>
          <span>
            The graph needs the state machine&apos;s definition: add the output of <code>aws stepfunctions describe-state-machine-for-execution</code> (or
            the ASL JSON). The timeline, state detail and events below come from the history alone.
          </span>
        </div>
      )}
      <ExecutionPostmortem execution={detail} events={events} model={model} live={false} now={now} actions={<ExportMenu execution={detail} events={events} model={model} />} />
    </div>
  );
}

function Help() {
  return (
    <div className={styles.help}>
      <p className="muted">Get the files with the AWS CLI, then drop them here together:</p>
      <pre className={styles.commands}>{`aws stepfunctions get-execution-history --execution-arn ARN --output json > history.json
aws stepfunctions describe-execution --execution-arn ARN --output json > execution.json
aws stepfunctions describe-state-machine-for-execution --execution-arn ARN --output json > definition.json`}</pre>
    </div>
  );
}
