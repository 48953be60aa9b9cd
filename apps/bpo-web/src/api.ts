/** The BPO web app's API types; the fetch client itself is shared from ui-kit. */
export { ApiError, api, errorMessage, queryString } from "@crm/ui-kit";

export interface User {
  id: number;
  name: string;
  role: "agent" | "supervisor" | "manager";
  login?: string;
}

export interface LeadCard {
  id: number;
  reference: string;
  contactName: string;
  mobile: string;
  brandId: number;
  userId: number | null;
  userName: string | null;
  vehicleModelName: string | null;
  sourceName: string;
  sourceType: string;
}

export interface OpenLeadsColumn {
  brand: { id: number; name: string; code: string };
  count: number;
  cards: LeadCard[];
  nextCursor: string | null;
}

export type LiveEvent = { type: "lead.claimed"; leadId: number; userId: number } | { type: "lead.changed"; leadId: number };
