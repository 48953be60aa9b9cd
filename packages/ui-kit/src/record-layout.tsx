import type { ReactNode } from "react";

/**
 * A record page's body, the same in both apps: the form, and beside it the side column with the record's
 * panels and its chatter. On a window narrower than 1100 px (a 1024 px laptop) the side column moves under the
 * form, so neither is squeezed.
 */
export function RecordLayout({ main, side, sideLabel }: { main: ReactNode; side: ReactNode; sideLabel: string }) {
  return (
    <div className="uk-record">
      <div className="uk-record__main">{main}</div>
      <aside className="uk-record__side" aria-label={sideLabel}>
        {side}
      </aside>
    </div>
  );
}
