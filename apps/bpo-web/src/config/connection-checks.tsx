/** One line per Test Connection check, with a visible and a spoken pass/fail mark. */
export function ConnectionChecks({ title, ok, checks }: { title: string; ok: boolean; checks: { name: string; ok: boolean; detail: string }[] }) {
  return (
    <div className={`cfg-checks ${ok ? "cfg-checks--ok" : "cfg-checks--fail"}`}>
      <p className="cfg-checks__title">
        <strong>{title}:</strong> {ok ? "connection works" : "connection failed"}
      </p>
      <ul className="cfg-checks__list">
        {checks.map((c) => (
          <li key={c.name} className={c.ok ? "cfg-check--ok" : "cfg-check--fail"}>
            <span className="cfg-check__mark" aria-hidden="true">
              {c.ok ? "✓" : "✗"}
            </span>
            <span className="uk-visually-hidden">{c.ok ? "Passed:" : "Failed:"}</span>
            <strong>{c.name}</strong> — {c.detail}
          </li>
        ))}
      </ul>
    </div>
  );
}
