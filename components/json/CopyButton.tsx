"use client";
import { useState } from "react";
import { UI } from "@/components/timeline/palette";

/** Copies `text` as is (the raw payload, not a re-serialisation of the tree). */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 1500);
  };
  return (
    <button type="button" onClick={copy} style={buttonStyle} title="Copy the raw text to the clipboard">
      {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : label}
    </button>
  );
}

export const buttonStyle = {
  font: "inherit",
  fontSize: 11,
  padding: "1px 6px",
  border: `1px solid ${UI.border}`,
  borderRadius: 4,
  background: "#fff",
  color: UI.text,
  cursor: "pointer",
} as const;

export const linkButtonStyle = {
  font: "inherit",
  fontSize: 11,
  padding: 0,
  border: "none",
  background: "none",
  color: UI.accent,
  cursor: "pointer",
  textDecoration: "underline",
} as const;
