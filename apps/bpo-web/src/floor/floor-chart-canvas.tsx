import { BarController, BarElement, CategoryScale, Chart as ChartJS, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from "chart.js";
import { Chart } from "react-chartjs-2";
import type { FloorSummary } from "./floor-types";

// Only the pieces this chart draws (keeps the chunk small).
ChartJS.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

/**
 * Waiting leads at the end of each hour today (line) and claims in that hour (bars). The only importer of
 * chart.js: loaded lazily by floor-chart.tsx, so it is a chunk of its own that only the Floor page fetches.
 */
export default function FloorChartCanvas({ chart }: { chart: FloorSummary["chart"] }) {
  return (
    <Chart
      type="bar"
      aria-label="Waiting leads and claims per hour today"
      role="img"
      data={{
        labels: chart.hours,
        datasets: [
          { type: "line", label: "Waiting (end of hour)", data: chart.waiting, borderColor: "#dc2626", backgroundColor: "#dc2626", tension: 0.2, yAxisID: "y" },
          { type: "bar", label: "Claims", data: chart.claimed, backgroundColor: "#60a5fa", yAxisID: "y" },
          { type: "bar", label: "New leads", data: chart.created, backgroundColor: "#cbd5e1", yAxisID: "y" },
        ],
      }}
      options={{
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: "bottom" } },
      }}
    />
  );
}
