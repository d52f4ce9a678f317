"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { searchTarget } from "./search-target";

/** The one search box, in the header of every page: an execution ARN, a name or the start of a name. */
export function HeaderSearch() {
  const router = useRouter();
  const [text, setText] = useState("");
  return (
    <form
      role="search"
      className="header-search"
      onSubmit={(e) => {
        e.preventDefault();
        const target = searchTarget(text);
        if (target) router.push(target);
      }}
    >
      <input
        type="search"
        name="q"
        aria-label="Search executions by ARN or name"
        placeholder="Execution ARN or name…"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </form>
  );
}
