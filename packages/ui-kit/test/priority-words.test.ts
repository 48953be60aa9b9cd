import { LEAD_PRIORITIES } from "@crm/contracts";
import { PRIORITIES } from "../../../apps/bpo-web/src/lead/lead-labels";
import { PRIORITY_LABEL } from "../../../apps/dealer-web/src/format";

describe("one vocabulary in both apps", () => {
  test("a priority the BPO sends reads as the same word at the dealership", () => {
    expect(PRIORITIES.map((p) => p.label)).toEqual(LEAD_PRIORITIES.map((p) => p.label));
    expect([...PRIORITY_LABEL]).toEqual(PRIORITIES.map((p) => p.label));
  });
});
