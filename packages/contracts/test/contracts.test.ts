import {
  CONTRACT_VERSION,
  ZApplyDealerOutcomeRequestSchema,
  ZReceiveEndorsedLeadRequestSchema,
  ZSystemPingRequestSchema,
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

describe("cross-service contracts", () => {
  it("every payload must carry the contract version both sides speak", () => {
    expect(ZSystemPingRequestSchema.safeParse({ contractVersion: CONTRACT_VERSION }).success).toBe(true);
    const wrong = ZSystemPingRequestSchema.safeParse({ contractVersion: 99 });
    expect(wrong.success).toBe(false);
    expect(wrong.error!.issues[0]!.message).toBe(`contractVersion must be ${CONTRACT_VERSION}`);
    expect(ZReceiveEndorsedLeadRequestSchema.safeParse({ ...endorse, contractVersion: undefined }).success).toBe(false);
  });

  it("an endorsement fills defaults and refuses unknown fields", () => {
    const parsed = ZReceiveEndorsedLeadRequestSchema.parse(endorse);
    expect(parsed).toMatchObject({ quantity: 1, hasTradeIn: false, financingNeeded: false, priority: 1 });
    expect(ZReceiveEndorsedLeadRequestSchema.safeParse({ ...endorse, isAdmin: true }).success).toBe(false);
    expect(ZReceiveEndorsedLeadRequestSchema.safeParse({ ...endorse, priority: 4 }).success).toBe(false);
  });

  it("a lost outcome needs its reason", () => {
    const base = {
      contractVersion: CONTRACT_VERSION,
      bpoSourceLeadId: 1,
      dealerCode: "MAKATI",
      dealerLeadId: 7,
      dealerLeadName: "DLEAD/00007",
      occurredAt: new Date().toISOString(),
    };
    expect(ZApplyDealerOutcomeRequestSchema.safeParse({ ...base, outcome: "won" }).success).toBe(true);
    const lost = ZApplyDealerOutcomeRequestSchema.safeParse({ ...base, outcome: "lost" });
    expect(lost.success).toBe(false);
    expect(lost.error!.issues[0]!.path).toEqual(["lostReason"]);
  });
});
