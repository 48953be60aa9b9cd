import type { ReactNode } from "react";
import { ReadOnlyField } from "@crm/ui-kit";

/** A read-only label/value standing alone in a form grid (ReadOnlyField is a dt/dd pair, so it needs its own dl). */
export function InfoField({ label, children }: { label: string; children: ReactNode }) {
  return (
    <dl className="info-field">
      <ReadOnlyField label={label}>{children}</ReadOnlyField>
    </dl>
  );
}
