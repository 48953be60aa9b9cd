import { useEffect, useState } from "react";
import type { BpoInstance } from "../../../services/bpo-service/src/http/routes/instance-routes";
import { api } from "./api";

let asked: Promise<string> | null = null;

/**
 * The BPO's business time zone (GET /api/instance), fetched once per page load: the date presets count its
 * days, as the server does with the From/To it is sent. Null until known.
 */
export function useBusinessTimeZone(): string | null {
  const [tz, setTz] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    asked ??= api<BpoInstance>("/api/instance").then((i) => i.timeZone);
    asked.then(
      (z) => live && setTz(z),
      () => {
        // Asked again next time; the presets wait meanwhile, the From/To inputs still work.
        asked = null;
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return tz;
}
