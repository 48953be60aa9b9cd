import { BarController, BarElement, CategoryScale, Chart as ChartJS, Legend, LineController, LineElement, LinearScale, PointElement, Tooltip } from "chart.js";
import { Chart } from "react-chartjs-2";
import type { FloorSummary } from "./floor-types";

// Only the pieces this chart draws (keeps the bundle small).
ChartJS.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

/** Waiting leads at the end of each hour today (line) and claims in that hour (bars). */
export function FloorChart({ chart }: { chart: FloorSummary["chart"] }) {
  return (
    <figure className="floor-chart">
      <div className="floor-chart__canvas">
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
      </div>
      <figcaption className="uk-muted">
        Hours of today in the business time zone. Waiting is worked back from the pool now, hour by hour (new leads in, claims out).
      </figcaption>
    </figure>
  );
}
