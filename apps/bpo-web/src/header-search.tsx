import { type FormEvent, useEffect, useRef, useState } from "react";
import { navigate, queryString, useLocation } from "@crm/ui-kit";
import { LEADS_PATH } from "./leads-list-page";

/** Typing into these keeps "/" as a character rather than a shortcut. */
const isTyping = (el: Element | null) => el instanceof HTMLElement && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

/**
 * The header's customer search on every page: Enter opens the Leads list with the text as its search. The
 * "/" key focuses it from anywhere except a field being typed in.
 */
export function HeaderSearch() {
  const { path, search } = useLocation();
  const [text, setText] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const current = path === LEADS_PATH ? (search.get("q") ?? "") : "";
  useEffect(() => setText(current), [current]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || isTyping(document.activeElement)) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = text.trim();
    if (!q) return;
    navigate(`${LEADS_PATH}${queryString({ q })}`);
  };
  return (
    <form className="header-search" role="search" aria-label="Find a customer" onSubmit={submit}>
      <input
        ref={input}
        type="search"
        className="header-search__input"
        aria-label="Find a customer by mobile, e-mail, name or reference"
        aria-keyshortcuts="/"
        placeholder="Find a customer…  ( / )"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </form>
  );
}
