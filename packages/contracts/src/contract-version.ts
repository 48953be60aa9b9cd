import { z } from "zod";

/** Bumped on any breaking change to a payload; receivers refuse versions they do not know. */
export const CONTRACT_VERSION = 1 as const;
export const ZContractVersion = z.literal(CONTRACT_VERSION, {
  error: `contractVersion must be ${CONTRACT_VERSION}`,
});

/** The header that carries a correlation id from one service into the other's logs. */
export const CORRELATION_ID_HEADER = "x-correlation-id";
