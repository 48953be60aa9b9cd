import { matchableEmail, matchableValue, normalizeEmail } from "@crm/platform/core";
import type { LeadRecord, PartnerRecord, Repositories } from "../data-access/dealer-store";

type Contact = Pick<LeadRecord, "contactName" | "mobile" | "phone" | "email" | "street" | "city" | "zipCode" | "countryId" | "stateId">;

/**
 * dealer-2 partner matching: reuse the partner with this mobile, else this email, else create one from the
 * contact fields. Used when a quotation needs a customer, by the endorsement intake and by Mark Won's push.
 * A placeholder (`N/A`, `Unknown`, empty) never matches: every customer without a mobile is not one customer.
 * E-mails are stored lowercased, so an equal lowercased value is a case-insensitive match.
 */
export async function findOrCreatePartner(r: Repositories, c: Contact): Promise<PartnerRecord> {
  const mobile = matchableValue(c.mobile);
  const byMobile = mobile ? await r.partners.findByMobile(mobile) : null;
  if (byMobile) return byMobile;
  const email = matchableEmail(c.email);
  const byEmail = email ? await r.partners.findByEmail(email) : null;
  if (byEmail) return byEmail;
  return r.partners.create({
    name: c.contactName,
    mobile: c.mobile,
    phone: c.phone,
    email: normalizeEmail(c.email),
    street: c.street,
    city: c.city,
    zipCode: c.zipCode,
    countryId: c.countryId,
    stateId: c.stateId,
  });
}
