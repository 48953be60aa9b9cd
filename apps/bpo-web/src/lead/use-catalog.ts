import { useAsync } from "@crm/ui-kit";
import { type Brand, type Dealership, type LeadSource, type Stage, type VehicleModel, api } from "../api";

export interface Catalog {
  stages: Stage[];
  brands: Brand[];
  dealerships: Dealership[];
  vehicleModels: VehicleModel[];
  sources: LeadSource[];
}

/** The reference lists the lead form's dropdowns and names need, loaded once per form. */
export function useCatalog() {
  return useAsync<Catalog>(async (signal) => {
    const [stages, brands, dealerships, vehicleModels, sources] = await Promise.all([
      api<{ stages: Stage[] }>("/api/stages", { signal }),
      api<{ brands: Brand[] }>("/api/brands", { signal }),
      api<{ dealerships: Dealership[] }>("/api/dealerships", { signal }),
      api<{ vehicleModels: VehicleModel[] }>("/api/vehicle-models", { signal }),
      api<{ sources: LeadSource[] }>("/api/lead-sources", { signal }),
    ]);
    return {
      stages: stages.stages,
      brands: brands.brands,
      dealerships: dealerships.dealerships,
      vehicleModels: vehicleModels.vehicleModels,
      sources: sources.sources,
    };
  }, []);
}

/** Dealerships that sell the brand (or every brand). */
export const dealershipsOf = (c: Catalog, brandId: number | null) => c.dealerships.filter((d) => d.brandId === null || d.brandId === brandId);
export const modelsOf = (c: Catalog, brandId: number | null) => c.vehicleModels.filter((m) => m.brandId === brandId);
