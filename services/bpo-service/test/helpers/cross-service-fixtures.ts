import type { BpoTestApp, TestUser } from "./bpo-test-app";
import { makeDealership } from "./factories";
import type { RunningDealer } from "./running-dealer";

/**
 * The Chery set-up cross-service tests start from: the Tiggo 7 Pro on both sides (the BPO's vehicle model, the
 * dealer's brand and product of the same code) and the BPO dealership MAKATI connected to the running dealer.
 * Returns that dealership's id.
 */
export async function connectTiggoDealership(t: BpoTestApp, manager: TestUser, dealer: RunningDealer, brandId: number): Promise<number> {
  await t.c.store.repos.catalog.createVehicleModel({ brandId, name: "Tiggo 7 Pro", code: "TIGGO7PRO" });
  const dealerBrand = await dealer.d.c.store.repos.catalog.createBrand({ code: "CHERY", name: "Chery" });
  await dealer.d.c.store.repos.catalog.createProduct({ brandId: dealerBrand.id, defaultCode: "TIGGO7PRO", name: "Chery Tiggo 7 Pro", listPrice: 1_298_000 });
  const dealershipId = (await makeDealership(t, brandId, "MAKATI")).id;
  await t.as(manager).put(`/api/dealerships/${dealershipId}/connection`, { url: dealer.url, key: dealer.serviceKey });
  return dealershipId;
}
