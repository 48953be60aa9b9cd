import type { DbClient } from "./db-client";

export interface BpoConnectionRecord {
  url: string;
  keySealed: string;
  updatedById: number | null;
  updatedAt: Date;
}

const select = { url: true, keySealed: true, updatedById: true, updatedAt: true } as const;

/** The single bpo_connection row (id = 1). */
export class BpoConnectionRepository {
  constructor(private readonly db: DbClient) {}

  get(): Promise<BpoConnectionRecord | null> {
    return this.db.bpoConnection.findUnique({ where: { id: 1 }, select });
  }

  set(data: { url: string; keySealed: string; updatedById: number | null }): Promise<BpoConnectionRecord> {
    return this.db.bpoConnection.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data, select });
  }
}
