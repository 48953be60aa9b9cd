import type { LeadRecord, PartnerRecord, Repositories } from "../data-access/dealer-store";

type Contact = Pick<LeadRecord, "contactName" | "mobile" | "phone" | "email" | "street" | "city" | "zipCode" | "countryId" | "stateId">;

/**
 * dealer-2 partner matching: reuse the partner with this mobile, else this email, else create one from the
 * contact fields. Used when a quotation needs a customer, and later by the endorsement intake.
 */
export async function findOrCreatePartner(r: Repositories, c: Contact): Promise<PartnerRecord> {
  const byMobile = await r.partners.findByMobile(c.mobile);
  if (byMobile) return byMobile;
  const byEmail = c.email ? await r.partners.findByEmail(c.email) : null;
  if (byEmail) return byEmail;
  return r.partners.create({
    name: c.contactName,
    mobile: c.mobile,
    phone: c.phone,
    email: c.email,
    street: c.street,
    city: c.city,
    zipCode: c.zipCode,
    countryId: c.countryId,
    stateId: c.stateId,
  });
}
