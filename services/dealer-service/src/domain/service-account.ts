import { AppError } from "@crm/platform/core";
import type { RpcCaller } from "@crm/platform/http";
import type { Repositories } from "../data-access/dealer-store";
import type { Actor } from "./actor";

/**
 * The JSON-RPC caller as an Actor, for the methods that write: only an active service account (the BPO's)
 * may call them; anyone else is refused with `refusal` before anything is read or written.
 */
export async function serviceAccountActor(r: Repositories, caller: RpcCaller, refusal: string): Promise<Actor> {
  const user = await r.users.findById(caller.id);
  if (!user || !user.active || user.role !== "service_account") throw new AppError("forbidden", "service_account_required", refusal);
  return { id: user.id, name: user.name, role: user.role };
}
