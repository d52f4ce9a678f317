"use client";

import { useRef, useState } from "react";
import styles from "./import.module.css";

export interface DroppedText {
  name: string;
  text: string;
}

/** Drop files here or pick them (several at once); each is read as text in the browser. */
export function DropZone({ onFiles }: { onFiles: (files: DroppedText[]) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);

  const read = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    const files = await Promise.all(
      [...list].map(async (f) => {
        try {
          return { name: f.name, text: await f.text() };
        } catch {
          // An unreadable file still shows up, with a message, rather than vanishing.
          return { name: f.name, text: "" };
        }
      }),
    );
    onFiles(files);
  };

  return (
    <div
      className={`${styles.dropZone} ${over ? styles.dropZoneOver : ""}`}
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        void read(e.dataTransfer.files);
      }}
    >
      <div className={styles.dropIcon} aria-hidden>⇪</div>
      <div>
        <strong>Drop JSON files here</strong> or{" "}
        <button type="button" className={styles.linkButton} onClick={() => input.current?.click()}>
          choose files
        </button>
      </div>
      <div className="faint">
        get-execution-history · describe-execution · describe-state-machine-for-execution · an ASL definition · a Stepscope export
      </div>
      <input
        ref={input}
        type="file"
        accept=".json,application/json,text/plain"
        multiple
        hidden
        data-testid="file-input"
        onChange={(e) => {
          void read(e.target.files);
          e.target.value = "";
        }}
      />
    </div>
  );
}
