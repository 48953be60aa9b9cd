import {
  CONTRACT_VERSION,
  SHARED_LEAD_KEYS,
  ZReceiveEndorsedLeadRequestSchema,
  leadResponseFields,
  sharedLeadCardHints,
  sharedLeadDraft,
  sharedLeadValues,
} from "../src";

const endorse = {
  contractVersion: CONTRACT_VERSION,
  contactName: "Juan Dela Cruz",
  mobile: "+639175550101",
  brandCode: "CHERY",
  endorsementType: "with_sq",
  bpoSourceLeadId: 1234,
  bpoSourceLeadName: "LEAD/01234",
  bpoSourceUrl: "https://bpo.uaagi-uno.com",
};

describe("Lead fields declared once (contracts lead-fields)", () => {
  it("puts every shared field in the endorse contract and in the lead answers of both services", () => {
    const contract = Object.keys(ZReceiveEndorsedLeadRequestSchema.shape);
    expect(contract).toEqual(expect.arrayContaining(SHARED_LEAD_KEYS));
    expect(Object.keys(leadResponseFields)).toEqual(expect.arrayContaining(SHARED_LEAD_KEYS));
  });

  it("lets the endorse contract carry a preferred contact time, leave it out, and refuse one it does not know", () => {
    expect(ZReceiveEndorsedLeadRequestSchema.parse({ ...endorse, preferredContactTime: "evening" }).preferredContactTime).toBe("evening");
    expect(ZReceiveEndorsedLeadRequestSchema.parse(endorse).preferredContactTime).toBeUndefined();
    const refused = ZReceiveEndorsedLeadRequestSchema.safeParse({ ...endorse, preferredContactTime: "midnight" });
    expect(refused.error?.issues.map((i) => i.message)).toEqual(["Preferred contact time must be morning, afternoon or evening"]);
  });

  it("picks the shared fields of a record, a missing one as null, and nothing else", () => {
    const lead = { preferredContactTime: "morning" as const, contactName: "Ana" };
    expect(sharedLeadValues(lead)).toEqual({ preferredContactTime: "morning" });
    expect(sharedLeadValues({})).toEqual({ preferredContactTime: null });
  });

  it("gives the forms text for every shared field, empty when not set", () => {
    expect(sharedLeadDraft()).toEqual({ preferredContactTime: "" });
    expect(sharedLeadDraft({ preferredContactTime: "afternoon" })).toEqual({ preferredContactTime: "afternoon" });
  });

  it("shows a set field on the cards with its label in the tooltip, and nothing for an unset one", () => {
    expect(sharedLeadCardHints({ preferredContactTime: "evening" })).toEqual([
      { key: "preferredContactTime", icon: "☎", text: "Evening", title: "Preferred contact time: Evening" },
    ]);
    expect(sharedLeadCardHints({ preferredContactTime: null })).toEqual([]);
  });
});
