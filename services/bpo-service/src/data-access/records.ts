// Plain record types the data-access layer hands to the domain. No Prisma value crosses this line (lead
// records are derived from the Prisma model's types, so a new column reaches them by itself): decimals become numbers, dates stay Date, relations are flattened to what screens show.
import type { SharedLeadKey } from "@crm/contracts";
import type { ChatterLineRecord, FieldChange, MessageKind, NewChatterLine, SessionUser } from "@crm/platform/core";
import type { Prisma } from "./prisma-client/client";

/** A Prisma row with its decimals as numbers (the repositories convert them): records follow the schema. */
type Plain<Row> = {
  [K in keyof Row]: Row[K] extends Prisma.Decimal ? number : Row[K] extends Prisma.Decimal | null ? number | null : Row[K];
};

export type Role = "agent" | "supervisor" | "manager";

/** A user as sessions and the users screen read it: the platform's session user with this service's roles. */
export interface UserRecord extends SessionUser {
  role: Role;
}

export interface NamedRef {
  id: number;
  name: string;
}

/** A lead row as the domain reads it: the Prisma model with money as numbers and preferredDate as YYYY-MM-DD. */
export type LeadRecord = Omit<Plain<Prisma.LeadGetPayload<object>>, "preferredDate"> & { preferredDate: string | null };

/** A lead as the form shows it: the record plus display names of everything it points to. */
export interface LeadView extends LeadRecord {
  brand: NamedRef & { code: string };
  dealership: (NamedRef & { code: string }) | null;
  vehicleModel: (NamedRef & { code: string | null }) | null;
  source: NamedRef & { code: string; sourceType: string };
  stage: NamedRef & { isWon: boolean; isLost: boolean };
  user: NamedRef | null;
}

/** What a kanban card shows. */
export interface LeadCard extends Pick<LeadRecord, SharedLeadKey> {
  id: number;
  reference: string;
  contactName: string;
  mobile: string;
  brandId: number;
  stageId: number;
  userId: number | null;
  userName: string | null;
  vehicleModelName: string | null;
  sourceCode: string;
  sourceName: string;
  sourceType: string;
  priority: number;
  createdAt: Date;
  /** Due date (YYYY-MM-DD) of the lead's earliest open activity: the card's red/yellow/green pill. */
  nextActivityDue: string | null;
  /** A Floor threshold this lead is past: waiting too long to be claimed, or claimed and not called in time. */
  breach: "claim" | "first_call" | null;
}

export type { FieldChange, MessageKind };

export interface LeadMessageRecord extends ChatterLineRecord {
  leadId: number;
}

export interface NewLeadMessage extends NewChatterLine {
  leadId: number;
}
