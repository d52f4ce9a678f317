"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { searchTarget } from "./search-target";
import { submittedText } from "./submitted-text";

/** The one search box, in the header of every page: an execution ARN, a name or the start of a name. */
export function HeaderSearch() {
  const router = useRouter();
  const [text, setText] = useState("");
  return (
    // A plain GET form too: Enter pressed before the scripts have run still searches (the search
    // page sends an ARN on to its execution or state machine).
    <form
      role="search"
      className="header-search"
      action="/search"
      method="get"
      onSubmit={(e) => {
        e.preventDefault();
        // What the box holds, not the state: text typed before hydration never reached onChange.
        const target = searchTarget(submittedText(e.currentTarget));
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
