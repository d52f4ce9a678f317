"use client";

import { useState } from "react";
import styles from "./import.module.css";

/** JSON pasted from a ticket or a terminal, loaded as if it were a file. */
export function PasteBox({ onPaste }: { onPaste: (text: string) => void }) {
  const [text, setText] = useState("");
  return (
    <div className={styles.paste}>
      <label htmlFor="import-paste" className={styles.pasteLabel}>Or paste JSON</label>
      <textarea
        id="import-paste"
        data-testid="paste-input"
        className={styles.textarea}
        value={text}
        spellCheck={false}
        placeholder='{ "events": [ { "id": 1, "type": "ExecutionStarted", … } ] }'
        onChange={(e) => setText(e.target.value)}
      />
      <div className={styles.pasteActions}>
        <button type="button" disabled={text.trim() === ""} onClick={() => { onPaste(text); setText(""); }}>
          Load pasted JSON
        </button>
      </div>
    </div>
  );
}
